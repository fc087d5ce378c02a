-- A school's current RAG rating is part of the school list (its rag and targetedSupport filters),
-- so every write of rag_current raises the hub's schools_version in the writer's transaction
-- (the function of migration 0003), and the in-memory directory reloads (decision 013).
DROP TRIGGER IF EXISTS "rag_current_version_insert" ON "rag_current";--> statement-breakpoint
CREATE TRIGGER "rag_current_version_insert" AFTER INSERT ON "rag_current"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "rag_current_version_update" ON "rag_current";--> statement-breakpoint
CREATE TRIGGER "rag_current_version_update" AFTER UPDATE ON "rag_current"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "rag_current_version_delete" ON "rag_current";--> statement-breakpoint
CREATE TRIGGER "rag_current_version_delete" AFTER DELETE ON "rag_current"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "tutti_raise_schools_version"();
