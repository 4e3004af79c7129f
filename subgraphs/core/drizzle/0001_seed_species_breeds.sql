-- Reference data: species and common breeds. Later changes to this list get their own migration.
INSERT INTO "core"."species" ("name") VALUES ('Dog'), ('Cat'), ('Bird'), ('Rabbit'), ('Other')
ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
INSERT INTO "core"."breeds" ("species_id", "name")
SELECT s.id, b.name
FROM (VALUES
  ('Dog', 'Labrador Retriever'), ('Dog', 'German Shepherd'), ('Dog', 'Golden Retriever'), ('Dog', 'French Bulldog'),
  ('Dog', 'Beagle'), ('Dog', 'Poodle'), ('Dog', 'Dachshund'), ('Dog', 'Border Collie'), ('Dog', 'Mixed'),
  ('Cat', 'Domestic Shorthair'), ('Cat', 'Maine Coon'), ('Cat', 'Siamese'), ('Cat', 'Persian'), ('Cat', 'Bengal'),
  ('Cat', 'Mixed'),
  ('Bird', 'Budgerigar'), ('Bird', 'Cockatiel'), ('Bird', 'African Grey'), ('Bird', 'Canary'),
  ('Rabbit', 'Holland Lop'), ('Rabbit', 'Netherland Dwarf'), ('Rabbit', 'Flemish Giant'), ('Rabbit', 'Rex')
) AS b(species, name)
JOIN "core"."species" s ON s.name = b.species;
