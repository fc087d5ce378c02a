import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { QmApplicationQuery, QmAwardQuery } from "../../../shared/schemas/quality-mark";
import type { DbOrTx } from "../../db/client";
import {
  areas,
  cpdEvents,
  hubs,
  memberships,
  qmApplications,
  qmAssessors,
  qmAwards,
  qmEvidenceFiles,
  qmFrameworks,
  qmPresentations,
  schoolContacts,
  schoolMusicData,
  schools,
  users,
  visits,
} from "../../db/schema/index";

export type FrameworkRow = typeof qmFrameworks.$inferSelect;
export type ApplicationRow = typeof qmApplications.$inferSelect;
export type AwardRow = typeof qmAwards.$inferSelect;

const schoolCols = {
  id: schools.id,
  urn: schools.urn,
  name: schools.name,
  phase: schools.phase,
  trust: schools.trust,
  status: schools.status,
  areaName: areas.name,
};
export type QmSchool = {
  id: string;
  urn: number;
  name: string;
  phase: string;
  trust: string | null;
  status: string;
  areaName: string | null;
};

/** The only SQL of the quality mark; every query is scoped by the hub. */
export const qmRepository = (db: DbOrTx) => ({
  hub: async (hubId: string) => {
    const [row] = await db
      .select({ name: hubs.name, colour: hubs.brandColour, slug: hubs.slug })
      .from(hubs)
      .where(eq(hubs.id, hubId));
    return row;
  },
  hubBySlug: async (slug: string) => {
    const [row] = await db.select({ id: hubs.id }).from(hubs).where(eq(hubs.slug, slug));
    return row;
  },
  school: async (hubId: string, by: { id: string } | { urn: number }): Promise<QmSchool | undefined> => {
    const [row] = await db
      .select(schoolCols)
      .from(schools)
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .where(and(eq(schools.hubId, hubId), "id" in by ? eq(schools.id, by.id) : eq(schools.urn, by.urn)));
    return row;
  },
  hasMusicPlan: async (hubId: string, schoolId: string): Promise<boolean> => {
    const [row] = await db
      .select({ n: count() })
      .from(schoolMusicData)
      .where(
        and(
          eq(schoolMusicData.hubId, hubId),
          eq(schoolMusicData.schoolId, schoolId),
          eq(schoolMusicData.sdpMusic, true),
        ),
      );
    return (row?.n ?? 0) > 0;
  },

  // ---- presentations
  /** The CPD event a year's awards are presented at, if the hub chose one. */
  presentation: async (hubId: string, year: string) => {
    const [row] = await db
      .select({
        id: cpdEvents.id,
        title: cpdEvents.title,
        startsAt: cpdEvents.startsAt,
        status: cpdEvents.status,
      })
      .from(qmPresentations)
      .innerJoin(cpdEvents, and(eq(cpdEvents.id, qmPresentations.cpdEventId), eq(cpdEvents.hubId, hubId)))
      .where(and(eq(qmPresentations.hubId, hubId), eq(qmPresentations.academicYear, year)));
    return row;
  },
  cpdEvent: async (hubId: string, id: string) => {
    const [row] = await db
      .select({ id: cpdEvents.id, title: cpdEvents.title, status: cpdEvents.status })
      .from(cpdEvents)
      .where(and(eq(cpdEvents.hubId, hubId), eq(cpdEvents.id, id)));
    return row;
  },
  savePresentation: async (hubId: string, year: string, eventId: string | null, userId: string) => {
    if (!eventId) {
      await db
        .delete(qmPresentations)
        .where(and(eq(qmPresentations.hubId, hubId), eq(qmPresentations.academicYear, year)));
      return;
    }
    await db
      .insert(qmPresentations)
      .values({ hubId, academicYear: year, cpdEventId: eventId, updatedBy: userId })
      .onConflictDoUpdate({
        target: [qmPresentations.hubId, qmPresentations.academicYear],
        set: { cpdEventId: eventId, updatedBy: userId, updatedAt: sql`now()` },
      });
  },

  // ---- frameworks
  latestFramework: async (hubId: string, year: string): Promise<FrameworkRow | undefined> => {
    const [row] = await db
      .select()
      .from(qmFrameworks)
      .where(and(eq(qmFrameworks.hubId, hubId), eq(qmFrameworks.academicYear, year)))
      .orderBy(desc(qmFrameworks.version))
      .limit(1);
    return row;
  },
  /** The latest framework of the latest year before `year` (a new year starts from it). */
  latestBefore: async (hubId: string, year: string): Promise<FrameworkRow | undefined> => {
    const [row] = await db
      .select()
      .from(qmFrameworks)
      .where(and(eq(qmFrameworks.hubId, hubId), sql`${qmFrameworks.academicYear} < ${year}`))
      .orderBy(desc(qmFrameworks.academicYear), desc(qmFrameworks.version))
      .limit(1);
    return row;
  },
  framework: async (hubId: string, id: string): Promise<FrameworkRow | undefined> => {
    const [row] = await db
      .select()
      .from(qmFrameworks)
      .where(and(eq(qmFrameworks.hubId, hubId), eq(qmFrameworks.id, id)));
    return row;
  },
  insertFramework: async (values: typeof qmFrameworks.$inferInsert) => {
    const [row] = await db.insert(qmFrameworks).values(values).onConflictDoNothing().returning();
    return row;
  },

  // ---- applications
  application: async (hubId: string, id: string, lock = false) => {
    const q = db
      .select({ app: qmApplications })
      .from(qmApplications)
      .where(and(eq(qmApplications.hubId, hubId), eq(qmApplications.id, id)));
    const [row] = lock ? await q.for("update") : await q;
    return row?.app;
  },
  insertApplication: async (values: typeof qmApplications.$inferInsert) => {
    const [row] = await db.insert(qmApplications).values(values).returning();
    if (!row) throw new Error("could not store the application");
    return row;
  },
  updateApplication: async (
    hubId: string,
    id: string,
    values: Partial<typeof qmApplications.$inferInsert>,
  ) => {
    const [row] = await db
      .update(qmApplications)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(qmApplications.hubId, hubId), eq(qmApplications.id, id)))
      .returning();
    if (!row) throw new Error("the application disappeared");
    return row;
  },
  listApplications: async (hubId: string, q: QmApplicationQuery, schoolId: string | null) => {
    const where = and(
      eq(qmApplications.hubId, hubId),
      schoolId ? eq(qmApplications.schoolId, schoolId) : undefined,
      q.status ? eq(qmApplications.status, q.status) : undefined,
      q.level ? eq(qmApplications.level, q.level) : undefined,
      q.year ? eq(qmApplications.academicYear, q.year) : undefined,
      q.q
        ? or(
            ilike(schools.name, `%${q.q.replace(/[%_\\]/g, "\\$&")}%`),
            sql`${schools.urn}::text = ${q.q.trim()}`,
          )
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select({
          app: qmApplications,
          urn: schools.urn,
          schoolName: schools.name,
          phase: schools.phase,
          areaName: areas.name,
          assessorName: users.name,
        })
        .from(qmApplications)
        .innerJoin(schools, eq(schools.id, qmApplications.schoolId))
        .leftJoin(areas, eq(areas.id, schools.areaId))
        .leftJoin(users, eq(users.id, qmApplications.assessorId))
        .where(where)
        .orderBy(desc(qmApplications.updatedAt), asc(qmApplications.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: count() })
        .from(qmApplications)
        .innerJoin(schools, eq(schools.id, qmApplications.schoolId))
        .where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  /** Every application of the hub in a year, with the school's phase and area (the figures). */
  applicationsOfYear: (hubId: string, year: string) =>
    db
      .select({
        schoolId: qmApplications.schoolId,
        status: qmApplications.status,
        level: qmApplications.level,
        phase: schools.phase,
        areaName: areas.name,
      })
      .from(qmApplications)
      .innerJoin(schools, eq(schools.id, qmApplications.schoolId))
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .where(
        and(
          eq(qmApplications.hubId, hubId),
          eq(qmApplications.academicYear, year),
          sql`${qmApplications.status} <> 'draft'`,
        ),
      ),

  // ---- files
  insertFile: async (values: typeof qmEvidenceFiles.$inferInsert) => {
    const [row] = await db.insert(qmEvidenceFiles).values(values).returning();
    if (!row) throw new Error("could not store the file");
    return row;
  },
  files: (hubId: string, applicationId: string) =>
    db
      .select()
      .from(qmEvidenceFiles)
      .where(and(eq(qmEvidenceFiles.hubId, hubId), eq(qmEvidenceFiles.applicationId, applicationId)))
      .orderBy(asc(qmEvidenceFiles.createdAt)),
  file: async (hubId: string, applicationId: string, fileId: string) => {
    const [row] = await db
      .select()
      .from(qmEvidenceFiles)
      .where(
        and(
          eq(qmEvidenceFiles.hubId, hubId),
          eq(qmEvidenceFiles.applicationId, applicationId),
          eq(qmEvidenceFiles.id, fileId),
        ),
      );
    return row;
  },

  // ---- people
  /** An active admin or staff member of the hub. */
  hubMember: async (hubId: string, userId: string) => {
    const [row] = await db
      .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.hubId, hubId),
          eq(memberships.userId, userId),
          inArray(memberships.role, ["hub_admin", "hub_staff"]),
          eq(memberships.active, true),
        ),
      );
    return row;
  },
  userName: async (userId: string | null) => {
    if (!userId) return null;
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
    return row?.name ?? null;
  },
  assessor: async (hubId: string, userId: string) => {
    const [row] = await db
      .select()
      .from(qmAssessors)
      .where(and(eq(qmAssessors.hubId, hubId), eq(qmAssessors.userId, userId)));
    return row;
  },
  assessors: (hubId: string) =>
    db
      .select({
        userId: memberships.userId,
        name: users.name,
        schoolId: qmAssessors.schoolId,
        schoolName: schools.name,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(qmAssessors, and(eq(qmAssessors.hubId, hubId), eq(qmAssessors.userId, memberships.userId)))
      .leftJoin(schools, eq(schools.id, qmAssessors.schoolId))
      .where(
        and(
          eq(memberships.hubId, hubId),
          inArray(memberships.role, ["hub_admin", "hub_staff"]),
          eq(memberships.active, true),
        ),
      )
      .orderBy(asc(users.name)),
  saveAssessor: (hubId: string, userId: string, schoolId: string | null) =>
    db
      .insert(qmAssessors)
      .values({ hubId, userId, schoolId })
      .onConflictDoUpdate({
        target: [qmAssessors.hubId, qmAssessors.userId],
        set: { schoolId, updatedAt: sql`now()` },
      }),
  /** Where mail to a school goes: its contacts with an address and its active school users. */
  schoolAddresses: async (hubId: string, schoolId: string) => {
    const [contacts, people] = await Promise.all([
      db
        .select({ name: schoolContacts.name, email: schoolContacts.email })
        .from(schoolContacts)
        .where(and(eq(schoolContacts.hubId, hubId), eq(schoolContacts.schoolId, schoolId))),
      db
        .select({ name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.hubId, hubId),
            eq(memberships.schoolId, schoolId),
            eq(memberships.role, "school_user"),
            eq(memberships.active, true),
          ),
        ),
    ]);
    const seen = new Map<string, string>();
    for (const p of [...people, ...contacts]) {
      const e = p.email?.trim().toLowerCase();
      if (e && !seen.has(e)) seen.set(e, p.name);
    }
    return [...seen].map(([email, name]) => ({ email, name }));
  },
  visit: async (hubId: string, id: string | null) => {
    if (!id) return undefined;
    const [row] = await db
      .select({ id: visits.id, date: visits.date, status: visits.status })
      .from(visits)
      .where(and(eq(visits.hubId, hubId), eq(visits.id, id)));
    return row;
  },

  // ---- awards
  insertAward: async (values: typeof qmAwards.$inferInsert) => {
    const [row] = await db.insert(qmAwards).values(values).returning();
    if (!row) throw new Error("could not store the award");
    return row;
  },
  award: async (hubId: string, id: string) => {
    const [row] = await db
      .select({ award: qmAwards, urn: schools.urn, schoolName: schools.name })
      .from(qmAwards)
      .innerJoin(schools, eq(schools.id, qmAwards.schoolId))
      .where(and(eq(qmAwards.hubId, hubId), eq(qmAwards.id, id)));
    return row;
  },
  awardOfApplication: async (hubId: string, applicationId: string) => {
    const [row] = await db
      .select({ id: qmAwards.id })
      .from(qmAwards)
      .where(and(eq(qmAwards.hubId, hubId), eq(qmAwards.applicationId, applicationId)));
    return row?.id ?? null;
  },
  listAwards: async (
    hubId: string,
    q: QmAwardQuery,
    schoolId: string | null,
    on: string,
    windowEnd: string,
  ) => {
    const status = q.status;
    const where = and(
      eq(qmAwards.hubId, hubId),
      schoolId ? eq(qmAwards.schoolId, schoolId) : undefined,
      q.level ? eq(qmAwards.level, q.level) : undefined,
      q.year ? eq(qmAwards.academicYear, q.year) : undefined,
      q.urn ? eq(schools.urn, q.urn) : undefined,
      status === "expired" ? sql`${qmAwards.validUntil} < ${on}` : undefined,
      status === "not_yet_valid" ? sql`${qmAwards.awardedOn} > ${on}` : undefined,
      status === "current"
        ? and(lte(qmAwards.awardedOn, on), sql`${qmAwards.validUntil} >= ${windowEnd}`)
        : undefined,
      status === "expiring"
        ? and(
            lte(qmAwards.awardedOn, on),
            gte(qmAwards.validUntil, on),
            sql`${qmAwards.validUntil} < ${windowEnd}`,
          )
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select({ award: qmAwards, urn: schools.urn, schoolName: schools.name })
        .from(qmAwards)
        .innerJoin(schools, eq(schools.id, qmAwards.schoolId))
        .where(where)
        .orderBy(desc(qmAwards.awardedOn), asc(schools.name), asc(qmAwards.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: count() })
        .from(qmAwards)
        .innerJoin(schools, eq(schools.id, qmAwards.schoolId))
        .where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  /** Each school's current award on a day (the highest, then the latest): the public page. */
  currentAwards: (hubId: string, on: string) =>
    db
      .selectDistinctOn([qmAwards.schoolId], {
        urn: schools.urn,
        schoolName: schools.name,
        level: qmAwards.level,
        academicYear: qmAwards.academicYear,
      })
      .from(qmAwards)
      .innerJoin(schools, eq(schools.id, qmAwards.schoolId))
      .where(and(eq(qmAwards.hubId, hubId), lte(qmAwards.awardedOn, on), gte(qmAwards.validUntil, on)))
      .orderBy(
        qmAwards.schoolId,
        sql`array_position(array['platinum','gold','silver','bronze'], ${qmAwards.level}::text)`,
        desc(qmAwards.awardedOn),
      ),
  awardsOfYear: (hubId: string, year: string) =>
    db
      .select({
        schoolId: qmAwards.schoolId,
        level: qmAwards.level,
        phase: schools.phase,
        areaName: areas.name,
      })
      .from(qmAwards)
      .innerJoin(schools, eq(schools.id, qmAwards.schoolId))
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .where(and(eq(qmAwards.hubId, hubId), eq(qmAwards.academicYear, year))),
  /** Awards of every hub whose last day falls in [on, windowEnd) and whose school was not yet prompted. */
  awardsToPrompt: (on: string, windowEnd: string) =>
    db
      .select({ award: qmAwards, schoolName: schools.name, hubName: hubs.name })
      .from(qmAwards)
      .innerJoin(schools, eq(schools.id, qmAwards.schoolId))
      .innerJoin(hubs, eq(hubs.id, qmAwards.hubId))
      .where(
        and(
          gte(qmAwards.validUntil, on),
          sql`${qmAwards.validUntil} < ${windowEnd}`,
          isNull(qmAwards.renewalPromptedAt),
        ),
      )
      .for("update", { of: qmAwards, skipLocked: true }),
  markPrompted: (id: string, at: Date) =>
    db.update(qmAwards).set({ renewalPromptedAt: at }).where(eq(qmAwards.id, id)),
  /** Open schools of the hub with their phase and area: the cohort. */
  cohort: (hubId: string) =>
    db
      .select({ id: schools.id, phase: schools.phase, areaName: areas.name })
      .from(schools)
      .leftJoin(areas, eq(areas.id, schools.areaId))
      .where(and(eq(schools.hubId, hubId), eq(schools.status, "open"))),
});
