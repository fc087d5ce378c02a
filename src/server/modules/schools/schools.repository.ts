import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { ContactRole } from "../../../shared/schemas/schools";
import { CONTACT_ROLES } from "../../../shared/schemas/schools";
import { type DbOrTx, perHandle } from "../../db/client";
import {
  areas,
  auditLog,
  type FigureProvenance,
  memberships,
  schoolContacts,
  schoolMusicData,
  schools,
  users,
} from "../../db/schema/index";

export type SchoolRow = typeof schools.$inferSelect;
export type SchoolWithNames = SchoolRow & { areaName: string | null; linkOfficerName: string | null };
export type ContactRow = typeof schoolContacts.$inferSelect;
export type MusicYearRow = typeof schoolMusicData.$inferSelect;
export type MusicYearValues = Omit<
  typeof schoolMusicData.$inferInsert,
  "id" | "hubId" | "schoolId" | "academicYear"
>;

/** An audit entry about a school's entities, as the profile's timeline reads it. */
export type SchoolHistoryRow = {
  at: Date;
  action: "create" | "update" | "delete";
  entity: string;
  entityId: string;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** A row of `table` from its `to_json` form (snake_case keys, timestamps as ISO strings). */
const fromJson = <T>(
  columns: Record<string, { name: string; columnType: string }>,
  json: Record<string, unknown>,
): T => {
  const row: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(columns)) {
    const v = json[col.name];
    row[key] = col.columnType === "PgTimestamp" && typeof v === "string" ? new Date(v) : (v ?? null);
  }
  return row as T;
};

const CONTACT_COLUMNS = getTableColumns(schoolContacts);
const MUSIC_COLUMNS = getTableColumns(schoolMusicData);

export type SchoolListRow = {
  id: string;
  urn: number;
  name: string;
  phase: string;
  typeName: string | null;
  status: "open" | "closed" | "proposed";
  laCode: string;
  laName: string | null;
  laestab: string | null;
  town: string | null;
  postcode: string | null;
  pupils: number | null;
  percentFsm: number | null;
  trust: string | null;
  areaId: string | null;
  areaName: string | null;
  linkOfficerId: string | null;
  linkOfficerName: string | null;
  easting: number | null;
  northing: number | null;
  tags: string[];
};

const LINK_OFFICER_ROLES = ["hub_admin", "hub_staff"] as const;

/**
 * The profile in one statement: the school (by URN or id) with its area and link officer names,
 * its contacts, its music data (newest year first) and the newest audit entries about the
 * school, its contacts and its music years. A named prepared statement: PostgreSQL parses and
 * plans it once per connection, which was most of its cost.
 */
const buildProfileQuery = (db: DbOrTx, by: "urn" | "id") => {
  const hubId = sql.placeholder("hubId");
  const contactIds = sql.join(
    CONTACT_ROLES.map((r) => sql`${schools.urn}::text || ${`:${r}`}`),
    sql`, `,
  );
  return db
    .select({
      school: schools,
      areaName: areas.name,
      linkOfficerName: users.name,
      contacts: sql<Record<string, unknown>[]>`(
        select coalesce(json_agg(c), '[]') from school_contacts c
        where c.hub_id = ${hubId} and c.school_id = ${schools.id})`,
      musicData: sql<Record<string, unknown>[]>`(
        select coalesce(json_agg(m order by m.academic_year desc), '[]') from school_music_data m
        where m.hub_id = ${hubId} and m.school_id = ${schools.id})`,
      history: sql<Record<string, unknown>[]>`(
        select coalesce(json_agg(h order by h.at desc, h.id desc), '[]') from (
          select l.id, l.at, l.action, l.entity, l.entity_id, u.name as actor_name, l.before, l.after
          from audit_log l left join users u on u.id = l.actor_id
          where l.hub_id = ${hubId} and (
            (l.entity = 'school' and l.entity_id in (${schools.id}::text, ${schools.urn}::text))
            or (l.entity = 'school_contact' and l.entity_id in (${contactIds}))
            or (l.entity = 'school_music_data' and l.entity_id in (
              select ${schools.urn}::text || ':' || m.academic_year from school_music_data m
              where m.hub_id = ${hubId} and m.school_id = ${schools.id})))
          order by l.at desc, l.id desc
          limit ${sql.placeholder("limit")}) h)`,
    })
    .from(schools)
    .leftJoin(areas, eq(areas.id, schools.areaId))
    .leftJoin(users, eq(users.id, schools.linkOfficerId))
    .where(
      and(
        eq(schools.hubId, hubId),
        by === "urn" ? eq(schools.urn, sql.placeholder("ref")) : eq(schools.id, sql.placeholder("ref")),
      ),
    )
    .limit(1)
    .prepare(`school_profile_by_${by}`);
};
const profileQueries = perHandle((db: DbOrTx) => ({
  urn: buildProfileQuery(db, "urn"),
  id: buildProfileQuery(db, "id"),
}));
const profileQuery = (db: DbOrTx, by: "urn" | "id") => profileQueries(db)[by];

