CREATE TABLE "core"."email_verifications" (
	"owner_id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."outgoing_mail" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "core"."owners_email_idx";--> statement-breakpoint
ALTER TABLE "core"."owners" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "core"."email_verifications" ADD CONSTRAINT "email_verifications_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "core"."owners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outgoing_mail_recipient_idx" ON "core"."outgoing_mail" USING btree ("recipient");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_email_idx" ON "core"."owners" USING btree ("email") WHERE "core"."owners"."email_verified_at" is not null;