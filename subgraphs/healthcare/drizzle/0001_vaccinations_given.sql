CREATE TYPE "healthcare"."vaccine_type" AS ENUM('CORE', 'NON_CORE', 'LIFESTYLE');--> statement-breakpoint
CREATE TABLE "healthcare"."appointment_vaccinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"pet_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"clinic_name" text NOT NULL,
	"vaccine_name" text NOT NULL,
	"vaccine_type" "healthcare"."vaccine_type" NOT NULL,
	"administered_date" date NOT NULL,
	"next_due_date" date,
	"administered_by" text NOT NULL,
	"manufacturer" text NOT NULL,
	"lot_number" text NOT NULL,
	"expiration_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"envelope" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_vaccinations_appointment_id_vaccine_name_idx" ON "healthcare"."appointment_vaccinations" USING btree ("appointment_id","vaccine_name");--> statement-breakpoint
CREATE INDEX "appointment_vaccinations_pet_id_idx" ON "healthcare"."appointment_vaccinations" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "healthcare"."outbox" USING btree ("id") WHERE "healthcare"."outbox"."sent_at" is null;