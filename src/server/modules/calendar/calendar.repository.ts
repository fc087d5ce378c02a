import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { calendarFeedTokens, hubs, memberships, users } from "../../db/schema/index";

export const calendarRepository = (db: DbOrTx) => ({
  /** Replaces the user's token in this hub (the old one stops working). */
  saveToken: async (userId: string, hubId: string, tokenHash: string, at: Date) => {
    const [row] = await db
      .insert(calendarFeedTokens)
      .values({ userId, hubId, tokenHash, createdAt: at })
      .onConflictDoUpdate({
        target: [calendarFeedTokens.userId, calendarFeedTokens.hubId],
        set: { tokenHash, createdAt: at },
      })
      .returning({ createdAt: calendarFeedTokens.createdAt });
    if (!row) throw new Error("feed token not saved");
    return row;
  },
  hadToken: async (userId: string, hubId: string) =>
    (
      await db
        .select({ userId: calendarFeedTokens.userId })
        .from(calendarFeedTokens)
        .where(and(eq(calendarFeedTokens.userId, userId), eq(calendarFeedTokens.hubId, hubId)))
        .limit(1)
    ).length > 0,
  /** The person and hub behind a token, while the person is still an active member there. */
  feedOwner: async (tokenHash: string) =>
    (
      await db
        .select({
          userId: users.id,
          userName: users.name,
          hubId: hubs.id,
          hubName: hubs.name,
          role: memberships.role,
          schoolId: memberships.schoolId,
          partnerId: memberships.partnerId,
        })
        .from(calendarFeedTokens)
        .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
        .innerJoin(hubs, eq(hubs.id, calendarFeedTokens.hubId))
        .innerJoin(
          memberships,
          and(
            eq(memberships.userId, calendarFeedTokens.userId),
            eq(memberships.hubId, calendarFeedTokens.hubId),
            eq(memberships.active, true),
          ),
        )
        .where(eq(calendarFeedTokens.tokenHash, tokenHash))
        .limit(1)
    )[0],
});
