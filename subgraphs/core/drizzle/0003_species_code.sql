-- Species carry the same code as Pet.species (DOG, CAT, ...): one vocabulary for clients.
ALTER TABLE "core"."species" ADD COLUMN "code" "core"."pet_species";--> statement-breakpoint
UPDATE "core"."species" SET "code" = upper("name")::"core"."pet_species";--> statement-breakpoint
ALTER TABLE "core"."species" ALTER COLUMN "code" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "species_code_idx" ON "core"."species" USING btree ("code");
