import { integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
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
