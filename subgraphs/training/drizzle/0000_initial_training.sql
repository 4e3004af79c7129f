CREATE TYPE "training"."booking_status" AS ENUM('PENDING', 'ACCEPTED', 'CANCELLED', 'COMPLETED');--> statement-breakpoint
CREATE TYPE "training"."payout_status" AS ENUM('PENDING', 'PROCESSED');--> statement-breakpoint
CREATE TYPE "training"."payment_status" AS ENUM('PENDING', 'PAID', 'FAILED', 'REFUNDED');--> statement-breakpoint
CREATE TYPE "training"."enrollment_status" AS ENUM('ENROLLED', 'COMPLETED', 'WITHDRAWN', 'FAILED');--> statement-breakpoint
CREATE TYPE "training"."program_certification_type" AS ENUM('GOOD_CITIZEN', 'TRAINING_SPECIALTY', 'THERAPY_DOG', 'SERVICE_DOG', 'COMPETITION_TITLE');--> statement-breakpoint
CREATE TYPE "training"."program_level" AS ENUM('BEGINNER', 'INTERMEDIATE', 'ADVANCED');--> statement-breakpoint
CREATE TYPE "training"."program_status" AS ENUM('DRAFT', 'OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "training"."trainer_review_status" AS ENUM('PUBLISHED', 'HIDDEN');--> statement-breakpoint
CREATE TABLE "training"."booking_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"from_status" "training"."booking_status",
	"to_status" "training"."booking_status" NOT NULL,
	"changed_by" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training"."bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"dog_id" uuid NOT NULL,
	"service_id" uuid,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone NOT NULL,
	"price_snapshot_cents" integer NOT NULL,
	"currency" varchar(3) DEFAULT 'USD' NOT NULL,
	"notes" text,
	"status" "training"."booking_status" DEFAULT 'PENDING' NOT NULL,
	"cancellation_reason" text,
	"cancelled_by" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookings_time_order" CHECK ("training"."bookings"."start_time" < "training"."bookings"."end_time"),
	CONSTRAINT "bookings_price" CHECK ("training"."bookings"."price_snapshot_cents" >= 0),
	CONSTRAINT "bookings_cancellation" CHECK (("training"."bookings"."status" = 'CANCELLED') = ("training"."bookings"."cancellation_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "training"."owner_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"clerk_id" text
);
--> statement-breakpoint
CREATE TABLE "training"."pet_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"owner_id" uuid,
	"name" text,
	"species" text,
	"breed" text[],
	"birth_date" date,
	"size" text,
	"notes" text,
	"status" text
);
--> statement-breakpoint
CREATE TABLE "training"."payout_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payout_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training"."payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" varchar(3) DEFAULT 'USD' NOT NULL,
	"status" "training"."payout_status" DEFAULT 'PENDING' NOT NULL,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_amount" CHECK ("training"."payouts"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"idempotency_key" varchar(100) NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" varchar(3) DEFAULT 'USD' NOT NULL,
	"provider" varchar(30) NOT NULL,
	"provider_payment_id" varchar(255),
	"provider_refund_id" varchar(255),
	"status" "training"."payment_status" DEFAULT 'PENDING' NOT NULL,
	"failure_reason" text,
	"paid_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refund_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount" CHECK ("training"."payments"."amount_cents" > 0),
	CONSTRAINT "payments_refund_reason" CHECK ("training"."payments"."status" <> 'REFUNDED' or "training"."payments"."refund_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "training"."enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"pet_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" "training"."enrollment_status" DEFAULT 'ENROLLED' NOT NULL,
	"sessions_attended" integer DEFAULT 0 NOT NULL,
	"trainer_notes" text,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollments_sessions" CHECK ("training"."enrollments"."sessions_attended" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training"."programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" uuid NOT NULL,
	"name" varchar(200) NOT NULL,
	"description" text,
	"level" "training"."program_level" DEFAULT 'BEGINNER' NOT NULL,
	"certification_type" "training"."program_certification_type" NOT NULL,
	"capacity" integer NOT NULL,
	"enrolled_count" integer DEFAULT 0 NOT NULL,
	"sessions_count" integer NOT NULL,
	"schedule" varchar(500) NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" varchar(3) DEFAULT 'USD' NOT NULL,
	"location_id" uuid,
	"status" "training"."program_status" DEFAULT 'OPEN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_capacity" CHECK ("training"."programs"."capacity" between 1 and 500),
	CONSTRAINT "programs_enrolled_within_capacity" CHECK ("training"."programs"."enrolled_count" between 0 and "training"."programs"."capacity"),
	CONSTRAINT "programs_sessions" CHECK ("training"."programs"."sessions_count" between 1 and 200),
	CONSTRAINT "programs_dates" CHECK ("training"."programs"."start_date" <= "training"."programs"."end_date"),
	CONSTRAINT "programs_price" CHECK ("training"."programs"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training"."training_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"pet_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"trainer_id" uuid NOT NULL,
	"type" "training"."program_certification_type" NOT NULL,
	"name" varchar(200) NOT NULL,
	"issued_by" varchar(200) NOT NULL,
	"certificate_number" varchar(32) NOT NULL,
	"issued_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"trainer_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"status" "training"."trainer_review_status" DEFAULT 'PUBLISHED' NOT NULL,
	"moderated_by" text,
	"moderation_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating_range" CHECK ("training"."reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "training"."locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"address" varchar(255) NOT NULL,
	"city" varchar(100) NOT NULL,
	"state" varchar(100) NOT NULL,
	"zip_code" varchar(20) NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_latitude_range" CHECK ("training"."locations"."latitude" between -90 and 90),
	CONSTRAINT "locations_longitude_range" CHECK ("training"."locations"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "training"."trainer_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" uuid NOT NULL,
	"day_of_week" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainer_availability_day" CHECK ("training"."trainer_availability"."day_of_week" between 0 and 6),
	CONSTRAINT "trainer_availability_window" CHECK ("training"."trainer_availability"."start_time" < "training"."trainer_availability"."end_time")
);
--> statement-breakpoint
CREATE TABLE "training"."trainer_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" uuid NOT NULL,
	"name" varchar(200) NOT NULL,
	"issued_by" varchar(200) NOT NULL,
	"issued_at" date NOT NULL,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training"."trainer_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trainer_id" uuid NOT NULL,
	"name" varchar(120) NOT NULL,
	"description" text,
	"duration_minutes" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" varchar(3) DEFAULT 'USD' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainer_services_duration" CHECK ("training"."trainer_services"."duration_minutes" between 15 and 480),
	CONSTRAINT "trainer_services_price" CHECK ("training"."trainer_services"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training"."trainers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"display_name" varchar(120) NOT NULL,
	"years_of_experience" integer DEFAULT 0 NOT NULL,
	"bio" text,
	"is_verified" boolean DEFAULT false NOT NULL,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"average_rating" double precision DEFAULT 0 NOT NULL,
	"total_reviews" integer DEFAULT 0 NOT NULL,
	"location_id" uuid,
	"timezone" varchar(64) DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainers_experience_range" CHECK ("training"."trainers"."years_of_experience" between 0 and 80),
	CONSTRAINT "trainers_rating_range" CHECK ("training"."trainers"."average_rating" between 0 and 5),
	CONSTRAINT "trainers_total_reviews" CHECK ("training"."trainers"."total_reviews" >= 0)
);
--> statement-breakpoint
CREATE TABLE "training"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"envelope" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training"."audit_log" (
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
CREATE TABLE "training"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"type" varchar(60) NOT NULL,
	"message" text NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training"."booking_status_history" ADD CONSTRAINT "booking_status_history_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "training"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."bookings" ADD CONSTRAINT "bookings_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."bookings" ADD CONSTRAINT "bookings_service_id_trainer_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "training"."trainer_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."payout_items" ADD CONSTRAINT "payout_items_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "training"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."payout_items" ADD CONSTRAINT "payout_items_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "training"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."payout_items" ADD CONSTRAINT "payout_items_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "training"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."payouts" ADD CONSTRAINT "payouts_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."payments" ADD CONSTRAINT "payments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "training"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."enrollments" ADD CONSTRAINT "enrollments_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "training"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."programs" ADD CONSTRAINT "programs_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."programs" ADD CONSTRAINT "programs_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "training"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."training_certifications" ADD CONSTRAINT "training_certifications_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "training"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."training_certifications" ADD CONSTRAINT "training_certifications_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "training"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."training_certifications" ADD CONSTRAINT "training_certifications_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."reviews" ADD CONSTRAINT "reviews_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "training"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."reviews" ADD CONSTRAINT "reviews_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."trainer_availability" ADD CONSTRAINT "trainer_availability_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."trainer_certifications" ADD CONSTRAINT "trainer_certifications_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."trainer_services" ADD CONSTRAINT "trainer_services_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "training"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training"."trainers" ADD CONSTRAINT "trainers_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "training"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_status_history_booking_id_idx" ON "training"."booking_status_history" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "bookings_trainer_time_idx" ON "training"."bookings" USING btree ("trainer_id","start_time");--> statement-breakpoint
CREATE INDEX "bookings_owner_id_idx" ON "training"."bookings" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "bookings_dog_id_idx" ON "training"."bookings" USING btree ("dog_id");--> statement-breakpoint
CREATE INDEX "bookings_status_idx" ON "training"."bookings" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_items_booking_id_idx" ON "training"."payout_items" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "payout_items_payout_id_idx" ON "training"."payout_items" USING btree ("payout_id");--> statement-breakpoint
CREATE INDEX "payouts_trainer_id_idx" ON "training"."payouts" USING btree ("trainer_id");--> statement-breakpoint
CREATE INDEX "payments_booking_id_idx" ON "training"."payments" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "payments_owner_id_idx" ON "training"."payments" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_key_idx" ON "training"."payments" USING btree ("owner_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_per_booking_idx" ON "training"."payments" USING btree ("booking_id") WHERE "training"."payments"."status" <> 'FAILED';--> statement-breakpoint
CREATE INDEX "enrollments_program_id_idx" ON "training"."enrollments" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "enrollments_pet_id_idx" ON "training"."enrollments" USING btree ("pet_id");--> statement-breakpoint
CREATE INDEX "enrollments_owner_id_idx" ON "training"."enrollments" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_one_per_pet_idx" ON "training"."enrollments" USING btree ("program_id","pet_id") WHERE "training"."enrollments"."status" <> 'WITHDRAWN';--> statement-breakpoint
CREATE INDEX "programs_trainer_id_idx" ON "training"."programs" USING btree ("trainer_id");--> statement-breakpoint
CREATE INDEX "programs_status_start_idx" ON "training"."programs" USING btree ("status","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "training_certifications_enrollment_idx" ON "training"."training_certifications" USING btree ("enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_certifications_number_idx" ON "training"."training_certifications" USING btree ("certificate_number");--> statement-breakpoint
CREATE INDEX "training_certifications_pet_id_idx" ON "training"."training_certifications" USING btree ("pet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_booking_id_idx" ON "training"."reviews" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "reviews_trainer_id_idx" ON "training"."reviews" USING btree ("trainer_id");--> statement-breakpoint
CREATE INDEX "reviews_owner_id_idx" ON "training"."reviews" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "locations_user_id_idx" ON "training"."locations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "locations_geo_idx" ON "training"."locations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "trainer_availability_trainer_day_idx" ON "training"."trainer_availability" USING btree ("trainer_id","day_of_week");--> statement-breakpoint
CREATE INDEX "trainer_certifications_trainer_id_idx" ON "training"."trainer_certifications" USING btree ("trainer_id");--> statement-breakpoint
CREATE INDEX "trainer_services_trainer_id_idx" ON "training"."trainer_services" USING btree ("trainer_id");--> statement-breakpoint
CREATE INDEX "trainer_services_active_price_idx" ON "training"."trainer_services" USING btree ("price_cents") WHERE "training"."trainer_services"."is_active";--> statement-breakpoint
CREATE UNIQUE INDEX "trainers_user_id_idx" ON "training"."trainers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "trainers_location_id_idx" ON "training"."trainers" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "training"."outbox" USING btree ("id") WHERE "training"."outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "training"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "training"."audit_log" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "training"."audit_log" USING btree ("actor");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "training"."notifications" USING btree ("user_id","created_at");