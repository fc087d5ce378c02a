CREATE TABLE "qm_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"academic_year" text NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reviews" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assessor_id" uuid,
	"visit_id" uuid,
	"moderator_id" uuid,
	"outcome_level" text,
	"outcome_reasons" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qm_assessors" (
	"hub_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"school_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qm_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"level" text NOT NULL,
	"awarded_on" date NOT NULL,
	"academic_year" text NOT NULL,
	"valid_until" date NOT NULL,
	"application_id" uuid,
	"moderator_id" uuid,
	"renewal_prompted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qm_evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"standard_id" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qm_frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"academic_year" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qm_applications" ADD CONSTRAINT "qm_applications_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_applications" ADD CONSTRAINT "qm_applications_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_applications" ADD CONSTRAINT "qm_applications_framework_id_qm_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."qm_frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_assessors" ADD CONSTRAINT "qm_assessors_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_assessors" ADD CONSTRAINT "qm_assessors_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_awards" ADD CONSTRAINT "qm_awards_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_awards" ADD CONSTRAINT "qm_awards_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_awards" ADD CONSTRAINT "qm_awards_application_id_qm_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."qm_applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_evidence_files" ADD CONSTRAINT "qm_evidence_files_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_evidence_files" ADD CONSTRAINT "qm_evidence_files_application_id_qm_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."qm_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qm_frameworks" ADD CONSTRAINT "qm_frameworks_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qm_applications_hub_status" ON "qm_applications" USING btree ("hub_id","status");--> statement-breakpoint
CREATE INDEX "qm_applications_hub_school" ON "qm_applications" USING btree ("hub_id","school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "qm_applications_one_open" ON "qm_applications" USING btree ("hub_id","school_id") WHERE "qm_applications"."status" in ('draft', 'submitted', 'queried', 'assessed');--> statement-breakpoint
CREATE UNIQUE INDEX "qm_assessors_hub_user" ON "qm_assessors" USING btree ("hub_id","user_id");--> statement-breakpoint
CREATE INDEX "qm_awards_hub_school" ON "qm_awards" USING btree ("hub_id","school_id");--> statement-breakpoint
CREATE INDEX "qm_awards_hub_valid" ON "qm_awards" USING btree ("hub_id","valid_until");--> statement-breakpoint
CREATE INDEX "qm_evidence_files_application" ON "qm_evidence_files" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "qm_frameworks_hub_year_version" ON "qm_frameworks" USING btree ("hub_id","academic_year","version");