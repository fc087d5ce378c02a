DROP INDEX "schools_hub_name";--> statement-breakpoint
DROP INDEX "schools_hub_phase";--> statement-breakpoint
DROP INDEX "schools_hub_phase_desc";--> statement-breakpoint
DROP INDEX "schools_hub_status";--> statement-breakpoint
DROP INDEX "schools_hub_status_desc";--> statement-breakpoint
DROP INDEX "schools_hub_la";--> statement-breakpoint
DROP INDEX "schools_hub_la_desc";--> statement-breakpoint
DROP INDEX "schools_hub_town";--> statement-breakpoint
DROP INDEX "schools_hub_town_desc";--> statement-breakpoint
DROP INDEX "schools_hub_pupils";--> statement-breakpoint
DROP INDEX "schools_hub_pupils_desc";--> statement-breakpoint
DROP INDEX "schools_hub_fsm";--> statement-breakpoint
DROP INDEX "schools_hub_fsm_desc";--> statement-breakpoint
DROP INDEX "schools_hub_postcode";--> statement-breakpoint
DROP INDEX "schools_name_trgm";--> statement-breakpoint
DROP INDEX "schools_town_trgm";--> statement-breakpoint
DROP INDEX "schools_hub_postcode_compact";--> statement-breakpoint
DROP INDEX "schools_hub_area";--> statement-breakpoint
ALTER TABLE "hubs" ADD COLUMN "schools_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "schools_hub_area" ON "schools" USING btree ("hub_id","area_id");--> statement-breakpoint
-- The school directory (src/server/modules/schools/school-directory.ts) keeps each hub's list
-- in memory and reloads it when hubs.schools_version moved: every statement that writes a
-- hub's schools or areas, or renames one of its members, raises it. In the writer's transaction,
-- so a reader sees the new version exactly when it sees the new rows.
CREATE FUNCTION "tutti_raise_schools_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "hubs" SET "schools_version" = "schools_version" + 1
      WHERE "id" IN (SELECT DISTINCT "hub_id" FROM "old_rows");
  ELSE
    UPDATE "hubs" SET "schools_version" = "schools_version" + 1
      WHERE "id" IN (SELECT DISTINCT "hub_id" FROM "new_rows");
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "schools_version_insert" AFTER INSERT ON "schools"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
CREATE TRIGGER "schools_version_update" AFTER UPDATE ON "schools"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
CREATE TRIGGER "schools_version_delete" AFTER DELETE ON "schools"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
CREATE TRIGGER "areas_version_insert" AFTER INSERT ON "areas"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
CREATE TRIGGER "areas_version_update" AFTER UPDATE ON "areas"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
CREATE TRIGGER "areas_version_delete" AFTER DELETE ON "areas"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
-- A renamed user may be a link officer shown in the list of any hub they belong to.
CREATE FUNCTION "tutti_raise_schools_version_on_rename"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "hubs" SET "schools_version" = "schools_version" + 1
    WHERE "id" IN (
      SELECT m."hub_id" FROM "memberships" m
        JOIN "new_rows" n ON n."id" = m."user_id"
        JOIN "old_rows" o ON o."id" = n."id"
      WHERE n."name" IS DISTINCT FROM o."name");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "users_version_update" AFTER UPDATE ON "users"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version_on_rename"();
