import { and, count, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Membership } from "../../../shared/schemas/auth";
import { type DbOrTx, perHandle } from "../../db/client";
import { authTokens, hubs, memberships, sessions, signInAttempts, users } from "../../db/schema/index";
import { sessionCacheOf } from "./session-cache";

/**
 * A session with its user and the user's active memberships (ordered as `memberships` orders
 * them), in one round trip: what every request needs. A named prepared statement (PostgreSQL
 * parses and plans it once per connection), built once per database handle.
 */
const buildSessionWithUser = (db: DbOrTx) =>
  db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name },
      memberships: sql<Membership[]>`(
        select coalesce(json_agg(json_build_object(
          'hubId', ${hubs.id}, 'hubName', ${hubs.name}, 'hubSlug', ${hubs.slug}, 'role', ${memberships.role},
          'schoolId', ${memberships.schoolId}, 'partnerId', ${memberships.partnerId}
        ) order by ${hubs.name}), '[]'::json)
        from ${memberships} inner join ${hubs} on ${hubs.id} = ${memberships.hubId}
        where ${memberships.userId} = ${sessions.userId} and ${memberships.active} = true)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .limit(1)
    .prepare("session_with_user");
const sessionWithUserQuery = perHandle(buildSessionWithUser);

/** The session behind a hash, with its user and memberships (see buildSessionWithUser). */
export const findSessionWithUser = async (db: DbOrTx, idHash: string) => {
  type Found = Awaited<ReturnType<ReturnType<typeof sessionWithUserQuery>["execute"]>>[number];
  const cache = sessionCacheOf<Found>(db);
  const kept = cache?.get(idHash);
  if (kept) return kept;
  const generation = cache?.generation();
  const [found] = await sessionWithUserQuery(db).execute({ idHash });
  if (found) cache?.keep(idHash, found, generation);
  return found;
};

export const authRepository = (db: DbOrTx) => ({
  userByEmail: async (email: string) =>
    (await db.select().from(users).where(eq(users.email, email)).limit(1))[0],

  userById: async (id: string) => (await db.select().from(users).where(eq(users.id, id)).limit(1))[0],

  /** Active memberships of a user, with their hubs. */
  memberships: async (userId: string): Promise<Membership[]> =>
    db
      .select({
        hubId: memberships.hubId,
        hubName: hubs.name,
        hubSlug: hubs.slug,
        role: memberships.role,
        schoolId: memberships.schoolId,
        partnerId: memberships.partnerId,
      })
      .from(memberships)
      .innerJoin(hubs, eq(hubs.id, memberships.hubId))
      .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
      .orderBy(hubs.name),

  createSession: async (row: typeof sessions.$inferInsert) => {
    await db.insert(sessions).values(row);
  },

  /**
   * A session with its user and the user's active memberships (ordered as `memberships` orders
   * them), in one round trip: what every request needs. Undefined when there is no such session.
   */

  sessionByHash: async (idHash: string) =>
    (await db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1))[0],

  touchSession: async (idHash: string, lastSeenAt: Date, expiresAt: Date) => {
    await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.idHash, idHash));
  },

  setSessionHub: async (idHash: string, hubId: string) => {
    await db.update(sessions).set({ currentHubId: hubId }).where(eq(sessions.idHash, idHash));
  },

  deleteSession: async (idHash: string) => {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
  },

  deleteSessionsOfUser: async (userId: string) => {
    await db.delete(sessions).where(eq(sessions.userId, userId));
  },

  deleteExpiredSessions: async (now: Date) => {
    await db.delete(sessions).where(lt(sessions.expiresAt, now));
  },

  recordFailedAttempt: async (email: string, ip: string | null, at: Date) => {
    await db.insert(signInAttempts).values({ email, ip, at });
  },

  failedAttemptsSince: async (email: string, since: Date): Promise<number> => {
    const [row] = await db
      .select({ n: count() })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, email), gt(signInAttempts.at, since)));
    return row?.n ?? 0;
  },

  clearFailedAttempts: async (email: string) => {
    await db.delete(signInAttempts).where(eq(signInAttempts.email, email));
  },

  setLastSignIn: async (userId: string, at: Date) => {
    await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
  },

  setPassword: async (userId: string, passwordHash: string, name?: string) => {
    await db
      .update(users)
      .set(name ? { passwordHash, name } : { passwordHash })
      .where(eq(users.id, userId));
  },

  createToken: async (row: typeof authTokens.$inferInsert) => {
    await db.insert(authTokens).values(row);
  },

  /** A usable (unexpired, unused) token of a kind. */
  usableToken: async (kind: "invite" | "reset", tokenHash: string, now: Date) =>
    (
      await db
        .select()
        .from(authTokens)
        .where(
          and(
            eq(authTokens.kind, kind),
            eq(authTokens.tokenHash, tokenHash),
            isNull(authTokens.usedAt),
            gt(authTokens.expiresAt, now),
          ),
        )
        .limit(1)
    )[0],

  useToken: async (id: string, at: Date) => {
    await db.update(authTokens).set({ usedAt: at }).where(eq(authTokens.id, id));
  },

  hubById: async (id: string) => (await db.select().from(hubs).where(eq(hubs.id, id)).limit(1))[0],

  membership: async (userId: string, hubId: string) =>
    (
      await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.hubId, hubId)))
        .limit(1)
    )[0],
});
