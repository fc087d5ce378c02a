import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AuditFilter, AuditListQuery } from "../../../shared/schemas/audit";
import type { DbOrTx } from "../../db/client";
import { areas, auditLog, memberships, schools, users } from "../../db/schema/index";

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: "create" | "update" | "delete";
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** What an entry is about, found from its id: a school (name and URN), a person, an area. */
export type Subjects = {
  schoolsById: Map<string, { name: string; urn: number }>;
  schoolsByUrn: Map<number, { name: string; urn: number }>;
  people: Map<string, string>;
  areas: Map<string, string>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs a look-up over `keys` in slices (a statement takes at most 65,535 parameters). */
const inSlices = async <K, R>(keys: Set<K>, look: (slice: K[]) => Promise<R[]>): Promise<R[]> => {
  const all = [...keys];
  const out: R[] = [];
  for (let i = 0; i < all.length; i += 5000) out.push(...(await look(all.slice(i, i + 5000))));
  return out;
};

const whereOf = (hubId: string, q: AuditFilter): SQL | undefined => {
  const where: SQL[] = [eq(auditLog.hubId, hubId)];
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actor) where.push(eq(auditLog.actorId, q.actor));
  // Days as the hub lives them (London), inclusive at both ends.
  if (q.from) where.push(sql`${auditLog.at} >= (${q.from}::date::timestamp at time zone 'Europe/London')`);
  if (q.to) where.push(sql`${auditLog.at} < ((${q.to}::date + 1)::timestamp at time zone 'Europe/London')`);
  return and(...where);
};

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorName: users.name,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
};

const plainRow = (r: {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: "create" | "update" | "delete";
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}): AuditRow => ({ ...r, before: r.before ?? null, after: r.after ?? null });

export const auditRepository = (db: DbOrTx) => ({
  list: async (hubId: string, q: AuditListQuery): Promise<{ items: AuditRow[]; total: number }> => {
    const cond = whereOf(hubId, q);
    const [rows, totals] = await Promise.all([
      db
        .select(columns)
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(cond)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(auditLog).where(cond),
    ]);
    return { items: rows.map(plainRow), total: totals[0]?.n ?? 0 };
  },

  /** Every matching entry, newest first, at most `limit` (exports). */
  all: async (hubId: string, q: AuditFilter, limit: number): Promise<AuditRow[]> => {
    const rows = await db
      .select(columns)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(whereOf(hubId, q))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
    return rows.map(plainRow);
  },

  /** The latest entries about the given kinds (the home page's recent activity). */
  latest: async (hubId: string, entities: string[] | null, limit: number): Promise<AuditRow[]> => {
    const where: SQL[] = [eq(auditLog.hubId, hubId)];
    if (entities) where.push(inArray(auditLog.entity, entities));
    const rows = await db
      .select(columns)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
    return rows.map(plainRow);
  },

  /** The names behind the entries' ids, in this hub only: point look-ups by key. */
  subjects: async (hubId: string, rows: AuditRow[]): Promise<Subjects> => {
    const schoolIds = new Set<string>();
    const urns = new Set<number>();
    const userIds = new Set<string>();
    const areaIds = new Set<string>();
    for (const r of rows) {
      if (r.entity === "school" && UUID.test(r.entityId)) schoolIds.add(r.entityId);
      if (r.entity === "school_contact" || r.entity === "school_music_data") {
        const urn = Number(r.entityId.split(":")[0]);
        if (Number.isInteger(urn)) urns.add(urn);
      }
      if ((r.entity === "user" || r.entity === "membership") && UUID.test(r.entityId))
        userIds.add(r.entityId);
      if (r.entity === "area" && UUID.test(r.entityId)) areaIds.add(r.entityId);
    }
    const [bySchoolId, byUrn, people, areaRows] = await Promise.all([
      inSlices(schoolIds, (ids) =>
        db
          .select({ id: schools.id, name: schools.name, urn: schools.urn })
          .from(schools)
          .where(and(eq(schools.hubId, hubId), inArray(schools.id, ids))),
      ),
      inSlices(urns, (slice) =>
        db
          .select({ id: schools.id, name: schools.name, urn: schools.urn })
          .from(schools)
          .where(and(eq(schools.hubId, hubId), inArray(schools.urn, slice))),
      ),
      inSlices(userIds, (ids) =>
        db
          .select({ id: users.id, name: users.name })
          .from(users)
          .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.hubId, hubId)))
          .where(inArray(users.id, ids)),
      ),
      inSlices(areaIds, (ids) =>
        db
          .select({ id: areas.id, name: areas.name })
          .from(areas)
          .where(and(eq(areas.hubId, hubId), inArray(areas.id, ids))),
      ),
    ]);
    return {
      schoolsById: new Map(bySchoolId.map((s) => [s.id, { name: s.name, urn: s.urn }])),
      schoolsByUrn: new Map(byUrn.map((s) => [s.urn, { name: s.name, urn: s.urn }])),
      people: new Map(people.map((p) => [p.id, p.name])),
      areas: new Map(areaRows.map((a) => [a.id, a.name])),
    };
  },

  /** The hub's people (members, active or not): the log's person filter. */
  people: async (hubId: string): Promise<{ id: string; name: string }[]> =>
    db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.hubId, hubId))
      .orderBy(asc(users.name)),
});
