CREATE TYPE "licensure"."certification_type" AS ENUM('SERVICE_DOG', 'ESA', 'THERAPY_DOG', 'GOOD_CITIZEN', 'TRAINING_SPECIALTY', 'HEALTH_CLEARANCE', 'COMPETITION_TITLE');--> statement-breakpoint
CREATE TYPE "licensure"."health_record_type" AS ENUM('VACCINATION', 'SURGERY', 'MEDICATION', 'LAB_RESULT', 'DIAGNOSIS', 'TREATMENT', 'EXAM');--> statement-breakpoint
CREATE TYPE "licensure"."jurisdiction_type" AS ENUM('CITY', 'COUNTY', 'STATE');--> statement-breakpoint
CREATE TYPE "licensure"."license_status" AS ENUM('ACTIVE', 'EXPIRED', 'PENDING', 'REVOKED');--> statement-breakpoint
CREATE TYPE "licensure"."lost_found_status" AS ENUM('LOST', 'SIGHTING_REPORTED', 'FOUND', 'CLOSED');--> statement-breakpoint
CREATE TYPE "licensure"."membership_tier" AS ENUM('FREE', 'BASIC', 'PLUS', 'PREMIUM', 'FAMILY');--> statement-breakpoint
CREATE TYPE "licensure"."pet_status" AS ENUM('ACTIVE', 'LOST', 'FOUND', 'DECEASED', 'TRANSFERRED');--> statement-breakpoint
CREATE TYPE "licensure"."vaccine_type" AS ENUM('CORE', 'NON_CORE', 'LIFESTYLE');--> statement-breakpoint
CREATE SEQUENCE "licensure"."registry_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "licensure"."certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"registry_id" uuid NOT NULL,
	"type" "licensure"."certification_type" NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"issued_by" text NOT NULL,
	"issuing_organization" text,
	"certification_number" text,
	"issued_date" date NOT NULL,
	"expires_date" date,
	"renewal_required" boolean DEFAULT false NOT NULL,
	"document_urls" text[] DEFAULT '{}' NOT NULL,
	"badge_url" text,
	"verified" boolean DEFAULT false NOT NULL,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licensure"."health_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"registry_id" uuid NOT NULL,
	"record_type" "licensure"."health_record_type" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"date" date NOT NULL,
	"veterinarian_id" text,
	"clinic_name" text,
	"medications" jsonb,
	"allergies" text[] DEFAULT '{}' NOT NULL,
	"conditions" text[] DEFAULT '{}' NOT NULL,
	"document_urls" text[] DEFAULT '{}' NOT NULL,
	"blockchain_tx_hash" text,
	"immutable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licensure"."municipal_licenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"registry_id" uuid NOT NULL,
	"license_number" text NOT NULL,
	"jurisdiction_type" "licensure"."jurisdiction_type" NOT NULL,
	"jurisdiction_name" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"issued_date" date NOT NULL,
	"expires_date" date NOT NULL,
	"fee_cents" integer NOT NULL,
	"fee_currency" char(3) DEFAULT 'USD' NOT NULL,
	"paid" boolean DEFAULT false NOT NULL,
	"paid_at" timestamp with time zone,
	"transaction_id" text,
	"status" "licensure"."license_status" DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licensure"."lost_pet_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"registry_id" uuid NOT NULL,
	"reported_by" text NOT NULL,
	"lost_date" timestamp with time zone NOT NULL,
	"last_seen_location" jsonb NOT NULL,
	"physical_description" text NOT NULL,
	"wearing" text[] DEFAULT '{}' NOT NULL,
	"behavior_notes" text,
	"status" "licensure"."lost_found_status" DEFAULT 'LOST' NOT NULL,
	"status_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"alert_radius" integer DEFAULT 5 NOT NULL,
	"alerts_sent" integer DEFAULT 0 NOT NULL,
	"sightings_reported" integer DEFAULT 0 NOT NULL,
	"found_date" timestamp with time zone,
	"found_by" text,
	"found_location" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licensure"."pet_registry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"registry_number" text DEFAULT 'PSA-' || lpad(nextval('licensure.registry_number_seq')::text, 8, '0') NOT NULL,
	"blockchain_tx_hash" text,
	"microchip_number" text,
	"tattoo_id" text,
	"dna_profile_id" text,
	"status" "licensure"."pet_status" DEFAULT 'ACTIVE' NOT NULL,
	"status_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"membership_tier" "licensure"."membership_tier" DEFAULT 'FREE' NOT NULL,
	"membership_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licensure"."vaccinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"registry_id" uuid NOT NULL,
	"vaccine_name" text NOT NULL,
	"vaccine_type" "licensure"."vaccine_type" NOT NULL,
	"administered_date" date NOT NULL,
	"next_due_date" date,
	"administered_by" text NOT NULL,
	"clinic_name" text,
	"manufacturer" text,
	"lot_number" text,
	"expiration_date" date,
	"certificate_url" text,
	"blockchain_tx_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "licensure"."certifications" ADD CONSTRAINT "certifications_registry_id_pet_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "licensure"."pet_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensure"."health_records" ADD CONSTRAINT "health_records_registry_id_pet_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "licensure"."pet_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensure"."municipal_licenses" ADD CONSTRAINT "municipal_licenses_registry_id_pet_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "licensure"."pet_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensure"."lost_pet_reports" ADD CONSTRAINT "lost_pet_reports_registry_id_pet_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "licensure"."pet_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensure"."vaccinations" ADD CONSTRAINT "vaccinations_registry_id_pet_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "licensure"."pet_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certifications_pet_id_idx" ON "licensure"."certifications" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "certifications_type_idx" ON "licensure"."certifications" USING btree ("type");--> statement-breakpoint
CREATE INDEX "health_records_pet_id_idx" ON "licensure"."health_records" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "health_records_record_type_idx" ON "licensure"."health_records" USING btree ("record_type");--> statement-breakpoint
CREATE UNIQUE INDEX "municipal_licenses_license_number_idx" ON "licensure"."municipal_licenses" USING btree ("license_number");--> statement-breakpoint
CREATE INDEX "municipal_licenses_pet_id_idx" ON "licensure"."municipal_licenses" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "municipal_licenses_jurisdiction_code_idx" ON "licensure"."municipal_licenses" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE INDEX "lost_pet_reports_pet_id_idx" ON "licensure"."lost_pet_reports" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "lost_pet_reports_status_idx" ON "licensure"."lost_pet_reports" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "pet_registry_pet_id_idx" ON "licensure"."pet_registry" USING btree ("pet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pet_registry_registry_number_idx" ON "licensure"."pet_registry" USING btree ("registry_number");--> statement-breakpoint
CREATE INDEX "vaccinations_pet_id_idx" ON "licensure"."vaccinations" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "vaccinations_next_due_date_idx" ON "licensure"."vaccinations" USING btree ("next_due_date");