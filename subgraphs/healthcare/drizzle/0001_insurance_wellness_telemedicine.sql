CREATE TYPE "healthcare"."insurance_claim_status" AS ENUM('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'DENIED', 'PAID');--> statement-breakpoint
CREATE TYPE "healthcare"."insurance_coverage_type" AS ENUM('ACCIDENT_ONLY', 'ACCIDENT_AND_ILLNESS', 'COMPREHENSIVE');--> statement-breakpoint
CREATE TYPE "healthcare"."insurance_policy_status" AS ENUM('ACTIVE', 'LAPSED', 'CANCELLED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "healthcare"."consultation_status" AS ENUM('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW');--> statement-breakpoint
CREATE TYPE "healthcare"."consultation_type" AS ENUM('PRIMARY_CARE', 'MENTAL_HEALTH', 'SPECIALTY', 'FOLLOW_UP');--> statement-breakpoint
CREATE TYPE "healthcare"."medical_plan" AS ENUM('BASIC', 'PLUS', 'PREMIUM', 'FAMILY');--> statement-breakpoint
CREATE TYPE "healthcare"."subscription_status" AS ENUM('ACTIVE', 'PAUSED', 'CANCELLED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "healthcare"."vet_network_tier" AS ENUM('PREFERRED', 'STANDARD', 'LIMITED');--> statement-breakpoint
CREATE TYPE "healthcare"."wellness_plan_tier" AS ENUM('ESSENTIAL', 'PLUS', 'COMPLETE');--> statement-breakpoint
CREATE TABLE "healthcare"."insurance_claim_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"previous_status" "healthcare"."insurance_claim_status",
	"new_status" "healthcare"."insurance_claim_status" NOT NULL,
	"changed_by" text,
	"reason" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."insurance_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_number" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"pet_id" uuid NOT NULL,
	"vet_provider_id" uuid,
	"treatment_date" date NOT NULL,
	"diagnosis" text NOT NULL,
	"description" text,
	"invoice_reference" text,
	"claimed_amount_cents" integer NOT NULL,
	"approved_amount_cents" integer,
	"status" "healthcare"."insurance_claim_status" DEFAULT 'SUBMITTED' NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."insurance_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_number" text NOT NULL,
	"pet_id" uuid NOT NULL,
	"species" text NOT NULL,
	"coverage_type" "healthcare"."insurance_coverage_type" NOT NULL,
	"status" "healthcare"."insurance_policy_status" DEFAULT 'ACTIVE' NOT NULL,
	"annual_limit_cents" integer NOT NULL,
	"deductible_cents" integer NOT NULL,
	"reimbursement_percent" integer NOT NULL,
	"premium_cents" integer NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."medical_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"plan" "healthcare"."medical_plan" NOT NULL,
	"monthly_price_cents" integer NOT NULL,
	"services" text[] NOT NULL,
	"status" "healthcare"."subscription_status" DEFAULT 'ACTIVE' NOT NULL,
	"start_date" timestamp with time zone DEFAULT now() NOT NULL,
	"next_billing_date" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."telemedicine_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"provider_id" text NOT NULL,
	"provider_name" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"duration" integer NOT NULL,
	"consultation_type" "healthcare"."consultation_type" NOT NULL,
	"status" "healthcare"."consultation_status" DEFAULT 'SCHEDULED' NOT NULL,
	"notes" text,
	"prescriptions_issued" text[] DEFAULT '{}' NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."vet_network_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"clinic_id" uuid,
	"network_tier" "healthcare"."vet_network_tier" NOT NULL,
	"accepts_direct_billing" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"specialties" text[] DEFAULT '{}' NOT NULL,
	"email" text,
	"phone" text,
	"website" text,
	"address_line1" text,
	"city" text,
	"region" text,
	"postal_code" text,
	"country" char(2),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."wellness_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"tier" "healthcare"."wellness_plan_tier" NOT NULL,
	"monthly_price_cents" integer NOT NULL,
	"included_services" text[] NOT NULL,
	"status" "healthcare"."subscription_status" DEFAULT 'ACTIVE' NOT NULL,
	"start_date" date NOT NULL,
	"next_billing_date" date,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "healthcare"."pet_copies" ADD COLUMN "species" text;--> statement-breakpoint
ALTER TABLE "healthcare"."pet_copies" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "healthcare"."insurance_claim_status_history" ADD CONSTRAINT "insurance_claim_status_history_claim_id_insurance_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "healthcare"."insurance_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."insurance_claims" ADD CONSTRAINT "insurance_claims_policy_id_insurance_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "healthcare"."insurance_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."insurance_claims" ADD CONSTRAINT "insurance_claims_vet_provider_id_vet_network_providers_id_fk" FOREIGN KEY ("vet_provider_id") REFERENCES "healthcare"."vet_network_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."telemedicine_consultations" ADD CONSTRAINT "telemedicine_consultations_subscription_id_medical_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "healthcare"."medical_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insurance_claim_status_history_claim_id_idx" ON "healthcare"."insurance_claim_status_history" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_claims_claim_number_idx" ON "healthcare"."insurance_claims" USING btree ("claim_number");--> statement-breakpoint
CREATE INDEX "insurance_claims_policy_id_idx" ON "healthcare"."insurance_claims" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "insurance_claims_pet_id_idx" ON "healthcare"."insurance_claims" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "insurance_claims_vet_provider_id_idx" ON "healthcare"."insurance_claims" USING btree ("vet_provider_id");--> statement-breakpoint
CREATE INDEX "insurance_claims_status_idx" ON "healthcare"."insurance_claims" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_policies_policy_number_idx" ON "healthcare"."insurance_policies" USING btree ("policy_number");--> statement-breakpoint
CREATE INDEX "insurance_policies_pet_id_idx" ON "healthcare"."insurance_policies" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "insurance_policies_status_idx" ON "healthcare"."insurance_policies" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_policies_one_active_per_pet_idx" ON "healthcare"."insurance_policies" USING btree ("pet_id") WHERE "healthcare"."insurance_policies"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "medical_subscriptions_owner_id_idx" ON "healthcare"."medical_subscriptions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "medical_subscriptions_status_idx" ON "healthcare"."medical_subscriptions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "medical_subscriptions_next_billing_date_idx" ON "healthcare"."medical_subscriptions" USING btree ("next_billing_date");--> statement-breakpoint
CREATE UNIQUE INDEX "medical_subscriptions_one_running_per_owner_idx" ON "healthcare"."medical_subscriptions" USING btree ("owner_id") WHERE "healthcare"."medical_subscriptions"."status" in ('ACTIVE', 'PAUSED');--> statement-breakpoint
CREATE INDEX "telemedicine_consultations_subscription_id_idx" ON "healthcare"."telemedicine_consultations" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "telemedicine_consultations_provider_id_idx" ON "healthcare"."telemedicine_consultations" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "vet_network_providers_clinic_id_idx" ON "healthcare"."vet_network_providers" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "vet_network_providers_active_tier_idx" ON "healthcare"."vet_network_providers" USING btree ("active","network_tier");--> statement-breakpoint
CREATE INDEX "wellness_plans_pet_id_idx" ON "healthcare"."wellness_plans" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "wellness_plans_status_idx" ON "healthcare"."wellness_plans" USING btree ("status");--> statement-breakpoint
CREATE INDEX "wellness_plans_next_billing_date_idx" ON "healthcare"."wellness_plans" USING btree ("next_billing_date");--> statement-breakpoint
CREATE UNIQUE INDEX "wellness_plans_one_running_per_pet_idx" ON "healthcare"."wellness_plans" USING btree ("pet_id") WHERE "healthcare"."wellness_plans"."status" in ('ACTIVE', 'PAUSED');