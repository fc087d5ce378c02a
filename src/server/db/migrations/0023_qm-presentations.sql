CREATE TABLE "qm_presentations" (
	"hub_id" uuid NOT NULL,
	"academic_year" text NOT NULL,
	"cpd_event_id" uuid NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qm_presentations" ADD CONSTRAINT "qm_presentations_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_presentations" ADD CONSTRAINT "qm_presentations_cpd_event_id_cpd_events_id_fk" FOREIGN KEY ("cpd_event_id") REFERENCES "public"."cpd_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qm_presentations_hub_year" ON "qm_presentations" USING btree ("hub_id","academic_year");