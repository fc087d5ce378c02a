-- Freshness by LISTEN/NOTIFY (decision 013). Every process LISTENs on "tutti_freshness";
-- these triggers notify it in the writer's transaction, so a notification goes out at commit.
-- "hub:<id>": the hub's schools_version or profiles_version moved (triggers of 0003/0004).
-- "session:<id_hash>": that session's row changed. "sessions": kept sessions may all be stale.
-- Identical notifications in one transaction are sent once (PostgreSQL folds them).
CREATE OR REPLACE FUNCTION "tutti_notify_hub_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tutti_freshness', 'hub:' || NEW."id");
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "hubs_versions_notify" ON "hubs";--> statement-breakpoint
CREATE TRIGGER "hubs_versions_notify" AFTER UPDATE OF "schools_version", "profiles_version" ON "hubs"
  FOR EACH ROW
  WHEN (OLD."schools_version" IS DISTINCT FROM NEW."schools_version"
     OR OLD."profiles_version" IS DISTINCT FROM NEW."profiles_version")
  EXECUTE FUNCTION "tutti_notify_hub_versions"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tutti_notify_sessions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tutti_freshness', 'sessions');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tutti_notify_session"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tutti_freshness', 'session:' || NEW."id_hash");
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "sessions_update_notify" ON "sessions";--> statement-breakpoint
CREATE TRIGGER "sessions_update_notify" AFTER UPDATE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "tutti_notify_session"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "sessions_delete_notify" ON "sessions";--> statement-breakpoint
CREATE TRIGGER "sessions_delete_notify" AFTER DELETE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "tutti_notify_sessions"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "memberships_notify" ON "memberships";--> statement-breakpoint
CREATE TRIGGER "memberships_notify" AFTER INSERT OR UPDATE OR DELETE ON "memberships"
  FOR EACH STATEMENT EXECUTE FUNCTION "tutti_notify_sessions"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "users_sessions_notify" ON "users";--> statement-breakpoint
CREATE TRIGGER "users_sessions_notify" AFTER UPDATE ON "users"
  FOR EACH ROW
  WHEN ((OLD."email", OLD."name", OLD."password_hash") IS DISTINCT FROM (NEW."email", NEW."name", NEW."password_hash"))
  EXECUTE FUNCTION "tutti_notify_sessions"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "users_delete_notify" ON "users";--> statement-breakpoint
CREATE TRIGGER "users_delete_notify" AFTER DELETE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "tutti_notify_sessions"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "hubs_names_notify" ON "hubs";--> statement-breakpoint
CREATE TRIGGER "hubs_names_notify" AFTER UPDATE OF "name", "slug" ON "hubs"
  FOR EACH ROW
  WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."slug" IS DISTINCT FROM NEW."slug")
  EXECUTE FUNCTION "tutti_notify_sessions"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "hubs_delete_notify" ON "hubs";--> statement-breakpoint
CREATE TRIGGER "hubs_delete_notify" AFTER DELETE ON "hubs"
  FOR EACH STATEMENT EXECUTE FUNCTION "tutti_notify_sessions"();
