-- Memberships whose person has not chosen a password yet were invitations still pending
-- (decision 010): they grant nothing until the invitation is accepted. Idempotent.
UPDATE "memberships" AS m
SET "accepted_at" = NULL
FROM "users" AS u
WHERE u."id" = m."user_id" AND u."password_hash" IS NULL AND m."accepted_at" IS NOT NULL;
