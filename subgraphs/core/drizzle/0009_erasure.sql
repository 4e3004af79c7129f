ALTER TABLE "core"."owners" ADD COLUMN "erasure_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "core"."owners" ADD COLUMN "erasure_issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "core"."pets" ADD COLUMN "erasure_requested_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "owners_erasure_due_idx" ON "core"."owners" USING btree ("erasure_requested_at") WHERE "core"."owners"."erasure_requested_at" is not null and "core"."owners"."erasure_issued_at" is null;