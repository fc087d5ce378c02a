import { sql } from "drizzle-orm";
import { academicYearOf, previousAcademicYears } from "../../shared/rules/academic-year";
import { academicYearDates } from "../../shared/rules/coverage";
import type { DbOrTx } from "../db/client";
import { visitNextSteps, visitReports, visits } from "../db/schema/index";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

/** Fictional summaries, as a visitor might write them for a school. */
const SUMMARIES = [
  "Thank you for a warm welcome. Singing is a real strength; the next step is a whole-school plan for curriculum time so every class gets its weekly hour.",
  "A useful first conversation with the head and music lead. The school wants to restart its choir and bring instrumental lessons back after the timetable change.",
  "Year 4 whole-class brass is going well and pupils spoke proudly about their concert. We agreed to look at progression routes for those who want to continue.",
  "Music is in the development plan with a governor link. Assessment is still informal; we will share the hub's progression framework.",
  "Staff confidence in teaching music is low outside the specialist. We agreed two CPD sessions and a visit from a Lead School.",
  "Ensembles are thriving but mainly reach pupils whose families pay. We talked about the hub's remission scheme and an inclusive after-school band.",
];
const SEEN = [
  "A Year 3 singing assembly, a Year 4 brass lesson and the lunchtime ukulele club.",
  "Curriculum lessons in Years 1 and 5; the music room and instrument store.",
  "The school band rehearsing for the spring concert, and a KS3 composition lesson.",
];
const STEPS = [
  "Timetable a weekly hour of curriculum music in every KS2 class",
  "Share the hub's progression framework with the music lead",
  "Book two staff CPD sessions on singing in the classroom",
  "Start a lunchtime choir open to every year group",
  "Add music to the school development plan with a governor link",
  "Introduce the hub's remission scheme to families",
  "Arrange a visit to a Lead School",
];
const SECTIONS = [
  "Curriculum and timetable time",
  "Singing",
  "Whole-class and instrumental teaching",
  "Ensembles and co-curricular",
  "Inclusion and SEND",
  "Leadership and the school development plan",
];
const JUDGEMENTS = ["strength", "developing", "priority"] as const;

const textArray = (list: readonly string[]) =>
  sql`array[${sql.join(
    list.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;

/**
 * A year and a bit of fictional engagement history for the demo hub, in four set-based
 * statements (no loop per school, so the demo load stays quick): visits to about two in five open
 * schools last academic year and a third this year (recorded), a few ahead this month and next;
 * reports for the past ones (approved, the latest few still drafts) with judgements; two or three
 * next steps each, the older ones mostly done and some overdue. `alwaysVisited` (the demo school
 * user's school) has a shared report from last year and no visit yet this year.
 */
export const loadDemoEngagement = async (
  db: DbOrTx,
  actor: Actor,
  visitors: readonly string[],
  alwaysVisited: string | null,
  now: Date = new Date(),
): Promise<void> => {
  const today = now.toISOString().slice(0, 10);
  const thisYear = academicYearOf(now);
  const [lastYear = thisYear] = previousAcademicYears(thisYear, 2);
  const lastStart = academicYearDates(lastYear).from;
  const thisStart = academicYearDates(thisYear).from;
  const people = sql`array[${sql.join(
    visitors.map((v) => sql`${v}::uuid`),
    sql`, `,
  )}]::uuid[]`;
  const hubId = actor.hubId;
  // Visits: last year (rn % 5 in 0, 2), this year so far (rn % 3 = 1), and ahead (rn % 17 = 4).
  await db.execute(sql`
    with s as (
      select id, (row_number() over (order by urn))::int as rn from schools
      where hub_id = ${hubId} and status = 'open'),
    planned as (
      select id, rn, (${lastStart}::date + ((rn * 7) % 290)::int) as d, false as ahead from s
        where rn % 5 in (0, 2) or id = ${alwaysVisited}::uuid
      union all
      select id, rn, least(${thisStart}::date + ((rn * 5) % greatest(${today}::date - ${thisStart}::date, 1))::int,
                           ${today}::date - 1), false from s where rn % 3 = 1 and id is distinct from ${alwaysVisited}::uuid
      union all
      select id, rn, ${today}::date + ((rn * 3) % 40)::int, true from s where rn % 17 = 4)
    insert into ${visits} (hub_id, school_id, date, time, purpose, recorded, attendee_ids, created_by, notes)
    select ${hubId}, id, d,
      (array['09:30','10:00','13:30','14:00'])[1 + rn % 4],
      (array['first_conversation','follow_up','follow_up','targeted_support','lead_school'])[1 + rn % 5],
      not ahead,
      array[(${people})[1 + rn % ${visitors.length}::int]],
      (${people})[1 + rn % ${visitors.length}],
      case when ahead then 'Meet the head and music lead' end
    from planned where d >= ${lastStart}::date`);
  // Reports for visits that took place: approved unless within the last fortnight (drafts).
  await db.execute(sql`
    with v as (
      select id, date, (row_number() over (order by date, id))::int as rn from ${visits}
      where hub_id = ${hubId} and date < ${today}::date)
    insert into ${visitReports} (hub_id, visit_id, status, summary, seen, judgements, version, updated_by, approved_by, approved_at, created_at, updated_at)
    select ${hubId}, v.id,
      case when v.date < ${today}::date - 14 then 'approved' else 'draft' end,
      (${textArray(SUMMARIES)})[1 + rn % ${SUMMARIES.length}],
      (${textArray(SEEN)})[1 + rn % ${SEEN.length}],
      (select jsonb_agg(jsonb_build_object('section', sec, 'judgement',
              (${textArray(JUDGEMENTS)})[1 + ((rn + k * 7) % 5) % 3], 'seen', null) order by k)
         from unnest(${textArray(SECTIONS)}) with ordinality as t(sec, kk), lateral (select kk::int as k) kx where (rn + k) % 3 <> 0),
      2, (${people})[1 + rn % ${visitors.length}],
      case when v.date < ${today}::date - 14 then (${people})[1] end,
      case when v.date < ${today}::date - 14 then (v.date + 10)::timestamptz end,
      v.date::timestamptz, (v.date + 3)::timestamptz
    from v`);
  // Next steps: two or three per report, due one to four months after the visit.
  await db.execute(sql`
    with r as (
      select r.id, v.school_id, v.date, (row_number() over (order by v.date, r.id))::int as rn
      from ${visitReports} r join ${visits} v on v.id = r.visit_id where r.hub_id = ${hubId})
    insert into ${visitNextSteps} (hub_id, report_id, school_id, position, text, owner, due, status)
    select ${hubId}, r.id, r.school_id, k - 1,
      (${textArray(STEPS)})[1 + (rn * 3 + k) % ${STEPS.length}],
      case when (rn + k) % 3 = 0 then 'hub' else 'school' end,
      r.date + (30 * k + 30)::int,
      case when r.date + (30 * k + 30)::int < ${today}::date - 60 and (rn + k) % 4 <> 0 then 'done'
           when (rn + k) % 9 = 0 then 'dropped' else 'open' end
    from r cross join generate_series(1, 2 + (r.rn % 2)::int) as k`);
  await recordAudit(db, actor, {
    action: "create",
    entity: "demo_engagement",
    entityId: hubId,
    after: { note: "Fictional visits, reports and next steps loaded with the demo hub" },
  });
};
