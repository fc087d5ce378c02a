CREATE TABLE "engagement_targets" (
	"hub_id" uuid PRIMARY KEY NOT NULL,
	"year_percent" integer DEFAULT 60 NOT NULL,
	"two_year_percent" integer DEFAULT 100 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "engagement_versions" (
	"hub_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "engagement_targets" ADD CONSTRAINT "engagement_targets_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_targets" ADD CONSTRAINT "engagement_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_versions" ADD CONSTRAINT "engagement_versions_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_next_steps_school_open" ON "visit_next_steps" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "visits_school_date" ON "visits" USING btree ("school_id","date");--> statement-breakpoint
-- Every write of a hub's visits, reports or next steps raises its engagement version in the
-- writer's transaction, so the coverage cache (coverage.service.ts) knows when to recompute.
-- A hub being deleted (its rows going by cascade) is left alone.
CREATE FUNCTION "tutti_raise_engagement_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "engagement_versions" ("hub_id", "version")
      SELECT DISTINCT o."hub_id", 1 FROM "old_rows" o WHERE EXISTS (SELECT 1 FROM "hubs" h WHERE h."id" = o."hub_id")
      ON CONFLICT ("hub_id") DO UPDATE SET "version" = "engagement_versions"."version" + 1;
  ELSE
    INSERT INTO "engagement_versions" ("hub_id", "version")
      SELECT DISTINCT "hub_id", 1 FROM "new_rows"
      ON CONFLICT ("hub_id") DO UPDATE SET "version" = "engagement_versions"."version" + 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "visits_engagement_insert" AFTER INSERT ON "visits"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visits_engagement_update" AFTER UPDATE ON "visits"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visits_engagement_delete" AFTER DELETE ON "visits"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visit_reports_engagement_insert" AFTER INSERT ON "visit_reports"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visit_reports_engagement_update" AFTER UPDATE ON "visit_reports"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visit_reports_engagement_delete" AFTER DELETE ON "visit_reports"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visit_next_steps_engagement_insert" AFTER INSERT ON "visit_next_steps"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visit_next_steps_engagement_update" AFTER UPDATE ON "visit_next_steps"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();--> statement-breakpoint
CREATE TRIGGER "visit_next_steps_engagement_delete" AFTER DELETE ON "visit_next_steps"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_engagement_version"();
