CREATE TABLE "licensure"."owner_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"clerk_id" text,
	"first_name" text,
	"last_name" text
);
--> statement-breakpoint
CREATE TABLE "licensure"."pet_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"owner_id" uuid,
	"household_id" uuid,
	"name" text,
	"species" text,
	"breed" text[],
	"color" text[],
	"markings" text,
	"birth_date" date,
	"microchip_number" text,
	"status" "licensure"."pet_status"
);
