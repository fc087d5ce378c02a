import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { hubs } from "./hubs";
import { users } from "./users";

/**
 * A person's secret calendar feed, one per user and hub. Only the hash of the token is kept:
 * minting a new one replaces the row, and the old URL stops working at once.
 */
export const calendarFeedTokens = pgTable(
  "calendar_feed_tokens",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hubId: uuid("hub_id")
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.hubId] }), index("calendar_feed_tokens_hub").on(t.hubId)],
);
