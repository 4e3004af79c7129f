CREATE TABLE "healthcare"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"type" varchar(60) NOT NULL,
	"message" text NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "healthcare"."notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "appointments_reminder_due_idx" ON "healthcare"."appointments" USING btree ("scheduled_date") WHERE "healthcare"."appointments"."reminder_sent_at" is null and "healthcare"."appointments"."status" in ('BOOKED', 'RESCHEDULED');