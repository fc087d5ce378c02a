import { and, asc, count, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Member, MemberListQuery } from "../../../shared/schemas/users";
import type { DbOrTx } from "../../db/client";
import { memberships, partners, schools, users } from "../../db/schema/index";
import { containsPattern } from "../../db/sql-text";

// Until a person accepts, the hub sees only what it typed itself: the account may belong to
// someone who already uses Tutti elsewhere (decision 010): no status, last sign-in or name of theirs.
const statusSql = sql<
  Member["status"]
>`case when ${memberships.active} = false then 'deactivated' when ${memberships.acceptedAt} is null then 'invited' else 'active' end`;
const nameSql = sql<string>`case when ${memberships.acceptedAt} is null then coalesce(${memberships.invitedName}, ${users.name}) else ${users.name} end`;
const lastSignInSql =
  sql<Date | null>`case when ${memberships.acceptedAt} is null then null else ${users.lastSignInAt} end`.mapWith(
    users.lastSignInAt,
  );

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: nameSql,
  role: memberships.role,
  status: statusSql,
  schoolId: memberships.schoolId,
  schoolName: schools.name,
  partnerId: memberships.partnerId,
  partnerName: partners.name,
  lastSignInAt: lastSignInSql,
  createdAt: memberships.createdAt,
};

type MemberRow = Omit<Member, "lastSignInAt" | "createdAt"> & { lastSignInAt: Date | null; createdAt: Date };

export const presentMember = (r: MemberRow): Member => ({
  ...r,
  lastSignInAt: r.lastSignInAt ? r.lastSignInAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});

export const usersRepository = (db: DbOrTx) => {
  const base = () =>
    db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(schools, and(eq(schools.id, memberships.schoolId), eq(schools.hubId, memberships.hubId)))
      .leftJoin(partners, and(eq(partners.id, memberships.partnerId), eq(partners.hubId, memberships.hubId)));

  return {
    list: async (hubId: string, q: MemberListQuery): Promise<{ items: Member[]; total: number }> => {
      const where: SQL[] = [eq(memberships.hubId, hubId)];
      if (q.q) {
        const like = containsPattern(q.q);
        const cond = or(ilike(nameSql, like), ilike(users.email, like));
        if (cond) where.push(cond);
      }
      if (q.role) where.push(eq(memberships.role, q.role));
      if (q.status === "deactivated") where.push(eq(memberships.active, false));
      if (q.status === "invited") where.push(eq(memberships.active, true), isNull(memberships.acceptedAt));
      if (q.status === "active") where.push(eq(memberships.active, true), isNotNull(memberships.acceptedAt));
      const cond = and(...where);
      const [rows, totals] = await Promise.all([
        base()
          .where(cond)
          .orderBy(asc(nameSql), asc(users.email))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db
          .select({ n: count() })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(cond),
      ]);
      return { items: rows.map(presentMember), total: totals[0]?.n ?? 0 };
    },

    member: async (hubId: string, userId: string): Promise<Member | undefined> => {
      const [row] = await base()
        .where(and(eq(memberships.hubId, hubId), eq(memberships.userId, userId)))
        .limit(1);
      return row ? presentMember(row) : undefined;
    },

    membershipRow: async (hubId: string, userId: string, opts: { lock?: boolean } = {}) => {
      const query = db
        .select()
        .from(memberships)
        .where(and(eq(memberships.hubId, hubId), eq(memberships.userId, userId)))
        .limit(1);
      return (opts.lock ? await query.for("update") : await query)[0];
    },

    userByEmail: async (email: string) =>
      (await db.select().from(users).where(eq(users.email, email)).limit(1))[0],

    createUser: async (row: typeof users.$inferInsert) => {
      const [created] = await db.insert(users).values(row).returning();
      if (!created) throw new Error("user not created");
      return created;
    },

    createMembership: async (row: typeof memberships.$inferInsert) => {
      const [created] = await db.insert(memberships).values(row).returning();
      if (!created) throw new Error("membership not created");
      return created;
    },

    updateMembership: async (
      hubId: string,
      userId: string,
      patch: Partial<typeof memberships.$inferInsert>,
    ) => {
      const [row] = await db
        .update(memberships)
        .set(patch)
        .where(and(eq(memberships.hubId, hubId), eq(memberships.userId, userId)))
        .returning();
      return row;
    },

    /**
     * The hub's active admins, their rows locked (`FOR UPDATE`) until the transaction ends: two
     * admins demoting each other at once cannot both pass the "one admin left" check.
     */
    activeAdminCount: async (hubId: string): Promise<number> => {
      const rows = await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(eq(memberships.hubId, hubId), eq(memberships.role, "hub_admin"), eq(memberships.active, true)),
        )
        .orderBy(memberships.id)
        .for("update");
      return rows.length;
    },

    schoolInHub: async (hubId: string, schoolId: string) =>
      (
        await db
          .select({ id: schools.id, name: schools.name })
          .from(schools)
          .where(and(eq(schools.hubId, hubId), eq(schools.id, schoolId)))
          .limit(1)
      )[0],

    partnerInHub: async (hubId: string, partnerId: string) =>
      (
        await db
          .select({ id: partners.id, name: partners.name })
          .from(partners)
          .where(and(eq(partners.hubId, hubId), eq(partners.id, partnerId)))
          .limit(1)
      )[0],

    schoolOptions: async (hubId: string, q: string | undefined) => {
      const where: SQL[] = [eq(schools.hubId, hubId)];
      if (q) {
        const like = containsPattern(q);
        const cond = or(ilike(schools.name, like), sql`${schools.urn}::text = ${q}`);
        if (cond) where.push(cond);
      }
      const rows = await db
        .select({ id: schools.id, name: schools.name, urn: schools.urn })
        .from(schools)
        .where(and(...where))
        .orderBy(asc(schools.name))
        .limit(50);
      return rows.map((r) => ({ id: r.id, label: `${r.name} (${r.urn})` }));
    },

    partnerOptions: async (hubId: string, q: string | undefined) => {
      const where: SQL[] = [eq(partners.hubId, hubId)];
      if (q) where.push(ilike(partners.name, containsPattern(q)));
      const rows = await db
        .select({ id: partners.id, label: partners.name })
        .from(partners)
        .where(and(...where))
        .orderBy(asc(partners.name))
        .limit(50);
      return rows;
    },
  };
};
