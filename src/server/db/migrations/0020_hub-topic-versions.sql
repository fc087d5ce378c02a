CREATE TABLE "hub_topic_versions" (
	"hub_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "hub_topic_versions_hub_id_topic_pk" PRIMARY KEY("hub_id","topic")
);
--> statement-breakpoint
ALTER TABLE "hub_topic_versions" ADD CONSTRAINT "hub_topic_versions_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Topic versions (decision 030). Every write of a topic's tables raises the hub's version of that
-- topic in the writer's transaction and notifies "topics:<hub id>" on the freshness channel
-- (decision 013), so what a process keeps of a hub's data (platform/hub-reads.ts) is dropped at
-- once. Statement triggers with transition tables: one upsert per statement, whatever its size.
-- Rows without a hub (system mail) and a hub being deleted (its rows going by cascade) are left alone.
CREATE FUNCTION "tutti_raise_topic_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h uuid;
BEGIN
  FOR h IN
    SELECT DISTINCT r."hub_id" FROM "changed_rows" r
    WHERE r."hub_id" IS NOT NULL AND EXISTS (SELECT 1 FROM "hubs" x WHERE x."id" = r."hub_id")
  LOOP
    INSERT INTO "hub_topic_versions" ("hub_id", "topic", "version") VALUES (h, TG_ARGV[0], 1)
      ON CONFLICT ("hub_id", "topic") DO UPDATE SET "version" = "hub_topic_versions"."version" + 1;
    PERFORM pg_notify('tutti_freshness', 'topics:' || h);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "visits_topic_insert" AFTER INSERT ON "visits"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visits_topic_update" AFTER UPDATE ON "visits"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visits_topic_delete" AFTER DELETE ON "visits"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visit_reports_topic_insert" AFTER INSERT ON "visit_reports"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visit_reports_topic_update" AFTER UPDATE ON "visit_reports"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visit_reports_topic_delete" AFTER DELETE ON "visit_reports"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visit_next_steps_topic_insert" AFTER INSERT ON "visit_next_steps"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visit_next_steps_topic_update" AFTER UPDATE ON "visit_next_steps"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "visit_next_steps_topic_delete" AFTER DELETE ON "visit_next_steps"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "engagement_targets_topic_insert" AFTER INSERT ON "engagement_targets"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "engagement_targets_topic_update" AFTER UPDATE ON "engagement_targets"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "engagement_targets_topic_delete" AFTER DELETE ON "engagement_targets"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('engagement');
