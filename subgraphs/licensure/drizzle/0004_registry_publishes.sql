CREATE TABLE "licensure"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"envelope" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "licensure"."pet_registry" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "licensure"."outbox" USING btree ("id") WHERE "licensure"."outbox"."sent_at" is null;--> statement-breakpoint
-- Entries registered before licensure published them: publish their state once, so core learns every number.
INSERT INTO "licensure"."outbox" ("topic", "key", "envelope")
SELECT 'licensure.registry', r."pet_id"::text, jsonb_build_object(
  'id', gen_random_uuid(), 'type', 'registry.updated', 'aggregateType', 'registry', 'aggregateId', r."pet_id"::text,
  'version', r."version", 'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'source', 'licensure', 'schemaVersion', 1,
  'payload', jsonb_build_object('petId', r."pet_id", 'registryNumber', r."registry_number", 'licenseNumber', (
    SELECT l."license_number" FROM "licensure"."municipal_licenses" l
    WHERE l."pet_id" = r."pet_id" AND l."status" = 'ACTIVE' ORDER BY l."issued_date" DESC, l."created_at" DESC LIMIT 1)))
FROM "licensure"."pet_registry" r;
