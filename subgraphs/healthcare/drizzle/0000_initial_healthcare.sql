CREATE TYPE "healthcare"."appointment_status" AS ENUM('BOOKED', 'RESCHEDULED', 'CANCELLED_BY_OWNER', 'CANCELLED_BY_CLINIC', 'NO_SHOW', 'COMPLETED');--> statement-breakpoint
CREATE TYPE "healthcare"."slot_type" AS ENUM('IN_PERSON', 'HOME_VISIT');--> statement-breakpoint
CREATE TYPE "healthcare"."waitlist_status" AS ENUM('WAITING', 'OFFERED', 'BOOKED', 'WITHDRAWN');--> statement-breakpoint
CREATE TYPE "healthcare"."emergency_flag_type" AS ENUM('ACCEPTING_EMERGENCY', 'AT_CAPACITY', 'CLOSED_EMERGENCY');--> statement-breakpoint
CREATE TYPE "healthcare"."clinic_staff_role" AS ENUM('VET', 'ADMIN', 'RECEPTIONIST');--> statement-breakpoint
CREATE TYPE "healthcare"."insurance_claim_status" AS ENUM('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'DENIED', 'PAID');--> statement-breakpoint
CREATE TYPE "healthcare"."insurance_coverage_type" AS ENUM('ACCIDENT_ONLY', 'ACCIDENT_AND_ILLNESS', 'COMPREHENSIVE');--> statement-breakpoint
CREATE TYPE "healthcare"."insurance_policy_status" AS ENUM('ACTIVE', 'LAPSED', 'CANCELLED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "healthcare"."payment_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED');--> statement-breakpoint
CREATE TYPE "healthcare"."consultation_status" AS ENUM('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW');--> statement-breakpoint
CREATE TYPE "healthcare"."consultation_type" AS ENUM('PRIMARY_CARE', 'MENTAL_HEALTH', 'SPECIALTY', 'FOLLOW_UP');--> statement-breakpoint
CREATE TYPE "healthcare"."medical_plan" AS ENUM('BASIC', 'PLUS', 'PREMIUM', 'FAMILY');--> statement-breakpoint
CREATE TYPE "healthcare"."subscription_status" AS ENUM('ACTIVE', 'PAUSED', 'CANCELLED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "healthcare"."vaccine_type" AS ENUM('CORE', 'NON_CORE', 'LIFESTYLE');--> statement-breakpoint
CREATE TYPE "healthcare"."vet_network_tier" AS ENUM('PREFERRED', 'STANDARD', 'LIMITED');--> statement-breakpoint
CREATE TYPE "healthcare"."wellness_plan_tier" AS ENUM('ESSENTIAL', 'PLUS', 'COMPLETE');--> statement-breakpoint
CREATE TABLE "healthcare"."appointment_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"previous_status" "healthcare"."appointment_status",
	"new_status" "healthcare"."appointment_status" NOT NULL,
	"changed_by" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"confirmation_code" varchar(12) NOT NULL,
	"clinic_id" uuid NOT NULL,
	"slot_id" uuid,
	"owner_id" uuid NOT NULL,
	"pet_id" uuid NOT NULL,
	"vet_id" uuid,
	"service_id" integer NOT NULL,
	"appointment_type" "healthcare"."slot_type" NOT NULL,
	"scheduled_date" date NOT NULL,
	"scheduled_start" time NOT NULL,
	"scheduled_end" time NOT NULL,
	"home_address_line1" varchar(255),
	"home_address_line2" varchar(255),
	"home_city" varchar(100),
	"home_state" varchar(50),
	"home_postal_code" varchar(20),
	"home_access_notes" text,
	"owner_notes" text,
	"clinic_notes" text,
	"status" "healthcare"."appointment_status" DEFAULT 'BOOKED' NOT NULL,
	"is_emergency" boolean DEFAULT false NOT NULL,
	"cancelled_by" text,
	"cancellation_reason" text,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_confirmation_code_unique" UNIQUE("confirmation_code"),
	CONSTRAINT "appointments_times" CHECK ("healthcare"."appointments"."scheduled_start" < "healthcare"."appointments"."scheduled_end")
);
--> statement-breakpoint
CREATE TABLE "healthcare"."availability_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"vet_id" uuid,
	"service_id" integer,
	"slot_date" date NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"slot_type" "healthcare"."slot_type" DEFAULT 'IN_PERSON' NOT NULL,
	"max_bookings" integer DEFAULT 1 NOT NULL,
	"current_bookings" integer DEFAULT 0 NOT NULL,
	"is_blocked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_slots_unique_start" UNIQUE NULLS NOT DISTINCT("clinic_id","vet_id","service_id","slot_date","start_time","slot_type"),
	CONSTRAINT "availability_slots_bookings" CHECK ("healthcare"."availability_slots"."current_bookings" between 0 and "healthcare"."availability_slots"."max_bookings"),
	CONSTRAINT "availability_slots_times" CHECK ("healthcare"."availability_slots"."start_time" < "healthcare"."availability_slots"."end_time")
);
--> statement-breakpoint
CREATE TABLE "healthcare"."slot_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"vet_id" uuid,
	"service_id" integer,
	"day_of_week" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"slot_minutes" integer NOT NULL,
	"slot_type" "healthcare"."slot_type" DEFAULT 'IN_PERSON' NOT NULL,
	"max_bookings" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_rules_day_range" CHECK ("healthcare"."slot_rules"."day_of_week" between 0 and 6),
	CONSTRAINT "slot_rules_times" CHECK ("healthcare"."slot_rules"."start_time" < "healthcare"."slot_rules"."end_time"),
	CONSTRAINT "slot_rules_minutes" CHECK ("healthcare"."slot_rules"."slot_minutes" between 5 and 480),
	CONSTRAINT "slot_rules_max_bookings" CHECK ("healthcare"."slot_rules"."max_bookings" >= 1)
);
--> statement-breakpoint
CREATE TABLE "healthcare"."waitlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"service_id" integer NOT NULL,
	"vet_id" uuid,
	"desired_date" date NOT NULL,
	"owner_id" uuid NOT NULL,
	"pet_id" uuid NOT NULL,
	"status" "healthcare"."waitlist_status" DEFAULT 'WAITING' NOT NULL,
	"offered_slot_id" uuid,
	"offered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."clinic_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"day_of_week" smallint NOT NULL,
	"open_time" time NOT NULL,
	"close_time" time NOT NULL,
	"is_closed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "clinic_hours_day_range" CHECK ("healthcare"."clinic_hours"."day_of_week" between 0 and 6)
);
--> statement-breakpoint
CREATE TABLE "healthcare"."clinic_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"service_id" integer NOT NULL,
	"duration_min" integer NOT NULL,
	"price_cents" integer,
	"accepted_species" text[],
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_services_duration_positive" CHECK ("healthcare"."clinic_services"."duration_min" > 0),
	CONSTRAINT "clinic_services_price_non_negative" CHECK ("healthcare"."clinic_services"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "healthcare"."clinic_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"vet_id" uuid,
	"user_id" text NOT NULL,
	"role" "healthcare"."clinic_staff_role" NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "clinic_staff_vet_has_profile" CHECK (("healthcare"."clinic_staff"."role" = 'VET') = ("healthcare"."clinic_staff"."vet_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "healthcare"."clinics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(200) NOT NULL,
	"slug" varchar(200) NOT NULL,
	"description" text,
	"phone" varchar(20) NOT NULL,
	"email" varchar(255),
	"website_url" text,
	"logo_url" text,
	"address_line1" varchar(255) NOT NULL,
	"address_line2" varchar(255),
	"city" varchar(100) NOT NULL,
	"state" varchar(50) NOT NULL,
	"postal_code" varchar(20) NOT NULL,
	"country" varchar(50) DEFAULT 'US' NOT NULL,
	"latitude" numeric(10, 7) NOT NULL,
	"longitude" numeric(10, 7) NOT NULL,
	"timezone" varchar(50) NOT NULL,
	"cancellation_policy" text,
	"parking_notes" text,
	"accepts_emergency" boolean DEFAULT false NOT NULL,
	"home_visit_enabled" boolean DEFAULT false NOT NULL,
	"home_visit_radius_km" numeric(5, 2),
	"is_active" boolean DEFAULT true NOT NULL,
	"search_document" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(name, '') || ' ' || coalesce(description, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinics_slug_unique" UNIQUE("slug"),
	CONSTRAINT "clinics_latitude_range" CHECK ("healthcare"."clinics"."latitude" between -90 and 90),
	CONSTRAINT "clinics_longitude_range" CHECK ("healthcare"."clinics"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "healthcare"."emergency_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"flag_type" "healthcare"."emergency_flag_type" NOT NULL,
	"message" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "healthcare"."services" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"slug" varchar(100) NOT NULL,
	"description" text,
	"default_duration_min" integer DEFAULT 30 NOT NULL,
	"is_emergency" boolean DEFAULT false NOT NULL,
	"supports_home_visit" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "services_name_unique" UNIQUE("name"),
	CONSTRAINT "services_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "healthcare"."vets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"display_name" varchar(200) NOT NULL,
	"license_number" varchar(100),
	"license_state" varchar(50),
	"specialty" varchar(100),
	"years_experience" integer,
	"bio" text,
	"photo_url" text,
	"is_verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vets_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
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
	"species" text,
	"birth_date" date,
	"status" text
);
--> statement-breakpoint
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
CREATE TABLE "healthcare"."payment_methods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" varchar(30) NOT NULL,
	"provider_token" varchar(255) NOT NULL,
	"card_last4" varchar(4),
	"card_brand" varchar(20),
	"card_exp_month" smallint,
	"card_exp_year" smallint,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "healthcare"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"payment_method_id" uuid,
	"idempotency_key" varchar(100) NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" varchar(3) DEFAULT 'USD' NOT NULL,
	"status" "healthcare"."payment_status" NOT NULL,
	"provider" varchar(30) NOT NULL,
	"provider_payment_id" varchar(255),
	"provider_refund_id" varchar(255),
	"refund_amount_cents" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"paid_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("healthcare"."payments"."amount_cents" > 0),
	CONSTRAINT "payments_refund_within_amount" CHECK ("healthcare"."payments"."refund_amount_cents" between 0 and "healthcare"."payments"."amount_cents")
);
--> statement-breakpoint
CREATE TABLE "healthcare"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"vet_id" uuid,
	"rating" smallint NOT NULL,
	"title" varchar(200),
	"body" text,
	"is_published" boolean DEFAULT true NOT NULL,
	"moderated_by" text,
	"moderation_reason" text,
	"clinic_response" text,
	"clinic_responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_appointment_id_unique" UNIQUE("appointment_id"),
	CONSTRAINT "reviews_rating_range" CHECK ("healthcare"."reviews"."rating" between 1 and 5)
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
CREATE TABLE "healthcare"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"envelope" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
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
ALTER TABLE "healthcare"."appointment_status_history" ADD CONSTRAINT "appointment_status_history_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "healthcare"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."appointments" ADD CONSTRAINT "appointments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."appointments" ADD CONSTRAINT "appointments_slot_id_availability_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "healthcare"."availability_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."appointments" ADD CONSTRAINT "appointments_vet_id_vets_id_fk" FOREIGN KEY ("vet_id") REFERENCES "healthcare"."vets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."appointments" ADD CONSTRAINT "appointments_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "healthcare"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."availability_slots" ADD CONSTRAINT "availability_slots_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."availability_slots" ADD CONSTRAINT "availability_slots_vet_id_vets_id_fk" FOREIGN KEY ("vet_id") REFERENCES "healthcare"."vets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."availability_slots" ADD CONSTRAINT "availability_slots_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "healthcare"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."slot_rules" ADD CONSTRAINT "slot_rules_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."slot_rules" ADD CONSTRAINT "slot_rules_vet_id_vets_id_fk" FOREIGN KEY ("vet_id") REFERENCES "healthcare"."vets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."slot_rules" ADD CONSTRAINT "slot_rules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "healthcare"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."waitlist_entries" ADD CONSTRAINT "waitlist_entries_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "healthcare"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."waitlist_entries" ADD CONSTRAINT "waitlist_entries_vet_id_vets_id_fk" FOREIGN KEY ("vet_id") REFERENCES "healthcare"."vets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."waitlist_entries" ADD CONSTRAINT "waitlist_entries_offered_slot_id_availability_slots_id_fk" FOREIGN KEY ("offered_slot_id") REFERENCES "healthcare"."availability_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."clinic_hours" ADD CONSTRAINT "clinic_hours_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."clinic_services" ADD CONSTRAINT "clinic_services_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."clinic_services" ADD CONSTRAINT "clinic_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "healthcare"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."clinic_staff" ADD CONSTRAINT "clinic_staff_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."clinic_staff" ADD CONSTRAINT "clinic_staff_vet_id_vets_id_fk" FOREIGN KEY ("vet_id") REFERENCES "healthcare"."vets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."emergency_flags" ADD CONSTRAINT "emergency_flags_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."insurance_claim_status_history" ADD CONSTRAINT "insurance_claim_status_history_claim_id_insurance_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "healthcare"."insurance_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."insurance_claims" ADD CONSTRAINT "insurance_claims_policy_id_insurance_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "healthcare"."insurance_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."insurance_claims" ADD CONSTRAINT "insurance_claims_vet_provider_id_vet_network_providers_id_fk" FOREIGN KEY ("vet_provider_id") REFERENCES "healthcare"."vet_network_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."payments" ADD CONSTRAINT "payments_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "healthcare"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."payments" ADD CONSTRAINT "payments_payment_method_id_payment_methods_id_fk" FOREIGN KEY ("payment_method_id") REFERENCES "healthcare"."payment_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."reviews" ADD CONSTRAINT "reviews_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "healthcare"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."reviews" ADD CONSTRAINT "reviews_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."reviews" ADD CONSTRAINT "reviews_vet_id_vets_id_fk" FOREIGN KEY ("vet_id") REFERENCES "healthcare"."vets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."telemedicine_consultations" ADD CONSTRAINT "telemedicine_consultations_subscription_id_medical_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "healthcare"."medical_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."appointment_vaccinations" ADD CONSTRAINT "appointment_vaccinations_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "healthcare"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "healthcare"."appointment_vaccinations" ADD CONSTRAINT "appointment_vaccinations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "healthcare"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_appt_history_appt" ON "healthcare"."appointment_status_history" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "appointment_status_history_changed_by_idx" ON "healthcare"."appointment_status_history" USING btree ("changed_by");--> statement-breakpoint
CREATE INDEX "idx_appts_owner" ON "healthcare"."appointments" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "appointments_pet_idx" ON "healthcare"."appointments" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "idx_appts_clinic_date" ON "healthcare"."appointments" USING btree ("clinic_id","scheduled_date");--> statement-breakpoint
CREATE INDEX "idx_appts_vet_date" ON "healthcare"."appointments" USING btree ("vet_id","scheduled_date");--> statement-breakpoint
CREATE INDEX "idx_appts_status" ON "healthcare"."appointments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_appts_confirmation" ON "healthcare"."appointments" USING btree ("confirmation_code");--> statement-breakpoint
CREATE INDEX "appointments_slot_idx" ON "healthcare"."appointments" USING btree ("slot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_per_pet_and_slot" ON "healthcare"."appointments" USING btree ("slot_id","pet_id") WHERE "healthcare"."appointments"."status" in ('BOOKED', 'RESCHEDULED');--> statement-breakpoint
CREATE INDEX "idx_slots_clinic_date" ON "healthcare"."availability_slots" USING btree ("clinic_id","slot_date");--> statement-breakpoint
CREATE INDEX "idx_slots_available" ON "healthcare"."availability_slots" USING btree ("clinic_id","slot_date","is_blocked") WHERE "healthcare"."availability_slots"."current_bookings" < "healthcare"."availability_slots"."max_bookings";--> statement-breakpoint
CREATE INDEX "idx_slots_vet" ON "healthcare"."availability_slots" USING btree ("vet_id");--> statement-breakpoint
CREATE INDEX "slot_rules_clinic_idx" ON "healthcare"."slot_rules" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "waitlist_entries_line_idx" ON "healthcare"."waitlist_entries" USING btree ("clinic_id","desired_date","created_at");--> statement-breakpoint
CREATE INDEX "waitlist_entries_owner_idx" ON "healthcare"."waitlist_entries" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_one_per_pet_and_day" ON "healthcare"."waitlist_entries" USING btree ("clinic_id","service_id","desired_date","pet_id") WHERE "healthcare"."waitlist_entries"."status" in ('WAITING', 'OFFERED');--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_hours_clinic_day_key" ON "healthcare"."clinic_hours" USING btree ("clinic_id","day_of_week");--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_services_clinic_service_key" ON "healthcare"."clinic_services" USING btree ("clinic_id","service_id");--> statement-breakpoint
CREATE INDEX "clinic_services_service_idx" ON "healthcare"."clinic_services" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "idx_clinic_staff_clinic" ON "healthcare"."clinic_staff" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "idx_clinic_staff_vet" ON "healthcare"."clinic_staff" USING btree ("vet_id");--> statement-breakpoint
CREATE INDEX "clinic_staff_user_idx" ON "healthcare"."clinic_staff" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_staff_clinic_user_key" ON "healthcare"."clinic_staff" USING btree ("clinic_id","user_id");--> statement-breakpoint
CREATE INDEX "idx_clinics_slug" ON "healthcare"."clinics" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "idx_clinics_geo" ON "healthcare"."clinics" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "idx_clinics_city_state" ON "healthcare"."clinics" USING btree ("city","state");--> statement-breakpoint
CREATE INDEX "idx_clinics_postal" ON "healthcare"."clinics" USING btree ("postal_code");--> statement-breakpoint
CREATE INDEX "idx_clinics_search" ON "healthcare"."clinics" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "idx_emergency_flags_clinic_active" ON "healthcare"."emergency_flags" USING btree ("clinic_id","is_active");--> statement-breakpoint
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
CREATE INDEX "idx_payment_methods_user" ON "healthcare"."payment_methods" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_methods_one_default" ON "healthcare"."payment_methods" USING btree ("user_id") WHERE "healthcare"."payment_methods"."is_default" and "healthcare"."payment_methods"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "idx_payments_appointment" ON "healthcare"."payments" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "idx_payments_user" ON "healthcare"."payments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_payments_status" ON "healthcare"."payments" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_key" ON "healthcare"."payments" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_per_appointment" ON "healthcare"."payments" USING btree ("appointment_id") WHERE "healthcare"."payments"."status" <> 'FAILED';--> statement-breakpoint
CREATE INDEX "idx_reviews_clinic" ON "healthcare"."reviews" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "idx_reviews_vet" ON "healthcare"."reviews" USING btree ("vet_id");--> statement-breakpoint
CREATE INDEX "idx_reviews_rating" ON "healthcare"."reviews" USING btree ("rating");--> statement-breakpoint
CREATE INDEX "reviews_reviewer_idx" ON "healthcare"."reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "medical_subscriptions_owner_id_idx" ON "healthcare"."medical_subscriptions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "medical_subscriptions_status_idx" ON "healthcare"."medical_subscriptions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "medical_subscriptions_next_billing_date_idx" ON "healthcare"."medical_subscriptions" USING btree ("next_billing_date");--> statement-breakpoint
CREATE UNIQUE INDEX "medical_subscriptions_one_running_per_owner_idx" ON "healthcare"."medical_subscriptions" USING btree ("owner_id") WHERE "healthcare"."medical_subscriptions"."status" in ('ACTIVE', 'PAUSED');--> statement-breakpoint
CREATE INDEX "telemedicine_consultations_subscription_id_idx" ON "healthcare"."telemedicine_consultations" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "telemedicine_consultations_provider_id_idx" ON "healthcare"."telemedicine_consultations" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_vaccinations_appointment_id_vaccine_name_idx" ON "healthcare"."appointment_vaccinations" USING btree ("appointment_id","vaccine_name");--> statement-breakpoint
CREATE INDEX "appointment_vaccinations_pet_id_idx" ON "healthcare"."appointment_vaccinations" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "vet_network_providers_clinic_id_idx" ON "healthcare"."vet_network_providers" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "vet_network_providers_active_tier_idx" ON "healthcare"."vet_network_providers" USING btree ("active","network_tier");--> statement-breakpoint
CREATE INDEX "wellness_plans_pet_id_idx" ON "healthcare"."wellness_plans" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "wellness_plans_status_idx" ON "healthcare"."wellness_plans" USING btree ("status");--> statement-breakpoint
CREATE INDEX "wellness_plans_next_billing_date_idx" ON "healthcare"."wellness_plans" USING btree ("next_billing_date");--> statement-breakpoint
CREATE UNIQUE INDEX "wellness_plans_one_running_per_pet_idx" ON "healthcare"."wellness_plans" USING btree ("pet_id") WHERE "healthcare"."wellness_plans"."status" in ('ACTIVE', 'PAUSED');--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "healthcare"."outbox" USING btree ("id") WHERE "healthcare"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "healthcare"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "healthcare"."audit_log" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "healthcare"."audit_log" USING btree ("actor");--> statement-breakpoint
-- FindMyVet's seven catalog services (the seed's rows; durations and flags are the catalog's defaults).
INSERT INTO "healthcare"."services" ("name", "slug", "description", "default_duration_min", "is_emergency", "supports_home_visit") VALUES
	('General Exam', 'general-exam', 'A routine nose-to-tail check-up.', 30, false, false),
	('Vaccination', 'vaccination', 'Core and lifestyle vaccines, with the certificate.', 20, false, false),
	('Sick Visit', 'sick-visit', 'When something is wrong: symptoms examined and treated.', 30, false, false),
	('Dental Cleaning', 'dental-cleaning', 'Scaling and polishing under anaesthesia.', 90, false, false),
	('Surgery Consult', 'surgery-consult', 'Assessment before a planned operation.', 45, false, false),
	('Emergency Visit', 'emergency-visit', 'Urgent care without an appointment days ahead.', 60, true, false),
	('Home Visit — General', 'home-visit-general', 'A general exam at the owner''s home.', 60, false, true);
