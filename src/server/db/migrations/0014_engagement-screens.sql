CREATE TABLE "engagement_targets" (
	"hub_id" uuid PRIMARY KEY NOT NULL,
	"year_percent" integer DEFAULT 60 NOT NULL,
	"two_year_percent" integer DEFAULT 100 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_targets" ADD CONSTRAINT "engagement_targets_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_targets" ADD CONSTRAINT "engagement_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_next_steps_school_open" ON "visit_next_steps" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "visits_school_date" ON "visits" USING btree ("school_id","date");