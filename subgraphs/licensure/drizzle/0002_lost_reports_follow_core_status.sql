ALTER TABLE "licensure"."lost_pet_reports" ADD COLUMN "follows_core_status" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Reports the projector opened before this column existed carry its fixed "last seen" text: they follow core.
UPDATE "licensure"."lost_pet_reports" SET "follows_core_status" = true WHERE "last_seen_location"->>'description' = 'not given: the pet was marked LOST by its owner';
