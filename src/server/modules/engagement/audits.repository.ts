import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import {
  questionnaireResponses as R,
  schools,
  questionnaireTemplates as T,
  questionnaireVersions as V,
  visitReports,
  visits,
} from "../../db/schema/index";

/** The SQL of pre-visit audits: responses to the hub's questionnaires whose purpose is "audit". */
export const auditsRepository = (db: DbOrTx) => ({
  school: async (hubId: string, ref: string | number) => {
    const [row] = await db
      .select({ id: schools.id, urn: schools.urn, name: schools.name, status: schools.status })
      .from(schools)
      .where(
        and(eq(schools.hubId, hubId), typeof ref === "number" ? eq(schools.urn, ref) : eq(schools.id, ref)),
      );
    return row;
  },
  /** The hub's published audit questionnaires, newest first. */
  publishedTemplates: (hubId: string) =>
    db
      .select({ id: T.id, title: T.title, latestVersion: T.latestVersion, createdAt: T.createdAt })
      .from(T)
      .where(and(eq(T.hubId, hubId), eq(T.purpose, "audit"), sql`${T.latestVersion} > 0`))
      .orderBy(desc(T.createdAt), asc(T.title)),
  templateByTitle: async (hubId: string, title: string) => {
    const [row] = await db
      .select({ id: T.id, title: T.title, latestVersion: T.latestVersion })
      .from(T)
      .where(and(eq(T.hubId, hubId), eq(T.purpose, "audit"), eq(T.title, title)));
    return row;
  },
  /** One school's audit responses (every version), newest first. */
  responses: (hubId: string, schoolIds: readonly string[]) =>
    schoolIds.length
      ? db
          .select({
            id: R.id,
            schoolId: R.schoolId,
            templateId: R.templateId,
            title: T.title,
            status: R.status,
            version: V.version,
            updatedAt: R.updatedAt,
            submittedAt: R.submittedAt,
          })
          .from(R)
          .innerJoin(T, eq(T.id, R.templateId))
          .innerJoin(V, eq(V.id, R.versionId))
          .where(and(eq(R.hubId, hubId), inArray(R.schoolId, [...schoolIds]), eq(T.purpose, "audit")))
          .orderBy(desc(R.updatedAt), desc(R.id))
      : Promise.resolve([]),
  /** The school's latest submitted audit, with the sections of the version it answered. */
  latestSubmitted: async (hubId: string, schoolId: string) => {
    const [row] = await db
      .select({
        id: R.id,
        title: T.title,
        version: V.version,
        submittedAt: R.submittedAt,
        definition: V.definition,
      })
      .from(R)
      .innerJoin(T, eq(T.id, R.templateId))
      .innerJoin(V, eq(V.id, R.versionId))
      .where(
        and(eq(R.hubId, hubId), eq(R.schoolId, schoolId), eq(T.purpose, "audit"), eq(R.status, "submitted")),
      )
      .orderBy(desc(R.submittedAt), desc(R.id))
      .limit(1);
    return row;
  },
  /** The newest published audit questionnaire's latest version. */
  newestVersion: async (hubId: string) => {
    const [row] = await db
      .select({ definition: V.definition })
      .from(T)
      .innerJoin(V, and(eq(V.templateId, T.id), eq(V.version, T.latestVersion)))
      .where(and(eq(T.hubId, hubId), eq(T.purpose, "audit")))
      .orderBy(desc(T.createdAt))
      .limit(1);
    return row;
  },
  visit: async (hubId: string, id: string) => {
    const [row] = await db
      .select({ id: visits.id, schoolId: visits.schoolId, urn: schools.urn })
      .from(visits)
      .innerJoin(schools, eq(schools.id, visits.schoolId))
      .where(and(eq(visits.hubId, hubId), eq(visits.id, id)));
    return row;
  },
  /**
   * Submitted audits of schools with a scheduled visit from `today` on whose report is not yet
   * approved (the visit has not been held and written up): what hub staff should read first.
   */
  waitingForVisits: (hubId: string, today: string, limit: number) =>
    db
      .selectDistinctOn([R.schoolId], {
        responseId: R.id,
        urn: schools.urn,
        schoolName: schools.name,
        submittedAt: R.submittedAt,
        visitDate: visits.date,
      })
      .from(R)
      .innerJoin(T, eq(T.id, R.templateId))
      .innerJoin(schools, eq(schools.id, R.schoolId))
      .innerJoin(visits, and(eq(visits.schoolId, R.schoolId), eq(visits.hubId, R.hubId)))
      .leftJoin(visitReports, eq(visitReports.visitId, visits.id))
      .where(
        and(
          eq(R.hubId, hubId),
          eq(T.purpose, "audit"),
          eq(R.status, "submitted"),
          eq(visits.status, "scheduled"),
          gte(visits.date, today),
          sql`(${visitReports.status} is null or ${visitReports.status} <> 'approved')`,
        ),
      )
      .orderBy(R.schoolId, asc(visits.date), desc(R.submittedAt))
      .limit(limit),
});
