CREATE TABLE "gateway"."api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"divisions" text[] NOT NULL,
	"requests_per_minute" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gateway"."trusted_operations" (
	"client_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"name" text NOT NULL,
	"document" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trusted_operations_client_id_sha256_pk" PRIMARY KEY("client_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "gateway"."api_keys" ADD CONSTRAINT "api_keys_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "gateway"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway"."trusted_operations" ADD CONSTRAINT "trusted_operations_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "gateway"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_name_idx" ON "gateway"."api_clients" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_idx" ON "gateway"."api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "api_keys_client_id_idx" ON "gateway"."api_keys" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "trusted_operations_sha256_idx" ON "gateway"."trusted_operations" USING btree ("sha256");