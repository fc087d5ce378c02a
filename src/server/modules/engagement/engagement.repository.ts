import { and, asc, count, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { VisitListQuery } from "../../../shared/schemas/engagement";
import type { DbOrTx } from "../../db/client";
import {
  areas,
  hubs,
  memberships,
  ragCurrent,
  schoolContacts,
  schools,
  users,
  visitNextSteps,
  visitReports,
  visits,
} from "../../db/schema/index";

export type VisitRow = typeof visits.$inferSelect;
export type ReportRow = typeof visitReports.$inferSelect;
export type NextStepRow = typeof visitNextSteps.$inferSelect;
export type VisitWithSchool = {
  visit: VisitRow;
  urn: number;
  schoolName: string;
  reportStatus: "draft" | "approved" | null;
};

/** The only SQL of engagement (visits, reports, next steps, coverage); every query is scoped by the hub. */
export const engagementRepository = (db: DbOrTx) => {
  const withSchool = () =>
    db
      .select({
        visit: visits,
        urn: schools.urn,
        schoolName: schools.name,
        reportStatus: visitReports.status,
      })
      .from(visits)
      .innerJoin(schools, eq(schools.id, visits.schoolId))
      .leftJoin(visitReports, eq(visitReports.visitId, visits.id));
  return {
    hub: async (hubId: string) => {
      const [row] = await db
        .select({ name: hubs.name, colour: hubs.brandColour })
        .from(hubs)
        .where(eq(hubs.id, hubId));
      return row;
    },
    schoolByUrn: async (hubId: string, urn: number) => {
      const [row] = await db
        .select({ id: schools.id, name: schools.name, status: schools.status, urn: schools.urn })
        .from(schools)
        .where(and(eq(schools.hubId, hubId), eq(schools.urn, urn)));
      return row;
    },
    /** The hub's active admins and staff among `ids` (who may attend a visit). */
    hubMembers: (hubId: string, ids: readonly string[]) =>
      ids.length
        ? db
            .select({ id: users.id, name: users.name, email: users.email })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(
              and(
                eq(memberships.hubId, hubId),
                inArray(memberships.userId, [...ids]),
                inArray(memberships.role, ["hub_admin", "hub_staff"]),
                eq(memberships.active, true),
              ),
            )
        : Promise.resolve([]),
    contacts: (hubId: string, schoolId: string) =>
      db
        .select({ role: schoolContacts.role, name: schoolContacts.name, email: schoolContacts.email })
        .from(schoolContacts)
        .where(and(eq(schoolContacts.hubId, hubId), eq(schoolContacts.schoolId, schoolId))),
    insertVisit: async (values: typeof visits.$inferInsert) => {
      const [row] = await db.insert(visits).values(values).returning();
      if (!row) throw new Error("could not store the visit");
      return row;
    },
    /** A visit with its school, locked for update when `lock` (reschedule, cancel, report saves). */
    visit: async (hubId: string, id: string, lock = false): Promise<VisitWithSchool | undefined> => {
      const q = withSchool().where(and(eq(visits.hubId, hubId), eq(visits.id, id)));
      const [row] = lock ? await q.for("update", { of: visits }) : await q;
      return row;
    },
    updateVisit: async (hubId: string, id: string, values: Partial<typeof visits.$inferInsert>) => {
      const [row] = await db
        .update(visits)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(visits.hubId, hubId), eq(visits.id, id)))
        .returning();
      if (!row) throw new Error("the visit disappeared");
      return row;
    },
    listVisits: async (hubId: string, q: VisitListQuery) => {
      const where = and(
        eq(visits.hubId, hubId),
        q.from ? gte(visits.date, q.from) : undefined,
        q.to ? lte(visits.date, q.to) : undefined,
        q.purpose ? eq(visits.purpose, q.purpose) : undefined,
        q.status ? eq(visits.status, q.status) : undefined,
        q.urn ? eq(schools.urn, q.urn) : undefined,
        q.linkOfficer ? eq(schools.linkOfficerId, q.linkOfficer) : undefined,
        q.targetedSupport === "true"
          ? sql`exists (select 1 from ${ragCurrent} rc where rc.school_id = ${visits.schoolId} and rc.rating = 'red')`
          : undefined,
      );
      const [items, [total]] = await Promise.all([
        withSchool()
          .where(where)
          .orderBy(desc(visits.date), asc(visits.time), asc(visits.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db
          .select({ n: count() })
          .from(visits)
          .innerJoin(schools, eq(schools.id, visits.schoolId))
          .where(where),
      ]);
      return { items, total: total?.n ?? 0 };
    },
    userNames: async (ids: readonly string[]) =>
      ids.length
        ? db
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, [...ids]))
        : [],
    /** Visits `userId` attends whose date is in the window (the personal calendar feed). */
    visitsAttendedBy: (hubId: string, userId: string, from: string, to: string) =>
      db
        .select({ visit: visits, schoolName: schools.name })
        .from(visits)
        .innerJoin(schools, eq(schools.id, visits.schoolId))
        .where(
          and(
            eq(visits.hubId, hubId),
            sql`${visits.attendeeIds} @> array[${userId}]::uuid[]`,
            gte(visits.date, from),
            lte(visits.date, to),
          ),
        ),

    // Reports
    /** Reports, newest visit first: approved ones of one school (`schoolId`), or all of the hub. */
    reports: (hubId: string, schoolId: string | null) =>
      db
        .select({
          visitId: visits.id,
          date: visits.date,
          purpose: visits.purpose,
          urn: schools.urn,
          schoolName: schools.name,
          status: visitReports.status,
          approvedAt: visitReports.approvedAt,
        })
        .from(visitReports)
        .innerJoin(visits, eq(visits.id, visitReports.visitId))
        .innerJoin(schools, eq(schools.id, visits.schoolId))
        .where(
          and(
            eq(visitReports.hubId, hubId),
            schoolId ? and(eq(visits.schoolId, schoolId), eq(visitReports.status, "approved")) : undefined,
          ),
        )
        .orderBy(desc(visits.date), asc(visits.id))
        .limit(1000),
    report: async (hubId: string, visitId: string) => {
      const [row] = await db
        .select()
        .from(visitReports)
        .where(and(eq(visitReports.hubId, hubId), eq(visitReports.visitId, visitId)));
      return row;
    },
    nextSteps: (hubId: string, reportId: string) =>
      db
        .select()
        .from(visitNextSteps)
        .where(and(eq(visitNextSteps.hubId, hubId), eq(visitNextSteps.reportId, reportId)))
        .orderBy(asc(visitNextSteps.position)),
    insertReport: async (values: typeof visitReports.$inferInsert) => {
      const [row] = await db.insert(visitReports).values(values).onConflictDoNothing().returning();
      return row;
    },
    /** Saves over `version` only: no row back when someone saved in between (stale edit). */
    updateReport: async (
      hubId: string,
      id: string,
      version: number,
      values: Partial<typeof visitReports.$inferInsert>,
    ) => {
      const [row] = await db
        .update(visitReports)
        .set({ ...values, version: sql`${visitReports.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(visitReports.hubId, hubId), eq(visitReports.id, id), eq(visitReports.version, version)))
        .returning();
      return row;
    },
    replaceNextSteps: async (
      hubId: string,
      reportId: string,
      rows: (typeof visitNextSteps.$inferInsert)[],
    ) => {
      await db
        .delete(visitNextSteps)
        .where(and(eq(visitNextSteps.hubId, hubId), eq(visitNextSteps.reportId, reportId)));
      if (rows.length) await db.insert(visitNextSteps).values(rows);
    },
    /** Open next steps of approved reports (of the link officer's schools when `linkOfficerId`). */
    openNextSteps: (hubId: string, linkOfficerId: string | null) =>
      db
        .select({
          step: visitNextSteps,
          visitId: visitReports.visitId,
          urn: schools.urn,
          schoolName: schools.name,
        })
        .from(visitNextSteps)
        .innerJoin(visitReports, eq(visitReports.id, visitNextSteps.reportId))
        .innerJoin(schools, eq(schools.id, visitNextSteps.schoolId))
        .where(
          and(
            eq(visitNextSteps.hubId, hubId),
            eq(visitNextSteps.status, "open"),
            eq(visitReports.status, "approved"),
            linkOfficerId ? eq(schools.linkOfficerId, linkOfficerId) : undefined,
          ),
        )
        .orderBy(sql`${visitNextSteps.due} asc nulls last`, asc(schools.name), asc(visitNextSteps.position)),

    /**
     * Every open school of the hub with its visit flags (an approved report in [from, to], in
     * [twoFrom, to], ever), its link officer and its overdue next steps: two grouped scans of the
     * hub's visits and steps joined by hash to the schools, not a lookup per school.
     */
    coverageSchools: async (hubId: string, from: string, to: string, twoFrom = from, today = to) => {
      const rows = await db.execute<{
        urn: number;
        name: string;
        phase: string;
        area: string | null;
        link_officer_id: string | null;
        link_officer_name: string | null;
        in_year: boolean | null;
        in_two: boolean | null;
        ever: boolean | null;
        overdue: number | null;
      }>(sql`
        with v as (
          select v.school_id, bool_or(v.date between ${from} and ${to}) as in_year,
                 bool_or(v.date between ${twoFrom} and ${to}) as in_two
          from ${visits} v join ${visitReports} r on r.visit_id = v.id
          where v.hub_id = ${hubId} and v.status = 'scheduled' and r.status = 'approved'
          group by v.school_id),
        o as (
          select s.school_id, count(*)::int as overdue
          from ${visitNextSteps} s join ${visitReports} r on r.id = s.report_id
          where s.hub_id = ${hubId} and s.status = 'open' and s.due < ${today} and r.status = 'approved'
          group by s.school_id)
        select sc.urn, sc.name, sc.phase, a.name as area, sc.link_officer_id, u.name as link_officer_name,
               v.in_year, v.in_two, v.school_id is not null as ever, o.overdue
        from ${schools} sc
        left join ${areas} a on a.id = sc.area_id
        left join ${users} u on u.id = sc.link_officer_id
        left join v on v.school_id = sc.id
        left join o on o.school_id = sc.id
        where sc.hub_id = ${hubId} and sc.status = 'open'`);
      return rows.rows.map((r) => ({
        urn: r.urn,
        name: r.name,
        phase: r.phase,
        area: r.area,
        linkOfficerId: r.link_officer_id,
        linkOfficerName: r.link_officer_name,
        visitedInYear: r.in_year === true,
        visitedInTwoYears: r.in_two === true,
        visitedEver: r.ever === true,
        overdueSteps: r.overdue ?? 0,
      }));
    },
  };
};
