ALTER TABLE "licensure"."lost_pet_sightings" DROP CONSTRAINT "lost_pet_sightings_report_id_lost_pet_reports_id_fk";
--> statement-breakpoint
ALTER TABLE "licensure"."lost_pet_sightings" ADD CONSTRAINT "lost_pet_sightings_report_id_lost_pet_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "licensure"."lost_pet_reports"("id") ON DELETE cascade ON UPDATE no action;