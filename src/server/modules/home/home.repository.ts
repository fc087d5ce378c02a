import { and, asc, count, desc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  auditLog,
  jobs,
  memberships,
  partners,
  schoolMusicData,
  schools,
  users,
} from "../../db/schema/index";

/**
 * The home page's figures: plain SQL over indexed columns (schools by hub, music data by school
 * and year, jobs and the audit log by hub and time), always scoped by hub. Nothing is cached.
 */
export const homeRepository = (db: DbOrTx) => ({
  /** Schools per phase and status. */
  schoolCounts: (hubId: string) =>
    db
      .select({ phase: schools.phase, status: schools.status, n: count() })
      .from(schools)
      .where(eq(schools.hubId, hubId))
      .groupBy(schools.phase, schools.status),

  openWithoutLinkOfficer: async (hubId: string): Promise<number> => {
    const [row] = await db
      .select({ n: count() })
      .from(schools)
      .where(and(eq(schools.hubId, hubId), eq(schools.status, "open"), isNull(schools.linkOfficerId)));
    return row?.n ?? 0;
  },

  /** Open schools with no music data row for the year (the unique school+year index answers each). */
  openMissingMusicData: async (hubId: string, year: string): Promise<number> => {
    const [row] = await db
      .select({ n: count() })
      .from(schools)
      .where(
        and(
          eq(schools.hubId, hubId),
          eq(schools.status, "open"),
          sql`not exists (select 1 from ${schoolMusicData} m where m.school_id = ${schools.id} and m.academic_year = ${year})`,
        ),
      );
    return row?.n ?? 0;
  },

  hasMusicData: async (hubId: string, schoolId: string, year: string): Promise<boolean> => {
    const [row] = await db
      .select({ id: schoolMusicData.id })
      .from(schoolMusicData)
      .where(
        and(
          eq(schoolMusicData.hubId, hubId),
          eq(schoolMusicData.schoolId, schoolId),
          eq(schoolMusicData.academicYear, year),
        ),
      )
      .limit(1);
    return Boolean(row);
  },

  /** The hub's last GIAS import that went through. */
  lastGiasImport: async (hubId: string) => {
    const [row] = await db
      .select({
        createdAt: jobs.createdAt,
        finishedAt: jobs.finishedAt,
        fileName: jobs.fileName,
        result: jobs.result,
      })
      .from(jobs)
      .where(and(eq(jobs.hubId, hubId), eq(jobs.kind, "gias-import"), eq(jobs.status, "succeeded")))
      .orderBy(desc(jobs.createdAt))
      .limit(1);
    return row ?? null;
  },

  /** Schools renamed between two times (an import's entries carry its transaction's time). */
  renamedBetween: async (hubId: string, from: Date, to: Date): Promise<number> => {
    const [row] = await db
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.hubId, hubId),
          gte(auditLog.at, from),
          lte(auditLog.at, to),
          eq(auditLog.entity, "school"),
          eq(auditLog.action, "update"),
          sql`${auditLog.after} ? 'name'`,
        ),
      );
    return row?.n ?? 0;
  },

  /** The schools a person is link officer for, by name. */
  schoolsOfOfficer: async (hubId: string, userId: string, limit: number) => {
    const where = and(eq(schools.hubId, hubId), eq(schools.linkOfficerId, userId));
    const [rows, totals] = await Promise.all([
      db
        .select({ urn: schools.urn, name: schools.name })
        .from(schools)
        .where(where)
        .orderBy(asc(schools.name))
        .limit(limit),
      db.select({ n: count() }).from(schools).where(where),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  },

  school: async (hubId: string, schoolId: string) => {
    const [row] = await db
      .select({
        id: schools.id,
        urn: schools.urn,
        name: schools.name,
        phase: schools.phase,
        status: schools.status,
        town: schools.town,
        pupils: schools.pupils,
        linkOfficerName: users.name,
        linkOfficerEmail: users.email,
      })
      .from(schools)
      .leftJoin(users, eq(users.id, schools.linkOfficerId))
      .where(and(eq(schools.hubId, hubId), eq(schools.id, schoolId)));
    return row ?? null;
  },

  partnerName: async (hubId: string, partnerId: string): Promise<string | null> => {
    const [row] = await db
      .select({ name: partners.name })
      .from(partners)
      .where(and(eq(partners.hubId, hubId), eq(partners.id, partnerId)));
    return row?.name ?? null;
  },

  /** The hub's first active hub admin (by the date they joined): who a partner writes to. */
  hubContact: async (hubId: string) => {
    const [row] = await db
      .select({ name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(eq(memberships.hubId, hubId), eq(memberships.role, "hub_admin"), eq(memberships.active, true)),
      )
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    return row ?? null;
  },
});
