CREATE TABLE "cpd_attendance" (
	"hub_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"mark" text NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpd_attendance_place_id_session_id_pk" PRIMARY KEY("place_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "cpd_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"status" text NOT NULL,
	"places" integer NOT NULL,
	"booked_by" uuid,
	"booker_email" text,
	"reminded_week_at" timestamp with time zone,
	"reminded_day_at" timestamp with time zone,
	"feedback_asked_at" timestamp with time zone,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"days" numeric(4, 1) NOT NULL,
	"daily_rate_pence" integer NOT NULL,
	"total_pence" integer NOT NULL,
	"contribution_percent" integer NOT NULL,
	"contribution_pence" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reason" text,
	"claimed_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"phases" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"focus_areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer NOT NULL,
	"price_pence" integer DEFAULT 0 NOT NULL,
	"led_by" text DEFAULT 'hub_staff' NOT NULL,
	"leader_name" text,
	"booking_opens_at" timestamp with time zone,
	"booking_closes_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"booked_places" integer DEFAULT 0 NOT NULL,
	"waitlisted_places" integer DEFAULT 0 NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"usefulness" integer NOT NULL,
	"confidence_before" integer NOT NULL,
	"confidence_after" integer NOT NULL,
	"comments" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"price_pence" integer NOT NULL,
	"free" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hub_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text,
	"online_url" text
);
--> statement-breakpoint
CREATE TABLE "cpd_settings" (
	"hub_id" uuid PRIMARY KEY NOT NULL,
	"supply_contribution_percent" integer DEFAULT 50 NOT NULL,
	"cancel_cutoff_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cpd_attendance" ADD CONSTRAINT "cpd_attendance_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_attendance" ADD CONSTRAINT "cpd_attendance_place_id_cpd_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."cpd_places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_attendance" ADD CONSTRAINT "cpd_attendance_session_id_cpd_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."cpd_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_event_id_cpd_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."cpd_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_bookings" ADD CONSTRAINT "cpd_bookings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_claims" ADD CONSTRAINT "cpd_claims_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_claims" ADD CONSTRAINT "cpd_claims_event_id_cpd_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."cpd_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_claims" ADD CONSTRAINT "cpd_claims_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_events" ADD CONSTRAINT "cpd_events_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_feedback" ADD CONSTRAINT "cpd_feedback_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_feedback" ADD CONSTRAINT "cpd_feedback_event_id_cpd_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."cpd_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_feedback" ADD CONSTRAINT "cpd_feedback_place_id_cpd_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."cpd_places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_places" ADD CONSTRAINT "cpd_places_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_places" ADD CONSTRAINT "cpd_places_booking_id_cpd_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."cpd_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_places" ADD CONSTRAINT "cpd_places_event_id_cpd_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."cpd_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_sessions" ADD CONSTRAINT "cpd_sessions_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_sessions" ADD CONSTRAINT "cpd_sessions_event_id_cpd_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."cpd_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_settings" ADD CONSTRAINT "cpd_settings_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cpd_attendance_session" ON "cpd_attendance" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "cpd_bookings_event" ON "cpd_bookings" USING btree ("event_id","status","created_at");--> statement-breakpoint
CREATE INDEX "cpd_bookings_school" ON "cpd_bookings" USING btree ("hub_id","school_id");--> statement-breakpoint
CREATE INDEX "cpd_claims_hub" ON "cpd_claims" USING btree ("hub_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_events_ref" ON "cpd_events" USING btree ("hub_id","ref");--> statement-breakpoint
CREATE INDEX "cpd_events_hub_start" ON "cpd_events" USING btree ("hub_id","status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_feedback_place" ON "cpd_feedback" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "cpd_feedback_event" ON "cpd_feedback" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_places_person" ON "cpd_places" USING btree ("event_id","email") WHERE "cpd_places"."active";--> statement-breakpoint
CREATE INDEX "cpd_places_booking" ON "cpd_places" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "cpd_sessions_event" ON "cpd_sessions" USING btree ("event_id","position");--> statement-breakpoint
CREATE INDEX "cpd_sessions_hub_start" ON "cpd_sessions" USING btree ("hub_id","starts_at");