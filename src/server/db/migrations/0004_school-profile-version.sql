ALTER TABLE "hubs" ADD COLUMN "profiles_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Profiles (school, contacts, music data, their history) are kept in memory like the list
-- (schools.service.ts): every write that changes what a profile shows raises profiles_version.
CREATE OR REPLACE FUNCTION "tutti_raise_schools_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "hubs" SET "schools_version" = "schools_version" + 1, "profiles_version" = "profiles_version" + 1
      WHERE "id" IN (SELECT DISTINCT "hub_id" FROM "old_rows");
  ELSE
    UPDATE "hubs" SET "schools_version" = "schools_version" + 1, "profiles_version" = "profiles_version" + 1
      WHERE "id" IN (SELECT DISTINCT "hub_id" FROM "new_rows");
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tutti_raise_schools_version_on_rename"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "hubs" SET "schools_version" = "schools_version" + 1, "profiles_version" = "profiles_version" + 1
    WHERE "id" IN (
      SELECT m."hub_id" FROM "memberships" m
        JOIN "new_rows" n ON n."id" = m."user_id"
        JOIN "old_rows" o ON o."id" = n."id"
      WHERE n."name" IS DISTINCT FROM o."name");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "tutti_raise_profiles_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "hubs" SET "profiles_version" = "profiles_version" + 1
      WHERE "id" IN (SELECT DISTINCT "hub_id" FROM "old_rows");
  ELSE
    UPDATE "hubs" SET "profiles_version" = "profiles_version" + 1
      WHERE "id" IN (SELECT DISTINCT "hub_id" FROM "new_rows");
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "school_contacts_version_insert" AFTER INSERT ON "school_contacts"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_profiles_version"();--> statement-breakpoint
CREATE TRIGGER "school_contacts_version_update" AFTER UPDATE ON "school_contacts"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_profiles_version"();--> statement-breakpoint
CREATE TRIGGER "school_contacts_version_delete" AFTER DELETE ON "school_contacts"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_profiles_version"();--> statement-breakpoint
CREATE TRIGGER "school_music_data_version_insert" AFTER INSERT ON "school_music_data"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_profiles_version"();--> statement-breakpoint
CREATE TRIGGER "school_music_data_version_update" AFTER UPDATE ON "school_music_data"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_profiles_version"();--> statement-breakpoint
CREATE TRIGGER "school_music_data_version_delete" AFTER DELETE ON "school_music_data"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_profiles_version"();
