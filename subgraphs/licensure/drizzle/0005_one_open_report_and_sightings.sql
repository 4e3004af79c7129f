CREATE TABLE "licensure"."lost_pet_sightings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"reported_by" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	"location" jsonb,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "licensure"."lost_pet_sightings" ADD CONSTRAINT "lost_pet_sightings_report_id_lost_pet_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "licensure"."lost_pet_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lost_pet_sightings_report_id_created_at_idx" ON "licensure"."lost_pet_sightings" USING btree ("report_id","created_at");--> statement-breakpoint
-- Pets that raced into two open reports before this index: the newest stays open, the older are closed.
UPDATE "licensure"."lost_pet_reports" r SET "status" = 'CLOSED', "status_updated_at" = now()
WHERE r."status" IN ('LOST', 'SIGHTING_REPORTED') AND EXISTS (
  SELECT 1 FROM "licensure"."lost_pet_reports" n
  WHERE n."pet_id" = r."pet_id" AND n."status" IN ('LOST', 'SIGHTING_REPORTED') AND (n."created_at", n."id") > (r."created_at", r."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "lost_pet_reports_one_open_idx" ON "licensure"."lost_pet_reports" USING btree ("pet_id") WHERE "licensure"."lost_pet_reports"."status" in ('LOST', 'SIGHTING_REPORTED');