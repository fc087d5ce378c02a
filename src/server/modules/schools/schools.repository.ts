import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type {
  ContactRole,
  SchoolFilter,
  SchoolListQuery,
  SchoolMapQuery,
} from "../../../shared/schemas/schools";
import { CONTACT_ROLES } from "../../../shared/schemas/schools";
import type { DbOrTx } from "../../db/client";
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
import { containsPattern, escapeLike } from "../../db/sql-text";

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

/** Which of the hub's schools a caller may see: all, or one (a school user's own). */
export type SchoolScope = { onlySchoolId?: string | null };

const MAX_INT = 2_147_483_647;

/**
 * `urn::text like 'digits%'` as ranges of the URN index: 102 → 102, 1020–1029, 10200–10299, ….
 * (A prefix with a leading zero matches only 0 itself, as the text comparison would.)
 */
const urnStartsWith = (digits: string): SQL => {
  if (digits.startsWith("0")) return sql`${schools.urn}::text like ${`${digits}%`}`;
  const prefix = Number(digits);
  const ranges: SQL[] = [];
  for (let scale = 1; prefix * scale <= MAX_INT; scale *= 10) {
    const low = prefix * scale;
    const high = Math.min((prefix + 1) * scale - 1, MAX_INT);
    ranges.push(low === high ? sql`${schools.urn} = ${low}` : sql`${schools.urn} between ${low} and ${high}`);
  }
  return or(...ranges) ?? sql`false`;
};

/** The list's filters as SQL, always inside the hub. */
export const schoolFilterWhere = (
  hubId: string,
  f: Partial<SchoolFilter>,
  scope: SchoolScope = {},
): SQL[] => {
  const where: SQL[] = [eq(schools.hubId, hubId)];
  if (scope.onlySchoolId !== undefined)
    where.push(scope.onlySchoolId === null ? sql`false` : eq(schools.id, scope.onlySchoolId));
  if (f.q) {
    const like = containsPattern(f.q);
    // lower(…) like lower(…): what the trigram indexes (pg_trgm, gin_trgm_ops) are built on.
    const conds: SQL[] = [
      sql`lower(${schools.name}) like lower(${like})`,
      sql`lower(${schools.town}) like lower(${like})`,
    ];
    // Postcodes only for what starts like one ("NS10", "ns10 4a"): each extra pattern costs a scan.
    const compact = f.q.replace(/\s+/g, "").toUpperCase();
    if (/^[A-Z]{1,2}\d/.test(compact))
      conds.push(sql`replace(upper(${schools.postcode}), ' ', '') like ${`${escapeLike(compact)}%`}`);
    if (/^\d{1,6}$/.test(f.q)) conds.push(urnStartsWith(f.q));
    const cond = or(...conds);
    if (cond) where.push(cond);
  }
  if (f.phase) where.push(eq(schools.phase, f.phase));
  if (f.type) where.push(ilike(schools.typeName, escapeLike(f.type)));
  if (f.area === "none") where.push(isNull(schools.areaId));
  else if (f.area) where.push(eq(schools.areaId, f.area));
  if (f.la) where.push(eq(schools.laCode, f.la));
  if (f.trust) where.push(ilike(schools.trust, containsPattern(f.trust)));
  if (f.linkOfficer === "none") where.push(isNull(schools.linkOfficerId));
  else if (f.linkOfficer) where.push(eq(schools.linkOfficerId, f.linkOfficer));
  if (f.status) where.push(eq(schools.status, f.status));
  if (f.tag) where.push(sql`${schools.tags} @> array[${f.tag}]::text[]`);
  return where;
};

const SORT_COLUMNS = {
  name: schools.name,
  urn: schools.urn,
  phase: schools.phase,
  pupils: schools.pupils,
  percentFsm: schools.percentFsm,
  town: schools.town,
  area: areas.name,
  status: schools.status,
  laCode: schools.laCode,
} as const;

/** Never null, and read backwards through their own index (hub, name) or (hub, urn) for desc. */
const BACKWARD_SORTS = new Set<SchoolFilter["sort"]>(["name", "urn"]);

const schoolOrder = (f: Pick<SchoolFilter, "sort" | "dir">): SQL[] => {
  const col = SORT_COLUMNS[f.sort];
  // Unknowns last. Name and URN sort plainly (their indexes serve either way, read backwards for
  // desc); every other sort has a descending index `(hub, col desc nulls last, name, urn)`, which
  // serves `desc nulls last` only — plain `desc` means nulls first, even for a not-null column
  // (phase, status, LA), and made PostgreSQL sort the whole hub for every such page.
  const first =
    f.dir === "desc"
      ? BACKWARD_SORTS.has(f.sort)
        ? desc(col)
        : sql`${col} desc nulls last`
      : BACKWARD_SORTS.has(f.sort)
        ? asc(col)
        : sql`${col} asc nulls last`;
  return f.sort === "name" ? [first, asc(schools.urn)] : [first, asc(schools.name), asc(schools.urn)];
};

