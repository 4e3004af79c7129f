CREATE TABLE "core"."data_export_parts" (
	"export_id" uuid NOT NULL,
	"subgraph" text NOT NULL,
	"part" integer NOT NULL,
	"parts" integer NOT NULL,
	"tables" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_export_parts_export_id_subgraph_part_pk" PRIMARY KEY("export_id","subgraph","part")
);
--> statement-breakpoint
CREATE TABLE "core"."data_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"awaiting" text[] NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "core"."data_export_parts" ADD CONSTRAINT "data_export_parts_export_id_data_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "core"."data_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_exports_owner_id_idx" ON "core"."data_exports" USING btree ("owner_id");