/**
 * A school's profile (by URN or id), its contacts, music data and timeline entries, in one
 * round trip; undefined when the hub has no such school. A plain function, not a repository
 * method: it runs on every profile view.
 */
export const schoolProfile = async (
  db: DbOrTx,
  hubId: string,
  ref: { urn: number } | { id: string },
  historyLimit: number,
): Promise<
  | {
      school: SchoolWithNames;
      contacts: ContactRow[];
      musicData: MusicYearRow[];
      history: SchoolHistoryRow[];
    }
  | undefined
> => {
  const [row] =
    "urn" in ref
      ? await profileQuery(db, "urn").execute({ hubId, ref: ref.urn, limit: historyLimit })
      : await profileQuery(db, "id").execute({ hubId, ref: ref.id, limit: historyLimit });
  if (!row) return undefined;
  return {
    school: { ...row.school, areaName: row.areaName, linkOfficerName: row.linkOfficerName },
    contacts: row.contacts.map((c) => fromJson<ContactRow>(CONTACT_COLUMNS, c)),
    musicData: row.musicData.map((m) => fromJson<MusicYearRow>(MUSIC_COLUMNS, m)),
    history: row.history.map((h) => ({
      at: new Date(h.at as string),
      action: h.action as SchoolHistoryRow["action"],
      entity: h.entity as string,
      entityId: h.entity_id as string,
      actorName: (h.actor_name as string | null) ?? null,
      before: (h.before as Record<string, unknown> | null) ?? null,
      after: (h.after as Record<string, unknown> | null) ?? null,
    })),
  };
};

