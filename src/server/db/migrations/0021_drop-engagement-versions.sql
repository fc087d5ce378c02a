-- The engagement version (migration 0019) is now the "engagement" topic of hub_topic_versions.
DROP TRIGGER IF EXISTS "visits_engagement_insert" ON "visits";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visits_engagement_update" ON "visits";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visits_engagement_delete" ON "visits";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visit_reports_engagement_insert" ON "visit_reports";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visit_reports_engagement_update" ON "visit_reports";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visit_reports_engagement_delete" ON "visit_reports";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visit_next_steps_engagement_insert" ON "visit_next_steps";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visit_next_steps_engagement_update" ON "visit_next_steps";--> statement-breakpoint
DROP TRIGGER IF EXISTS "visit_next_steps_engagement_delete" ON "visit_next_steps";--> statement-breakpoint
DROP FUNCTION IF EXISTS "tutti_raise_engagement_version"();--> statement-breakpoint
DROP TABLE "engagement_versions" CASCADE;