CREATE TABLE "plan_publications" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"hub_id" uuid NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"objective_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"show_targets" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_review_reminders" (
	"hub_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_publications" ADD CONSTRAINT "plan_publications_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_publications" ADD CONSTRAINT "plan_publications_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_reminders" ADD CONSTRAINT "plan_review_reminders_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review_reminders" ADD CONSTRAINT "plan_review_reminders_review_id_plan_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."plan_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_publications_hub" ON "plan_publications" USING btree ("hub_id","published");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_review_reminders_once" ON "plan_review_reminders" USING btree ("review_id","user_id","kind");