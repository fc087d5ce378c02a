import { and, count, eq, gt, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { sessions, users } from "../../db/schema/index";

/** SQL for one's own account: the name, and the sessions other than this one. */
export const accountRepository = (db: DbOrTx) => ({
  setName: async (userId: string, name: string) => {
    await db.update(users).set({ name }).where(eq(users.id, userId));
    // Kept sessions carry the name: the users trigger tells every process (decision 013).
  },

  openSessions: async (userId: string, now: Date): Promise<number> =>
    (
      await db
        .select({ n: count() })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    )[0]?.n ?? 0,

  deleteOtherSessions: async (userId: string, keepIdHash: string) => {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)));
  },
});
