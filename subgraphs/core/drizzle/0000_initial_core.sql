CREATE TYPE "core"."household_role" AS ENUM('PRIMARY', 'SECONDARY', 'CAREGIVER');--> statement-breakpoint
CREATE TYPE "core"."membership_tier" AS ENUM('FREE', 'BASIC', 'PLUS', 'PREMIUM', 'FAMILY');--> statement-breakpoint
CREATE TYPE "core"."pet_sex" AS ENUM('MALE', 'FEMALE', 'NEUTERED', 'SPAYED');--> statement-breakpoint
CREATE TYPE "core"."pet_species" AS ENUM('DOG', 'CAT', 'BIRD', 'RABBIT', 'OTHER');--> statement-breakpoint
CREATE TYPE "core"."pet_status" AS ENUM('ACTIVE', 'LOST', 'FOUND', 'DECEASED', 'TRANSFERRED');--> statement-breakpoint
CREATE TABLE "core"."household_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"role" "core"."household_role" DEFAULT 'SECONDARY' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_members_household_id_owner_id_unique" UNIQUE("household_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "core"."households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"primary_owner_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."owners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clerk_id" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"middle_name" text,
	"street1" text,
	"street2" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"country" text DEFAULT 'USA' NOT NULL,
	"membership_level" "core"."membership_tier" DEFAULT 'FREE' NOT NULL,
	"membership_start_date" timestamp with time zone DEFAULT now() NOT NULL,
	"membership_expires_at" timestamp with time zone,
	"email_notifications" boolean DEFAULT true NOT NULL,
	"sms_notifications" boolean DEFAULT false NOT NULL,
	"push_notifications" boolean DEFAULT true NOT NULL,
	"newsletter_opt_in" boolean DEFAULT true NOT NULL,
	"data_sharing" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."pets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"species" "core"."pet_species" NOT NULL,
	"breed" text[] DEFAULT '{}' NOT NULL,
	"mix_breed" boolean DEFAULT false NOT NULL,
	"sex" "core"."pet_sex" NOT NULL,
	"birth_date" date NOT NULL,
	"approximate_age" boolean DEFAULT false NOT NULL,
	"weight" double precision NOT NULL,
	"height" double precision,
	"color" text[] DEFAULT '{}' NOT NULL,
	"markings" text,
	"photos" text[] DEFAULT '{}' NOT NULL,
	"microchip_number" text,
	"tattoo_id" text,
	"registry_number" text,
	"blockchain_id" text,
	"owner_id" uuid NOT NULL,
	"household_id" uuid,
	"status" "core"."pet_status" DEFAULT 'ACTIVE' NOT NULL,
	"status_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emergency_contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"license_id" text,
	"insurance_policy_id" text,
	"dna_profile_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."breeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"species_id" integer NOT NULL,
	"name" varchar(100) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."species" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(50) NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "species_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "core"."household_members" ADD CONSTRAINT "household_members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "core"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."household_members" ADD CONSTRAINT "household_members_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "core"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."households" ADD CONSTRAINT "households_primary_owner_id_owners_id_fk" FOREIGN KEY ("primary_owner_id") REFERENCES "core"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."pets" ADD CONSTRAINT "pets_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "core"."owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."pets" ADD CONSTRAINT "pets_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "core"."households"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."breeds" ADD CONSTRAINT "breeds_species_id_species_id_fk" FOREIGN KEY ("species_id") REFERENCES "core"."species"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_members_owner_id_idx" ON "core"."household_members" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "households_primary_owner_id_idx" ON "core"."households" USING btree ("primary_owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_clerk_id_idx" ON "core"."owners" USING btree ("clerk_id");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_email_idx" ON "core"."owners" USING btree ("email");--> statement-breakpoint
CREATE INDEX "owners_membership_level_idx" ON "core"."owners" USING btree ("membership_level");--> statement-breakpoint
CREATE INDEX "pets_owner_id_idx" ON "core"."pets" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "pets_household_id_idx" ON "core"."pets" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "pets_status_idx" ON "core"."pets" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "pets_microchip_number_idx" ON "core"."pets" USING btree ("microchip_number");--> statement-breakpoint
CREATE UNIQUE INDEX "pets_registry_number_idx" ON "core"."pets" USING btree ("registry_number");--> statement-breakpoint
CREATE UNIQUE INDEX "pets_blockchain_id_idx" ON "core"."pets" USING btree ("blockchain_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pets_license_id_idx" ON "core"."pets" USING btree ("license_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pets_insurance_policy_id_idx" ON "core"."pets" USING btree ("insurance_policy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pets_dna_profile_id_idx" ON "core"."pets" USING btree ("dna_profile_id");--> statement-breakpoint
CREATE INDEX "breeds_species_id_idx" ON "core"."breeds" USING btree ("species_id");