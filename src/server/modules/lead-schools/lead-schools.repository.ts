import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { FocusArea } from "../../../shared/rules/focus-areas";
import type { CoverageLead, Setting } from "../../../shared/rules/lead-school-coverage";
import type { LeadSchoolListQuery } from "../../../shared/schemas/lead-schools";
import type { DbOrTx } from "../../db/client";
import {
  areas,
  files,
  hubs,
  leadSchoolApplicationFiles,
  leadSchoolApplications,
  leadSchoolLedger,
  leadSchoolRounds,
  leadSchoolScores,
  leadSchools,
  leadSchoolVisits,
  schoolContacts,
  schoolMusicData,
  schools,
  users,
} from "../../db/schema/index";

export type RoundRow = typeof leadSchoolRounds.$inferSelect;
export type ApplicationRow = typeof leadSchoolApplications.$inferSelect;
export type LeadRow = typeof leadSchools.$inferSelect;

export const PHASES_OF: Record<Setting, string[]> = {
  primary: ["primary", "middle_primary", "all_through"],
  secondary: ["secondary", "middle_secondary", "sixteen_plus", "all_through"],
  specialist: ["special", "alternative_provision"],
};

const schoolCols = {
  id: schools.id,
  urn: schools.urn,
  name: schools.name,
  status: schools.status,
  phase: schools.phase,
  laCode: schools.laCode,
  areaId: schools.areaId,
  trust: schools.trust,
};

/** A Lead School is in office on `on` when its term includes the day and no review ended it before. */
export const inOfficeOn = (on: string) =>
  and(
    lte(leadSchools.fromDate, on),
    gte(leadSchools.toDate, on),
    or(isNull(leadSchools.endedOn), sql`${leadSchools.endedOn} > ${on}`),
  );

