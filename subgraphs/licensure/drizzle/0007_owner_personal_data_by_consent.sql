CREATE TABLE "licensure"."owner_personal_copies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"email" text,
	"phone" text,
	"first_name" text,
	"last_name" text,
	"middle_name" text,
	"street1" text,
	"street2" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"country" text
);
--> statement-breakpoint
ALTER TABLE "licensure"."owner_copies" DROP COLUMN "first_name";--> statement-breakpoint
ALTER TABLE "licensure"."owner_copies" DROP COLUMN "last_name";