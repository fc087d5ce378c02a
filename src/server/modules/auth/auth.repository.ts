import { and, count, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
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
        where ${memberships.userId} = ${sessions.userId} and ${memberships.active} = true
          and ${memberships.acceptedAt} is not null)`,
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

  /** Active, accepted memberships of a user, with their hubs (what grants access). */
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
      .where(
        and(eq(memberships.userId, userId), eq(memberships.active, true), isNotNull(memberships.acceptedAt)),
      )
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

  /**
   * Takes one of the `max` guesses an address has in a window, before the password is checked:
   * recorded as a failure until a success clears it. False when none is left. Counted under a
   * transaction-scoped advisory lock per address, so parallel attempts cannot all read the same
   * count (decision 010).
   */
  reserveAttempt: async (
    email: string,
    ip: string | null,
    at: Date,
    since: Date,
    max: number,
  ): Promise<boolean> =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:${email}`}, 0))`);
      const [row] = await tx
        .select({ n: count() })
        .from(signInAttempts)
        .where(and(eq(signInAttempts.email, email), gt(signInAttempts.at, since)));
      if ((row?.n ?? 0) >= max) return false;
      await tx.insert(signInAttempts).values({ email, ip, at });
      return true;
    }),

  clearFailedAttempts: async (email: string) => {
    await db.delete(signInAttempts).where(eq(signInAttempts.email, email));
  },

  setLastSignIn: async (userId: string, at: Date) => {
    await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
  },

  /** Sets a password; every reset link of the account still unused dies with the old one. */
  setPassword: async (userId: string, passwordHash: string, at: Date, name?: string) => {
    await db
      .update(users)
      .set(name ? { passwordHash, name } : { passwordHash })
      .where(eq(users.id, userId));
    await db
      .update(authTokens)
      .set({ usedAt: at })
      .where(and(eq(authTokens.userId, userId), eq(authTokens.kind, "reset"), isNull(authTokens.usedAt)));
  },

  /** The user, locked until the transaction ends (whoever sets the password first wins). */
  userForUpdate: async (id: string) =>
    (await db.select().from(users).where(eq(users.id, id)).limit(1).for("update"))[0],

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

  /**
   * Marks a token used if it still is usable, in one conditional update: of parallel requests
   * with one token, exactly one gets the row back (the others wait for its row lock, then see
   * it used).
   */
  consumeToken: async (kind: "invite" | "reset", tokenHash: string, now: Date) =>
    (
      await db
        .update(authTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(authTokens.kind, kind),
            eq(authTokens.tokenHash, tokenHash),
            isNull(authTokens.usedAt),
            gt(authTokens.expiresAt, now),
          ),
        )
        .returning()
    )[0],

  /** Accepts a pending, active membership; undefined when there is none to accept. */
  acceptMembership: async (userId: string, hubId: string, at: Date) => {
    const [row] = await db
      .update(memberships)
      .set({ acceptedAt: at })
      .where(
        and(
          eq(memberships.userId, userId),
          eq(memberships.hubId, hubId),
          eq(memberships.active, true),
          isNull(memberships.acceptedAt),
        ),
      )
      .returning();
    return row;
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