export const schoolsRepository = (db: DbOrTx) => {
  const withNames = () =>
    db
      .select({ school: schools, areaName: areas.name, linkOfficerName: users.name })
      .from(schools)
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .leftJoin(users, eq(users.id, schools.linkOfficerId));

  const one = async (cond: SQL | undefined, lock = false): Promise<SchoolWithNames | undefined> => {
    const query = withNames().where(cond).limit(1);
    const [row] = lock ? await query.for("no key update", { of: schools }) : await query;
    return row ? { ...row.school, areaName: row.areaName, linkOfficerName: row.linkOfficerName } : undefined;
  };

  return {
    /** One music figure of every school of the hub that has it for `year`, by school id. */
    musicFigure: async (
      hubId: string,
      key: "wcetPupils" | "singingPupils" | "instrumentPupils",
      year: string,
    ): Promise<Map<string, number>> => {
      const rows = await db
        .select({ id: schoolMusicData.schoolId, v: schoolMusicData[key] })
        .from(schoolMusicData)
        .where(and(eq(schoolMusicData.hubId, hubId), eq(schoolMusicData.academicYear, year)));
      return new Map(rows.flatMap((r) => (r.v === null ? [] : [[r.id, r.v] as const])));
    },

    /** The newest academic year with music data in the hub. */
    latestMusicYear: async (hubId: string): Promise<string | null> => {
      const [row] = await db
        .select({ y: sql<string | null>`max(${schoolMusicData.academicYear})` })
        .from(schoolMusicData)
        .where(eq(schoolMusicData.hubId, hubId));
      return row?.y ?? null;
    },

    byUrn: (hubId: string, urn: number) => one(and(eq(schools.hubId, hubId), eq(schools.urn, urn))),
    byId: (hubId: string, id: string) => one(and(eq(schools.hubId, hubId), eq(schools.id, id))),
    /**
     * As byUrn/byId, with the school's row locked (`FOR NO KEY UPDATE`) until the transaction
     * ends: what a write reads as "before" is then what it changes, however many edit it at once.
     * Take the hub's lock first (hubsRepository.lockForWrites).
     */
    lockByUrn: (hubId: string, urn: number) => one(and(eq(schools.hubId, hubId), eq(schools.urn, urn)), true),
    lockById: (hubId: string, id: string) => one(and(eq(schools.hubId, hubId), eq(schools.id, id)), true),

    /**
     * The selected schools' fields that bulk changes set, read and locked (`FOR NO KEY UPDATE`)
     * in the caller's transaction: by id (a selection made from the list) or by URN.
     */
    lockSelected: async (hubId: string, by: { ids: string[] } | { urns: number[] }) => {
      const cols = {
        id: schools.id,
        urn: schools.urn,
        areaId: schools.areaId,
        areaSource: schools.areaSource,
        linkOfficerId: schools.linkOfficerId,
      };
      if (("ids" in by ? by.ids : by.urns).length === 0) return [];
      // One text parameter, split in the server: far cheaper than 50,000 bound parameters.
      const which =
        "ids" in by
          ? sql`${schools.id} = any(string_to_array(${by.ids.join(",")}, ',')::uuid[])`
          : sql`${schools.urn} = any(string_to_array(${by.urns.join(",")}, ',')::int[])`;
      return db
        .select(cols)
        .from(schools)
        .where(and(eq(schools.hubId, hubId), which))
        .orderBy(schools.id)
        .for("no key update");
    },

    /**
     * The profile in one statement: the school (by URN or id) with its area and link officer
     * names, its contacts, its music data (newest year first) and the newest `historyLimit`
     * audit entries about the school, its contacts and its music years — as `repo.byUrn/byId`,
     * `contacts`, `musicYears` and `history` would return them, in one round trip instead of four.
     */

    update: async (hubId: string, id: string, patch: Partial<typeof schools.$inferInsert>) => {
      const [row] = await db
        .update(schools)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(schools.hubId, hubId), eq(schools.id, id)))
        .returning();
      return row;
    },

    setArea: async (
      hubId: string,
      ids: string[],
      areaId: string | null,
      areaSource: "rule" | "hand" | null,
    ) => {
      for (let i = 0; i < ids.length; i += 5000) {
        const chunk = ids.slice(i, i + 5000);
        if (chunk.length)
          await db
            .update(schools)
            .set({ areaId, areaSource, updatedAt: sql`now()` })
            .where(and(eq(schools.hubId, hubId), inArray(schools.id, chunk)));
      }
    },

    setLinkOfficer: async (hubId: string, ids: string[], userId: string | null) => {
      for (let i = 0; i < ids.length; i += 5000) {
        const chunk = ids.slice(i, i + 5000);
        if (chunk.length)
          await db
            .update(schools)
            .set({ linkOfficerId: userId, updatedAt: sql`now()` })
            .where(and(eq(schools.hubId, hubId), inArray(schools.id, chunk)));
      }
    },

    /**
     * Sets each school's area from the rules: (id, from, to) triples, source "rule". Compare and
     * set: a school whose area is no longer `from` (changed meanwhile) or was set by hand is
     * left alone. Returns the ids it changed.
     */
    setAreasByRule: async (
      hubId: string,
      triples: { id: string; from: string | null; areaId: string | null }[],
    ): Promise<Set<string>> => {
      const changed = new Set<string>();
      for (let i = 0; i < triples.length; i += 1000) {
        const chunk = triples.slice(i, i + 1000);
        if (!chunk.length) continue;
        const values = sql.join(
          chunk.map((p) => sql`(${p.id}::uuid, ${p.from}::uuid, ${p.areaId}::uuid)`),
          sql`, `,
        );
        const res = await db.execute<{ id: string }>(sql`
          update ${schools} set area_id = v.area_id, area_source = 'rule', updated_at = now()
          from (values ${values}) as v(id, old_area_id, area_id)
          where ${schools.id} = v.id and ${schools.hubId} = ${hubId}
            and ${schools.areaId} is not distinct from v.old_area_id
            and ${schools.areaSource} is distinct from 'hand'
          returning ${schools.id} as id`);
        for (const row of res.rows) changed.add(row.id);
      }
      return changed;
    },

    /** The schools the area rules apply to (area not set by hand), optionally only some. */
    forRules: async (hubId: string, ids?: string[]) => {
      const cols = {
        id: schools.id,
        urn: schools.urn,
        district: schools.district,
        postcode: schools.postcode,
        areaId: schools.areaId,
        areaSource: schools.areaSource,
      };
      const notHand = or(isNull(schools.areaSource), ne(schools.areaSource, "hand"));
      if (!ids)
        return db
          .select(cols)
          .from(schools)
          .where(and(eq(schools.hubId, hubId), notHand));
      // One text parameter, split in the server: far cheaper than 50,000 bound parameters.
      return db
        .select(cols)
        .from(schools)
        .where(
          and(
            eq(schools.hubId, hubId),
            notHand,
            sql`${schools.id} = any(string_to_array(${ids.join(",")}, ',')::uuid[])`,
          ),
        );
    },

    // Contacts
    contacts: (hubId: string, schoolId: string) =>
      db
        .select()
        .from(schoolContacts)
        .where(and(eq(schoolContacts.hubId, hubId), eq(schoolContacts.schoolId, schoolId))),

    contact: async (hubId: string, schoolId: string, role: ContactRole) =>
      (
        await db
          .select()
          .from(schoolContacts)
          .where(
            and(
              eq(schoolContacts.hubId, hubId),
              eq(schoolContacts.schoolId, schoolId),
              eq(schoolContacts.role, role),
            ),
          )
          .limit(1)
      )[0],

    upsertContact: async (
      hubId: string,
      schoolId: string,
      role: ContactRole,
      v: { name: string; email: string | null; phone: string | null },
    ) => {
      const [row] = await db
        .insert(schoolContacts)
        .values({ hubId, schoolId, role, ...v })
        .onConflictDoUpdate({
          target: [schoolContacts.schoolId, schoolContacts.role],
          set: { ...v, updatedAt: sql`now()` },
        })
        .returning();
      if (!row) throw new Error("contact not saved");
      return row;
    },

    deleteContact: async (hubId: string, schoolId: string, role: ContactRole) =>
      (
        await db
          .delete(schoolContacts)
          .where(
            and(
              eq(schoolContacts.hubId, hubId),
              eq(schoolContacts.schoolId, schoolId),
              eq(schoolContacts.role, role),
            ),
          )
          .returning()
      )[0],

    // Music data
    musicYears: (hubId: string, schoolId: string) =>
      db
        .select()
        .from(schoolMusicData)
        .where(and(eq(schoolMusicData.hubId, hubId), eq(schoolMusicData.schoolId, schoolId)))
        .orderBy(desc(schoolMusicData.academicYear)),

    musicYear: async (hubId: string, schoolId: string, year: string) =>
      (
        await db
          .select()
          .from(schoolMusicData)
          .where(
            and(
              eq(schoolMusicData.hubId, hubId),
              eq(schoolMusicData.schoolId, schoolId),
              eq(schoolMusicData.academicYear, year),
            ),
          )
          .limit(1)
      )[0],

    upsertMusicYear: async (
      hubId: string,
      schoolId: string,
      year: string,
      values: MusicYearValues & { provenance: FigureProvenance },
    ) => {
      const [row] = await db
        .insert(schoolMusicData)
        .values({ hubId, schoolId, academicYear: year, ...values })
        .onConflictDoUpdate({
          target: [schoolMusicData.schoolId, schoolMusicData.academicYear],
          set: { ...values, updatedAt: sql`now()` },
        })
        .returning();
      if (!row) throw new Error("music data not saved");
      return row;
    },

    /** Audit entries about one school's entities, newest first. */
    history: (hubId: string, refs: { entity: string; ids: string[] }[], limit: number) => {
      const conds = refs
        .filter((r) => r.ids.length)
        .map((r) => and(eq(auditLog.entity, r.entity), inArray(auditLog.entityId, r.ids)));
      return db
        .select({
          at: auditLog.at,
          action: auditLog.action,
          entity: auditLog.entity,
          entityId: auditLog.entityId,
          actorName: users.name,
          before: auditLog.before,
          after: auditLog.after,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(eq(auditLog.hubId, hubId), or(...conds)))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit);
    },

    // Link officers
    /** An active hub admin or hub staff member of this hub, or undefined. */
    linkOfficer: async (hubId: string, userId: string) =>
      (
        await db
          .select({ id: users.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(
              eq(memberships.hubId, hubId),
              eq(memberships.userId, userId),
              eq(memberships.active, true),
              isNotNull(memberships.acceptedAt),
              inArray(memberships.role, LINK_OFFICER_ROLES),
            ),
          )
          .limit(1)
      )[0],

    linkOfficers: async (hubId: string) => {
      const counts = db
        .select({ userId: schools.linkOfficerId, n: count().as("n") })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), isNotNull(schools.linkOfficerId)))
        .groupBy(schools.linkOfficerId)
        .as("counts");
      const rows = await db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          role: memberships.role,
          schoolCount: sql<number>`coalesce(${counts.n}, 0)::int`,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .leftJoin(counts, eq(counts.userId, users.id))
        .where(
          and(
            eq(memberships.hubId, hubId),
            eq(memberships.active, true),
            isNotNull(memberships.acceptedAt),
            inArray(memberships.role, LINK_OFFICER_ROLES),
          ),
        )
        .orderBy(asc(users.name), asc(users.email));
      return rows.flatMap((r) =>
        r.role === "hub_admin" || r.role === "hub_staff" ? [{ ...r, role: r.role }] : [],
      );
    },
  };
};
