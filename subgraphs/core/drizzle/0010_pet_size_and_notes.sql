CREATE TYPE "core"."pet_size" AS ENUM('TOY', 'SMALL', 'MEDIUM', 'LARGE', 'GIANT');--> statement-breakpoint
ALTER TABLE "core"."pets" ADD COLUMN "size" "core"."pet_size";--> statement-breakpoint
ALTER TABLE "core"."pets" ADD COLUMN "notes" text;