CREATE TABLE "visit_next_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due" date,
	"status" text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"summary" text NOT NULL,
	"seen" text,
	"judgements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"date" date NOT NULL,
	"time" text,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"recorded" boolean DEFAULT false NOT NULL,
	"attendee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"notes" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"change_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "visit_next_steps" ADD CONSTRAINT "visit_next_steps_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_next_steps" ADD CONSTRAINT "visit_next_steps_report_id_visit_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."visit_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_next_steps" ADD CONSTRAINT "visit_next_steps_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_next_steps_report" ON "visit_next_steps" USING btree ("report_id","position");--> statement-breakpoint
CREATE INDEX "visit_next_steps_hub_open" ON "visit_next_steps" USING btree ("hub_id","status","due");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_reports_visit" ON "visit_reports" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_reports_hub_status" ON "visit_reports" USING btree ("hub_id","status");--> statement-breakpoint
CREATE INDEX "visits_hub_date" ON "visits" USING btree ("hub_id","date");--> statement-breakpoint
CREATE INDEX "visits_hub_school" ON "visits" USING btree ("hub_id","school_id");--> statement-breakpoint
CREATE INDEX "visits_attendees" ON "visits" USING gin ("attendee_ids");