import { bigint, integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { hubs } from "./hubs";
import { users } from "./users";

/**
 * A hub's coverage targets (absent: 60% of open schools visited in a year, 100% over two years).
 * Shares are whole percentages.
 */
export const engagementTargets = pgTable("engagement_targets", {
  hubId: uuid("hub_id")
    .primaryKey()
    .references(() => hubs.id, { onDelete: "cascade" }),
  yearPercent: integer("year_percent").notNull().default(60),
  twoYearPercent: integer("two_year_percent").notNull().default(100),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Raised (by statement triggers in this module's migration) at every write of a hub's visits,
 * reports or next steps: the coverage cache recomputes a hub's figures when it moved.
 */
export const engagementVersions = pgTable("engagement_versions", {
  hubId: uuid("hub_id")
    .primaryKey()
    .references(() => hubs.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
