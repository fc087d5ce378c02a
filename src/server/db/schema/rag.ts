import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { RagCriteriaConfig } from "../../../shared/rules/rag-suggestion";
import { hubs } from "./hubs";
import { schools } from "./schools";
import { users } from "./users";

const RATINGS = ["red", "amber", "green"] as const;

/**
 * Every RAG rating ever given to a school: append-only (nothing updates or deletes a row but a
 * school's own deletion). The latest row of a school is its current rating (`rag_current`).
 */
export const ragRatings = pgTable(
  "rag_ratings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    rating: text("rating", { enum: RATINGS }).notNull(),
    reason: text("reason").notNull(),
    /** What Tutti suggested when the rating was set (so an override can be seen as one). */
    suggested: text("suggested", { enum: RATINGS }),
    setBy: uuid("set_by").references(() => users.id, { onDelete: "set null" }),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rag_ratings_school").on(t.hubId, t.schoolId, t.id)],
);

/** Each rated school's current rating: one row per school, written with its history row. */
export const ragCurrent = pgTable(
  "rag_current",
  {
    schoolId: uuid("school_id")
      .primaryKey()
      .references(() => schools.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    ratingId: bigint("rating_id", { mode: "number" }).notNull(),
    rating: text("rating", { enum: RATINGS }).notNull(),
    setAt: timestamp("set_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rag_current_hub_rating").on(t.hubId, t.rating)],
);

/** A hub's RAG criteria (absent: the defaults of the rule). */
export const ragCriteria = pgTable("rag_criteria", {
  hubId: uuid("hub_id")
    .primaryKey()
    .references(() => hubs.id, { onDelete: "cascade" }),
  config: jsonb("config").$type<RagCriteriaConfig>().notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
