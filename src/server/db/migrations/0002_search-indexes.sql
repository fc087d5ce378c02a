DROP INDEX "schools_hub_phase";--> statement-breakpoint
DROP INDEX "schools_hub_area";--> statement-breakpoint
CREATE INDEX "schools_hub_phase_desc" ON "schools" USING btree ("hub_id","phase" DESC NULLS LAST,"name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_status" ON "schools" USING btree ("hub_id","status","name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_status_desc" ON "schools" USING btree ("hub_id","status" DESC NULLS LAST,"name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_la" ON "schools" USING btree ("hub_id","la_code","name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_la_desc" ON "schools" USING btree ("hub_id","la_code" DESC NULLS LAST,"name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_town" ON "schools" USING btree ("hub_id","town","name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_town_desc" ON "schools" USING btree ("hub_id","town" DESC NULLS LAST,"name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_pupils" ON "schools" USING btree ("hub_id","pupils","name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_pupils_desc" ON "schools" USING btree ("hub_id","pupils" DESC NULLS LAST,"name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_fsm" ON "schools" USING btree ("hub_id","percent_fsm","name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_fsm_desc" ON "schools" USING btree ("hub_id","percent_fsm" DESC NULLS LAST,"name","urn");--> statement-breakpoint
CREATE INDEX "schools_name_trgm" ON "schools" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "schools_town_trgm" ON "schools" USING gin (lower("town") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "schools_hub_postcode_compact" ON "schools" USING btree ("hub_id",replace(upper("postcode"), ' ', '') text_pattern_ops);--> statement-breakpoint
CREATE INDEX "schools_hub_phase" ON "schools" USING btree ("hub_id","phase","name","urn");--> statement-breakpoint
CREATE INDEX "schools_hub_area" ON "schools" USING btree ("hub_id","area_id","name","urn");