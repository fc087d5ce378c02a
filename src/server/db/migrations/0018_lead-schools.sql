CREATE TABLE "lead_school_application_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"storage_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_school_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb NOT NULL,
	"focus_areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone,
	"moderated_total" numeric(7, 2),
	"moderation_note" text,
	"decision_reason" text,
	"feedback" text,
	"decided_at" timestamp with time zone,
	"told_at" timestamp with time zone,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_school_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"lead_school_id" uuid NOT NULL,
	"entry" text NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"amount" numeric(10, 2),
	"count" integer,
	"continues" boolean,
	"text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_school_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"title" text NOT NULL,
	"closes_on" date NOT NULL,
	"shortlist_on" date NOT NULL,
	"visits_from" date NOT NULL,
	"announce_on" date NOT NULL,
	"looking_for" text DEFAULT '' NOT NULL,
	"area_ids_wanted" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"settings_wanted" text[] DEFAULT '{}'::text[] NOT NULL,
	"expectations" text DEFAULT '' NOT NULL,
	"benefits" text DEFAULT '' NOT NULL,
	"criteria" jsonb NOT NULL,
	"panel_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_school_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_school_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"date" date NOT NULL,
	"visit_id" uuid,
	"record" jsonb NOT NULL,
	"recorded_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"application_id" uuid,
	"focus_areas" text[] NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"announce_on" date NOT NULL,
	"announced_at" timestamp with time zone,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_school_application_files" ADD CONSTRAINT "lead_school_application_files_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_application_files" ADD CONSTRAINT "lead_school_application_files_application_id_lead_school_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."lead_school_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_application_files" ADD CONSTRAINT "lead_school_application_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_applications" ADD CONSTRAINT "lead_school_applications_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_applications" ADD CONSTRAINT "lead_school_applications_round_id_lead_school_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."lead_school_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_applications" ADD CONSTRAINT "lead_school_applications_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_applications" ADD CONSTRAINT "lead_school_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_ledger" ADD CONSTRAINT "lead_school_ledger_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_ledger" ADD CONSTRAINT "lead_school_ledger_lead_school_id_lead_schools_id_fk" FOREIGN KEY ("lead_school_id") REFERENCES "public"."lead_schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_ledger" ADD CONSTRAINT "lead_school_ledger_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_rounds" ADD CONSTRAINT "lead_school_rounds_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_scores" ADD CONSTRAINT "lead_school_scores_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_scores" ADD CONSTRAINT "lead_school_scores_application_id_lead_school_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."lead_school_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_scores" ADD CONSTRAINT "lead_school_scores_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_visits" ADD CONSTRAINT "lead_school_visits_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_visits" ADD CONSTRAINT "lead_school_visits_application_id_lead_school_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."lead_school_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_school_visits" ADD CONSTRAINT "lead_school_visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_schools" ADD CONSTRAINT "lead_schools_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_schools" ADD CONSTRAINT "lead_schools_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_schools" ADD CONSTRAINT "lead_schools_application_id_lead_school_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."lead_school_applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_school_application_files_app" ON "lead_school_application_files" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_school_applications_round_school" ON "lead_school_applications" USING btree ("round_id","school_id");--> statement-breakpoint
CREATE INDEX "lead_school_applications_hub" ON "lead_school_applications" USING btree ("hub_id","status");--> statement-breakpoint
CREATE INDEX "lead_school_applications_school" ON "lead_school_applications" USING btree ("hub_id","school_id");--> statement-breakpoint
CREATE INDEX "lead_school_ledger_lead" ON "lead_school_ledger" USING btree ("lead_school_id","date");--> statement-breakpoint
CREATE INDEX "lead_school_rounds_hub" ON "lead_school_rounds" USING btree ("hub_id","closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_school_scores_app_reviewer" ON "lead_school_scores" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_school_visits_app" ON "lead_school_visits" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "lead_schools_hub_term" ON "lead_schools" USING btree ("hub_id","from_date","to_date");--> statement-breakpoint
CREATE INDEX "lead_schools_school" ON "lead_schools" USING btree ("hub_id","school_id");