--> statement-breakpoint
CREATE TRIGGER "rag_current_topic_insert" AFTER INSERT ON "rag_current"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('rag');
--> statement-breakpoint
CREATE TRIGGER "rag_current_topic_update" AFTER UPDATE ON "rag_current"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('rag');
--> statement-breakpoint
CREATE TRIGGER "rag_current_topic_delete" AFTER DELETE ON "rag_current"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('rag');
--> statement-breakpoint
CREATE TRIGGER "rag_criteria_topic_insert" AFTER INSERT ON "rag_criteria"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('rag');
--> statement-breakpoint
CREATE TRIGGER "rag_criteria_topic_update" AFTER UPDATE ON "rag_criteria"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('rag');
--> statement-breakpoint
CREATE TRIGGER "rag_criteria_topic_delete" AFTER DELETE ON "rag_criteria"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('rag');
--> statement-breakpoint
CREATE TRIGGER "lead_school_rounds_topic_insert" AFTER INSERT ON "lead_school_rounds"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_rounds_topic_update" AFTER UPDATE ON "lead_school_rounds"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_rounds_topic_delete" AFTER DELETE ON "lead_school_rounds"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_applications_topic_insert" AFTER INSERT ON "lead_school_applications"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_applications_topic_update" AFTER UPDATE ON "lead_school_applications"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_applications_topic_delete" AFTER DELETE ON "lead_school_applications"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_visits_topic_insert" AFTER INSERT ON "lead_school_visits"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_visits_topic_update" AFTER UPDATE ON "lead_school_visits"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_visits_topic_delete" AFTER DELETE ON "lead_school_visits"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_schools_topic_insert" AFTER INSERT ON "lead_schools"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_schools_topic_update" AFTER UPDATE ON "lead_schools"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_schools_topic_delete" AFTER DELETE ON "lead_schools"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_ledger_topic_insert" AFTER INSERT ON "lead_school_ledger"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_ledger_topic_update" AFTER UPDATE ON "lead_school_ledger"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "lead_school_ledger_topic_delete" AFTER DELETE ON "lead_school_ledger"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('lead_schools');
--> statement-breakpoint
CREATE TRIGGER "cpd_events_topic_insert" AFTER INSERT ON "cpd_events"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_events_topic_update" AFTER UPDATE ON "cpd_events"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_events_topic_delete" AFTER DELETE ON "cpd_events"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_sessions_topic_insert" AFTER INSERT ON "cpd_sessions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_sessions_topic_update" AFTER UPDATE ON "cpd_sessions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_sessions_topic_delete" AFTER DELETE ON "cpd_sessions"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_bookings_topic_insert" AFTER INSERT ON "cpd_bookings"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_bookings_topic_update" AFTER UPDATE ON "cpd_bookings"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_bookings_topic_delete" AFTER DELETE ON "cpd_bookings"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_places_topic_insert" AFTER INSERT ON "cpd_places"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_places_topic_update" AFTER UPDATE ON "cpd_places"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_places_topic_delete" AFTER DELETE ON "cpd_places"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_attendance_topic_insert" AFTER INSERT ON "cpd_attendance"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_attendance_topic_update" AFTER UPDATE ON "cpd_attendance"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_attendance_topic_delete" AFTER DELETE ON "cpd_attendance"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_feedback_topic_insert" AFTER INSERT ON "cpd_feedback"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_feedback_topic_update" AFTER UPDATE ON "cpd_feedback"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_feedback_topic_delete" AFTER DELETE ON "cpd_feedback"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_claims_topic_insert" AFTER INSERT ON "cpd_claims"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_claims_topic_update" AFTER UPDATE ON "cpd_claims"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_claims_topic_delete" AFTER DELETE ON "cpd_claims"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_settings_topic_insert" AFTER INSERT ON "cpd_settings"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_settings_topic_update" AFTER UPDATE ON "cpd_settings"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "cpd_settings_topic_delete" AFTER DELETE ON "cpd_settings"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('cpd');
--> statement-breakpoint
CREATE TRIGGER "qm_frameworks_topic_insert" AFTER INSERT ON "qm_frameworks"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_frameworks_topic_update" AFTER UPDATE ON "qm_frameworks"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_frameworks_topic_delete" AFTER DELETE ON "qm_frameworks"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_applications_topic_insert" AFTER INSERT ON "qm_applications"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_applications_topic_update" AFTER UPDATE ON "qm_applications"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_applications_topic_delete" AFTER DELETE ON "qm_applications"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_assessors_topic_insert" AFTER INSERT ON "qm_assessors"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_assessors_topic_update" AFTER UPDATE ON "qm_assessors"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_assessors_topic_delete" AFTER DELETE ON "qm_assessors"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_awards_topic_insert" AFTER INSERT ON "qm_awards"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_awards_topic_update" AFTER UPDATE ON "qm_awards"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "qm_awards_topic_delete" AFTER DELETE ON "qm_awards"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('quality_mark');
--> statement-breakpoint
CREATE TRIGGER "plans_topic_insert" AFTER INSERT ON "plans"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plans_topic_update" AFTER UPDATE ON "plans"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plans_topic_delete" AFTER DELETE ON "plans"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_objectives_topic_insert" AFTER INSERT ON "plan_objectives"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_objectives_topic_update" AFTER UPDATE ON "plan_objectives"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_objectives_topic_delete" AFTER DELETE ON "plan_objectives"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_actions_topic_insert" AFTER INSERT ON "plan_actions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_actions_topic_update" AFTER UPDATE ON "plan_actions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_actions_topic_delete" AFTER DELETE ON "plan_actions"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_targets_topic_insert" AFTER INSERT ON "plan_targets"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_targets_topic_update" AFTER UPDATE ON "plan_targets"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_targets_topic_delete" AFTER DELETE ON "plan_targets"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_target_revisions_topic_insert" AFTER INSERT ON "plan_target_revisions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_target_revisions_topic_update" AFTER UPDATE ON "plan_target_revisions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_target_revisions_topic_delete" AFTER DELETE ON "plan_target_revisions"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_measure_snapshots_topic_insert" AFTER INSERT ON "plan_measure_snapshots"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_measure_snapshots_topic_update" AFTER UPDATE ON "plan_measure_snapshots"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_measure_snapshots_topic_delete" AFTER DELETE ON "plan_measure_snapshots"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_updates_topic_insert" AFTER INSERT ON "plan_updates"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_updates_topic_update" AFTER UPDATE ON "plan_updates"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_updates_topic_delete" AFTER DELETE ON "plan_updates"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_reviews_topic_insert" AFTER INSERT ON "plan_reviews"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_reviews_topic_update" AFTER UPDATE ON "plan_reviews"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_reviews_topic_delete" AFTER DELETE ON "plan_reviews"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_review_decisions_topic_insert" AFTER INSERT ON "plan_review_decisions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_review_decisions_topic_update" AFTER UPDATE ON "plan_review_decisions"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "plan_review_decisions_topic_delete" AFTER DELETE ON "plan_review_decisions"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('plans');
--> statement-breakpoint
CREATE TRIGGER "mail_messages_topic_insert" AFTER INSERT ON "mail_messages"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('mail');
--> statement-breakpoint
CREATE TRIGGER "mail_messages_topic_update" AFTER UPDATE ON "mail_messages"
  REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('mail');
--> statement-breakpoint
CREATE TRIGGER "mail_messages_topic_delete" AFTER DELETE ON "mail_messages"
  REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_topic_version"('mail');