/** The only SQL of Lead Schools; every query is scoped by the hub. */
export const leadSchoolsRepository = (db: DbOrTx) => ({
  hub: async (hubId: string) => {
    const [row] = await db
      .select({ name: hubs.name, slug: hubs.slug, laCodes: hubs.laCodes })
      .from(hubs)
      .where(eq(hubs.id, hubId));
    return row;
  },
  hubBrand: async (hubId: string) => {
    const [row] = await db
      .select({ name: hubs.name, colour: hubs.brandColour })
      .from(hubs)
      .where(eq(hubs.id, hubId));
    return row;
  },
  hubBySlug: async (slug: string) => {
    const [row] = await db
      .select({ id: hubs.id, name: hubs.name, slug: hubs.slug })
      .from(hubs)
      .where(eq(hubs.slug, slug));
    return row;
  },
  schoolByUrn: async (hubId: string, urn: number) => {
    const [row] = await db
      .select(schoolCols)
      .from(schools)
      .where(and(eq(schools.hubId, hubId), eq(schools.urn, urn)));
    return row;
  },
  schoolById: async (hubId: string, id: string) => {
    const [row] = await db
      .select(schoolCols)
      .from(schools)
      .where(and(eq(schools.hubId, hubId), eq(schools.id, id)));
    return row;
  },
  /** The hub's areas and its local authorities, with a name for each LA from one of its schools. */
  scope: async (hubId: string) => {
    const [areaRows, laRows] = await Promise.all([
      db
        .select({ id: areas.id, name: areas.name })
        .from(areas)
        .where(eq(areas.hubId, hubId))
        .orderBy(asc(areas.name)),
      db.execute<{ code: string; name: string | null }>(sql`
        select c.code, (select s.la_name from schools s where s.hub_id = ${hubId} and s.la_code = c.code limit 1) as name
        from hubs h, unnest(h.la_codes) as c(code) where h.id = ${hubId} order by c.code`),
    ]);
    return { areas: areaRows, las: laRows.rows };
  },
  /** The Lead Schools in office on a day, as the coverage rule reads them. */
  leadsInOffice: async (hubId: string, on: string): Promise<(CoverageLead & { schoolId: string })[]> => {
    const rows = await db
      .select({
        schoolId: schools.id,
        urn: schools.urn,
        name: schools.name,
        phase: schools.phase,
        areaId: schools.areaId,
        laCode: schools.laCode,
        focusAreas: leadSchools.focusAreas,
      })
      .from(leadSchools)
      .innerJoin(schools, eq(schools.id, leadSchools.schoolId))
      .where(and(eq(leadSchools.hubId, hubId), inOfficeOn(on)));
    return rows.map((r) => ({ ...r, focusAreas: r.focusAreas as FocusArea[] }));
  },
  insertLead: async (values: typeof leadSchools.$inferInsert) => {
    const [row] = await db.insert(leadSchools).values(values).returning();
    if (!row) throw new Error("could not store the Lead School");
    return row;
  },
  listLeads: async (hubId: string, q: LeadSchoolListQuery, on: string) => {
    const where = and(
      eq(leadSchools.hubId, hubId),
      q.status === "in_office" ? inOfficeOn(on) : undefined,
      q.focusArea ? sql`${leadSchools.focusAreas} @> array[${q.focusArea}]::text[]` : undefined,
      q.setting ? inArray(schools.phase, PHASES_OF[q.setting]) : undefined,
      q.areaId ? eq(schools.areaId, q.areaId) : undefined,
      q.q
        ? or(ilike(schools.name, `%${q.q.replace(/[\\%_]/g, "\\$&")}%`), sql`${schools.urn}::text = ${q.q}`)
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select({
          lead: leadSchools,
          urn: schools.urn,
          schoolName: schools.name,
          phase: schools.phase,
          laCode: schools.laCode,
          area: areas.name,
          roundTitle: leadSchoolRounds.title,
        })
        .from(leadSchools)
        .innerJoin(schools, eq(schools.id, leadSchools.schoolId))
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .leftJoin(leadSchoolApplications, eq(leadSchoolApplications.id, leadSchools.applicationId))
        .leftJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
        .where(where)
        .orderBy(asc(schools.name), asc(leadSchools.fromDate), asc(leadSchools.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: count() })
        .from(leadSchools)
        .innerJoin(schools, eq(schools.id, leadSchools.schoolId))
        .where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  lead: async (hubId: string, id: string) => {
    const [row] = await db
      .select({
        lead: leadSchools,
        urn: schools.urn,
        schoolName: schools.name,
        phase: schools.phase,
        laCode: schools.laCode,
        area: areas.name,
        roundTitle: leadSchoolRounds.title,
      })
      .from(leadSchools)
      .innerJoin(schools, eq(schools.id, leadSchools.schoolId))
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .leftJoin(leadSchoolApplications, eq(leadSchoolApplications.id, leadSchools.applicationId))
      .leftJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
      .where(and(eq(leadSchools.hubId, hubId), eq(leadSchools.id, id)));
    return row;
  },
  /** Appointments announced and in office on a day (the public page). */
  publicLeads: (hubId: string, on: string) =>
    db
      .select({
        urn: schools.urn,
        schoolName: schools.name,
        area: areas.name,
        focusAreas: leadSchools.focusAreas,
        from: leadSchools.fromDate,
        to: leadSchools.toDate,
      })
      .from(leadSchools)
      .innerJoin(schools, eq(schools.id, leadSchools.schoolId))
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .where(and(eq(leadSchools.hubId, hubId), inOfficeOn(on), lte(leadSchools.announceOn, on)))
      .orderBy(asc(schools.name)),
  ledger: (hubId: string, leadId: string) =>
    db
      .select()
      .from(leadSchoolLedger)
      .where(and(eq(leadSchoolLedger.hubId, hubId), eq(leadSchoolLedger.leadSchoolId, leadId)))
      .orderBy(desc(leadSchoolLedger.date), desc(leadSchoolLedger.createdAt)),
  insertLedger: async (values: typeof leadSchoolLedger.$inferInsert) => {
    const [row] = await db.insert(leadSchoolLedger).values(values).returning();
    if (!row) throw new Error("could not store the entry");
    return row;
  },
  endLead: (hubId: string, id: string, on: string) =>
    db
      .update(leadSchools)
      .set({ endedOn: on })
      .where(and(eq(leadSchools.hubId, hubId), eq(leadSchools.id, id))),

  // ---------- rounds ----------
  insertRound: async (values: typeof leadSchoolRounds.$inferInsert) => {
    const [row] = await db.insert(leadSchoolRounds).values(values).returning();
    if (!row) throw new Error("could not store the round");
    return row;
  },
  updateRound: async (hubId: string, id: string, values: Partial<typeof leadSchoolRounds.$inferInsert>) => {
    const [row] = await db
      .update(leadSchoolRounds)
      .set(values)
      .where(and(eq(leadSchoolRounds.hubId, hubId), eq(leadSchoolRounds.id, id)))
      .returning();
    return row;
  },
  round: async (hubId: string, id: string) => {
    const [row] = await db
      .select()
      .from(leadSchoolRounds)
      .where(and(eq(leadSchoolRounds.hubId, hubId), eq(leadSchoolRounds.id, id)));
    return row;
  },
  rounds: (hubId: string) =>
    db
      .select({
        round: leadSchoolRounds,
        applications: sql<number>`(select count(*)::int from lead_school_applications a where a.round_id = ${leadSchoolRounds.id} and a.status <> 'draft')`,
      })
      .from(leadSchoolRounds)
      .where(eq(leadSchoolRounds.hubId, hubId))
      .orderBy(desc(leadSchoolRounds.closesOn), asc(leadSchoolRounds.id)),
  areaNames: (hubId: string, ids: readonly string[]) =>
    ids.length
      ? db
          .select({ id: areas.id, name: areas.name })
          .from(areas)
          .where(and(eq(areas.hubId, hubId), inArray(areas.id, [...ids])))
      : Promise.resolve([]),

  // ---------- applications ----------
  insertApplication: async (values: typeof leadSchoolApplications.$inferInsert) => {
    const [row] = await db.insert(leadSchoolApplications).values(values).onConflictDoNothing().returning();
    return row;
  },
  application: async (hubId: string, id: string, lock = false) => {
    const q = db
      .select({
        app: leadSchoolApplications,
        round: leadSchoolRounds,
        school: schoolCols,
        area: areas.name,
      })
      .from(leadSchoolApplications)
      .innerJoin(leadSchoolRounds, eq(leadSchoolRounds.id, leadSchoolApplications.roundId))
      .innerJoin(schools, eq(schools.id, leadSchoolApplications.schoolId))
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .where(and(eq(leadSchoolApplications.hubId, hubId), eq(leadSchoolApplications.id, id)));
    const [row] = lock ? await q.for("update", { of: leadSchoolApplications }) : await q;
    return row;
  },
  applicationOf: async (roundId: string, schoolId: string) => {
    const [row] = await db
      .select({ id: leadSchoolApplications.id })
      .from(leadSchoolApplications)
      .where(and(eq(leadSchoolApplications.roundId, roundId), eq(leadSchoolApplications.schoolId, schoolId)));
    return row;
  },
  updateApplication: async (
    hubId: string,
    id: string,
    values: Partial<typeof leadSchoolApplications.$inferInsert>,
  ) => {
    const [row] = await db
      .update(leadSchoolApplications)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(leadSchoolApplications.hubId, hubId), eq(leadSchoolApplications.id, id)))
      .returning();
    if (!row) throw new Error("the application disappeared");
    return row;
  },
  listApplications: async (
    hubId: string,
    q: { roundId?: string; status?: string; schoolId?: string; page: number; pageSize: number },
  ) => {
    const where = and(
      eq(leadSchoolApplications.hubId, hubId),
      q.roundId ? eq(leadSchoolApplications.roundId, q.roundId) : undefined,
      q.status ? sql`${leadSchoolApplications.status} = ${q.status}` : undefined,
      q.schoolId ? eq(leadSchoolApplications.schoolId, q.schoolId) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select({
          app: leadSchoolApplications,
          urn: schools.urn,
          schoolName: schools.name,
          phase: schools.phase,
          area: areas.name,
          reviews: sql<number>`(select count(*)::int from lead_school_scores s where s.application_id = ${leadSchoolApplications.id})`,
          meanTotal: sql<
            number | null
          >`(select round(avg(s.total), 2)::float8 from lead_school_scores s where s.application_id = ${leadSchoolApplications.id})`,
        })
        .from(leadSchoolApplications)
        .innerJoin(schools, eq(schools.id, leadSchoolApplications.schoolId))
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .where(where)
        .orderBy(asc(schools.name), asc(leadSchoolApplications.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(leadSchoolApplications).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  /** The newest music figures of a school (pre-filling the form). */
  latestFigures: async (schoolId: string) => {
    const [row] = await db
      .select()
      .from(schoolMusicData)
      .where(eq(schoolMusicData.schoolId, schoolId))
      .orderBy(desc(schoolMusicData.academicYear))
      .limit(1);
    return row;
  },
  files: (applicationId: string) =>
    db
      .select({
        id: leadSchoolApplicationFiles.id,
        kind: leadSchoolApplicationFiles.kind,
        name: files.name,
        size: files.size,
        contentType: files.contentType,
        storageKey: leadSchoolApplicationFiles.storageKey,
      })
      .from(leadSchoolApplicationFiles)
      .innerJoin(files, eq(files.id, leadSchoolApplicationFiles.fileId))
      .where(eq(leadSchoolApplicationFiles.applicationId, applicationId))
      .orderBy(asc(files.createdAt)),
  insertFile: async (
    file: typeof files.$inferInsert,
    link: { hubId: string; applicationId: string; kind: string; storageKey: string },
  ) => {
    const [f] = await db.insert(files).values(file).returning();
    if (!f) throw new Error("could not store the file");
    await db.insert(leadSchoolApplicationFiles).values({ ...link, fileId: f.id });
    return f;
  },
  contactEmails: async (hubId: string, schoolId: string) =>
    db
      .select({ name: schoolContacts.name, email: schoolContacts.email })
      .from(schoolContacts)
      .where(and(eq(schoolContacts.hubId, hubId), eq(schoolContacts.schoolId, schoolId))),

  // ---------- review ----------
  scores: (applicationId: string) =>
    db
      .select({ row: leadSchoolScores, reviewerName: users.name })
      .from(leadSchoolScores)
      .innerJoin(users, eq(users.id, leadSchoolScores.reviewerId))
      .where(eq(leadSchoolScores.applicationId, applicationId))
      .orderBy(asc(users.name)),
  upsertScore: async (values: typeof leadSchoolScores.$inferInsert) => {
    const [row] = await db
      .insert(leadSchoolScores)
      .values(values)
      .onConflictDoUpdate({
        target: [leadSchoolScores.applicationId, leadSchoolScores.reviewerId],
        set: { scores: values.scores, total: values.total, updatedAt: sql`now()` },
      })
      .returning();
    if (!row) throw new Error("could not store the scores");
    return row;
  },

  // ---------- visits ----------
  visitRecord: async (applicationId: string) => {
    const [row] = await db
      .select()
      .from(leadSchoolVisits)
      .where(eq(leadSchoolVisits.applicationId, applicationId));
    return row;
  },
  upsertVisitRecord: async (values: typeof leadSchoolVisits.$inferInsert) => {
    const [row] = await db
      .insert(leadSchoolVisits)
      .values(values)
      .onConflictDoUpdate({
        target: leadSchoolVisits.applicationId,
        set: {
          date: values.date,
          record: values.record,
          visitId: values.visitId,
          recordedBy: values.recordedBy,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (!row) throw new Error("could not store the visit record");
    return row;
  },
});