const listColumns = {
  id: schools.id,
  urn: schools.urn,
  name: schools.name,
  phase: schools.phase,
  typeName: schools.typeName,
  status: schools.status,
  laCode: schools.laCode,
  laName: schools.laName,
  laestab: schools.laestab,
  town: schools.town,
  postcode: schools.postcode,
  pupils: schools.pupils,
  percentFsm: schools.percentFsm,
  trust: schools.trust,
  areaId: schools.areaId,
  areaName: areas.name,
  linkOfficerId: schools.linkOfficerId,
  linkOfficerName: users.name,
  easting: schools.easting,
  northing: schools.northing,
  tags: schools.tags,
};

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

export const schoolsRepository = (db: DbOrTx) => {
  const listBase = () =>
    db
      .select(listColumns)
      .from(schools)
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .leftJoin(users, eq(users.id, schools.linkOfficerId));

  const withNames = () =>
    db
      .select({ school: schools, areaName: areas.name, linkOfficerName: users.name })
      .from(schools)
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .leftJoin(users, eq(users.id, schools.linkOfficerId));

  /**
   * Sorted by area name (unknown last), then name and URN: the matches are counted per area,
   * and the page read from the one or two areas it falls in, each through the (hub, area, name,
   * urn) index, rather than joining and sorting every match. Area names are unique in a hub, so
   * this is the order of `order by areas.name, schools.name, schools.urn`.
   */
  const listByArea = async (
    q: SchoolListQuery,
    cond: SQL | undefined,
  ): Promise<{ items: SchoolListRow[]; total: number }> => {
    // Counted over the schools alone (an index-only scan), then named.
    const counts = db
      .select({ areaId: schools.areaId, n: count().as("n") })
      .from(schools)
      .where(cond)
      .groupBy(schools.areaId)
      .as("counts");
    const groups = await db
      .select({ areaId: counts.areaId, areaName: areas.name, n: counts.n })
      .from(counts)
      .leftJoin(areas, eq(areas.id, counts.areaId))
      .orderBy(sql`${areas.name} asc nulls last`); // in the database's collation, as the list sorts
    const named = groups.filter((g) => g.areaId !== null && g.areaName !== null);
    if (q.dir === "desc") named.reverse();
    const ordered = [...named, ...groups.filter((g) => g.areaId === null || g.areaName === null)];
    const total = ordered.reduce((n, g) => n + g.n, 0);
    let skip = (q.page - 1) * q.pageSize;
    let want = q.pageSize;
    const items: SchoolListRow[] = [];
    for (const g of ordered) {
      if (want <= 0) break;
      if (skip >= g.n) {
        skip -= g.n;
        continue;
      }
      const rows = await listBase()
        .where(and(cond, g.areaId === null ? isNull(schools.areaId) : eq(schools.areaId, g.areaId)))
        .orderBy(asc(schools.name), asc(schools.urn))
        .limit(want)
        .offset(skip);
      items.push(...rows);
      want -= rows.length;
      skip = 0;
    }
    return { items, total };
  };

  const one = async (cond: SQL | undefined): Promise<SchoolWithNames | undefined> => {
    const [row] = await withNames().where(cond).limit(1);
    return row ? { ...row.school, areaName: row.areaName, linkOfficerName: row.linkOfficerName } : undefined;
  };

  return {
    /** One page of the list and the number of matches. */
    list: async (
      hubId: string,
      q: SchoolListQuery,
      scope: SchoolScope,
    ): Promise<{ items: SchoolListRow[]; total: number }> => {
      const cond = and(...schoolFilterWhere(hubId, q, scope));
      if (q.sort === "area") return listByArea(q, cond);
      // One statement: the page walks an index (one per sort) and stops early; the total is an
      // uncorrelated scalar subquery over the schools alone (run once, as an InitPlan; inside it
      // "schools" is its own FROM, so the same filter applies). One round trip instead of two.
      const rows = await db
        .select({
          ...listColumns,
          total: sql<number>`(select count(*) from ${schools} where ${cond})`.mapWith(Number),
        })
        .from(schools)
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .leftJoin(users, eq(users.id, schools.linkOfficerId))
        .where(cond)
        .orderBy(...schoolOrder(q))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const first = rows[0];
      if (first) return { items: rows.map(({ total: _, ...r }) => r), total: first.total };
      // An empty page: nothing matches (page 1), or the page is past the end (count apart).
      if (q.page === 1) return { items: [], total: 0 };
      const [totals] = await db.select({ n: count() }).from(schools).where(cond);
      return { items: [], total: totals?.n ?? 0 };
    },

    /** The whole filtered list, sorted like the list, read in batches (exports). */
    iterate: async function* (
      hubId: string,
      f: SchoolFilter,
      batchSize = 2000,
    ): AsyncGenerator<SchoolListRow[], void, undefined> {
      const cond = and(...schoolFilterWhere(hubId, f));
      for (let offset = 0; ; offset += batchSize) {
        const rows = await listBase()
          .where(cond)
          .orderBy(...schoolOrder(f), asc(schools.id))
          .limit(batchSize)
          .offset(offset);
        if (rows.length) yield rows;
        if (rows.length < batchSize) return;
      }
    },

    /** Every matching school with its grid reference and one figure (the map). */
    mapPoints: async (hubId: string, q: SchoolMapQuery, year: string | null) => {
      const cond = and(...schoolFilterWhere(hubId, q));
      const musicKey =
        q.colour === "wcetPupils" || q.colour === "singingPupils" || q.colour === "instrumentPupils"
          ? q.colour
          : null;
      const value: SQL<number | null> =
        q.colour === "pupils"
          ? sql`${schools.pupils}::float8`
          : q.colour === "percentFsm"
            ? sql`${schools.percentFsm}::float8`
            : musicKey
              ? sql`${schoolMusicData[musicKey]}::float8`
              : sql`null::float8`;
      const joined = Boolean(musicKey && year);
      let query = db
        .select({
          urn: schools.urn,
          name: schools.name,
          phase: schools.phase,
          areaName: areas.name,
          easting: schools.easting,
          northing: schools.northing,
          value: joined || !musicKey ? value : sql<number | null>`null::float8`,
        })
        .from(schools)
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .$dynamic();
      if (joined && year)
        query = query.leftJoin(
          schoolMusicData,
          and(eq(schoolMusicData.schoolId, schools.id), eq(schoolMusicData.academicYear, year)),
        );
      return query.where(cond).orderBy(...schoolOrder(q));
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
     * The profile in one statement: the school (by URN or id) with its area and link officer
     * names, its contacts, its music data (newest year first) and the newest `historyLimit`
     * audit entries about the school, its contacts and its music years — as `repo.byUrn/byId`,
     * `contacts`, `musicYears` and `history` would return them, in one round trip instead of four.
     */
    profile: async (
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
      const contactIds = sql.join(
        CONTACT_ROLES.map((r) => sql`${schools.urn}::text || ${`:${r}`}`),
        sql`, `,
      );
      const [row] = await db
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
              limit ${historyLimit}) h)`,
        })
        .from(schools)
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .leftJoin(users, eq(users.id, schools.linkOfficerId))
        .where(
          and(eq(schools.hubId, hubId), "urn" in ref ? eq(schools.urn, ref.urn) : eq(schools.id, ref.id)),
        )
        .limit(1);
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
    },

    update: async (hubId: string, id: string, patch: Partial<typeof schools.$inferInsert>) => {
      const [row] = await db
        .update(schools)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(schools.hubId, hubId), eq(schools.id, id)))
        .returning();
      return row;
    },

    /** Schools picked by URN or by filter, with the fields bulk actions compare. */
    select: async (hubId: string, sel: { urns?: number[]; filter?: Partial<SchoolFilter> }) => {
      const cols = {
        id: schools.id,
        urn: schools.urn,
        areaId: schools.areaId,
        areaSource: schools.areaSource,
        linkOfficerId: schools.linkOfficerId,
      };
      if (sel.urns) {
        const urns = [...new Set(sel.urns)];
        const out: {
          id: string;
          urn: number;
          areaId: string | null;
          areaSource: "rule" | "hand" | null;
          linkOfficerId: string | null;
        }[] = [];
        for (let i = 0; i < urns.length; i += 5000) {
          const chunk = urns.slice(i, i + 5000);
          if (!chunk.length) continue;
          const conds = [eq(schools.hubId, hubId), inArray(schools.urn, chunk)];
          if (sel.filter) conds.push(...schoolFilterWhere(hubId, sel.filter));
          out.push(
            ...(await db
              .select(cols)
              .from(schools)
              .where(and(...conds))),
          );
        }
        return out;
      }
      return db
        .select(cols)
        .from(schools)
        .where(and(...schoolFilterWhere(hubId, sel.filter ?? {})));
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

    /** Sets each school's area from the rules: (id, areaId) pairs, source "rule". */
    setAreasByRule: async (hubId: string, pairs: { id: string; areaId: string | null }[]) => {
      for (let i = 0; i < pairs.length; i += 1000) {
        const chunk = pairs.slice(i, i + 1000);
        if (!chunk.length) continue;
        const values = sql.join(
          chunk.map((p) => sql`(${p.id}::uuid, ${p.areaId}::uuid)`),
          sql`, `,
        );
        await db.execute(sql`
          update ${schools} set area_id = v.area_id, area_source = 'rule', updated_at = now()
          from (values ${values}) as v(id, area_id)
          where ${schools.id} = v.id and ${schools.hubId} = ${hubId}`);
      }
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
