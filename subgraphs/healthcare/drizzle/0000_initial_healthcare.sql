CREATE TABLE "healthcare"."owner_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"clerk_id" text
);
--> statement-breakpoint
CREATE TABLE "healthcare"."pet_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"owner_id" uuid,
	"name" text,
	"status" text
);
--> statement-breakpoint
CREATE TABLE "healthcare"."notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text,
	"roles" text[] NOT NULL,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"request_id" text
);
--> statement-breakpoint
CREATE INDEX "notes_pet_id_idx" ON "healthcare"."notes" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "healthcare"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "healthcare"."audit_log" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "healthcare"."audit_log" USING btree ("actor");