CREATE TABLE "rag_criteria" (
	"hub_id" uuid PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rag_current" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"hub_id" uuid NOT NULL,
	"rating_id" bigint NOT NULL,
	"rating" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rag_ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hub_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"reason" text NOT NULL,
	"suggested" text,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rag_criteria" ADD CONSTRAINT "rag_criteria_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_criteria" ADD CONSTRAINT "rag_criteria_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_current" ADD CONSTRAINT "rag_current_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_current" ADD CONSTRAINT "rag_current_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_ratings" ADD CONSTRAINT "rag_ratings_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_ratings" ADD CONSTRAINT "rag_ratings_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rag_ratings" ADD CONSTRAINT "rag_ratings_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rag_current_hub_rating" ON "rag_current" USING btree ("hub_id","rating");--> statement-breakpoint
CREATE INDEX "rag_ratings_school" ON "rag_ratings" USING btree ("hub_id","school_id","id");