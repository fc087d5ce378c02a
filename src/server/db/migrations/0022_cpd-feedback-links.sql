ALTER TABLE "cpd_places" ADD COLUMN "feedback_token_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "cpd_places_feedback_token" ON "cpd_places" USING btree ("feedback_token_hash");