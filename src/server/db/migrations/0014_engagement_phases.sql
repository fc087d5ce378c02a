CREATE TABLE "engagement_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"message" text,
	"phase_id" uuid,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_phase_schools" (
	"phase_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"hub_id" uuid NOT NULL,
	"joined_via" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_phase_schools_phase_id_school_id_pk" PRIMARY KEY("phase_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "engagement_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_interests" ADD CONSTRAINT "engagement_interests_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_interests" ADD CONSTRAINT "engagement_interests_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_interests" ADD CONSTRAINT "engagement_interests_phase_id_engagement_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."engagement_phases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_interests" ADD CONSTRAINT "engagement_interests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_interests" ADD CONSTRAINT "engagement_interests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_phase_schools" ADD CONSTRAINT "engagement_phase_schools_phase_id_engagement_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."engagement_phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_phase_schools" ADD CONSTRAINT "engagement_phase_schools_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_phase_schools" ADD CONSTRAINT "engagement_phase_schools_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_phase_schools" ADD CONSTRAINT "engagement_phase_schools_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_phases" ADD CONSTRAINT "engagement_phases_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_phases" ADD CONSTRAINT "engagement_phases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_interests_hub_status" ON "engagement_interests" USING btree ("hub_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_interests_one_pending" ON "engagement_interests" USING btree ("school_id","kind") WHERE "engagement_interests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "engagement_phase_schools_school" ON "engagement_phase_schools" USING btree ("hub_id","school_id");--> statement-breakpoint
CREATE INDEX "engagement_phases_hub_start" ON "engagement_phases" USING btree ("hub_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_phases_hub_name" ON "engagement_phases" USING btree ("hub_id",lower("name"));