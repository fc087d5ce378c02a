import { type SQL, sql } from "drizzle-orm";
import { academicYearOf } from "../../../shared/rules/academic-year";
import { academicYearDates } from "../../../shared/rules/coverage";
import type { DbOrTx } from "../../db/client";
import type { MeasureInput, MeasureValue, PlanMeasure } from "../../platform/measures";

/** The academic year ("2025/26") a measure's day falls in, with its first day. */
export const yearOfDay = (on: string): { year: string; from: string } => {
  const year = academicYearOf(new Date(`${on}T00:00:00Z`));
  return { year, from: academicYearDates(year).from };
};

/** A share rounded to three places (0 when there is nothing to share out). */
export const share = (numerator: number, denominator: number): MeasureValue => ({
  value: denominator ? Math.round((numerator / denominator) * 1000) / 1000 : 0,
  numerator,
  denominator,
});

/**
 * The share of the hub's open schools (optionally of some phases) whose id is among `reached`
 * (a query selecting `school_id`): one pass over the hub's schools with a hashed semi-join.
 */
export const shareOfOpenSchools = async (
  db: DbOrTx,
  hubId: string,
  reached: SQL,
  phases?: readonly string[],
): Promise<MeasureValue> => {
  const phaseFilter = phases?.length
    ? sql` and s.phase in (${sql.join(
        phases.map((p) => sql`${p}`),
        sql`, `,
      )})`
    : sql``;
  const result = await db.execute<{ schools: number; reached: number }>(sql`
    select count(*)::int as schools, count(r.school_id)::int as reached
    from schools s
    left join (select distinct school_id from (${reached}) q) r on r.school_id = s.id
    where s.hub_id = ${hubId} and s.status = 'open'${phaseFilter}`);
  const row = result.rows[0];
  return share(row?.reached ?? 0, row?.schools ?? 0);
};

const musicInSdp = ({ db, hubId, on }: MeasureInput) => {
  const { year } = yearOfDay(on);
  return shareOfOpenSchools(
    db,
    hubId,
    sql`select school_id from school_music_data
        where hub_id = ${hubId} and academic_year = ${year} and sdp_music = true`,
  );
};

const continuation = async ({ db, hubId, on }: MeasureInput): Promise<MeasureValue> => {
  const { year } = yearOfDay(on);
  const result = await db.execute<{ continuing: number; wcet: number }>(sql`
    select coalesce(sum(continuing_pupils), 0)::int as continuing, coalesce(sum(wcet_pupils), 0)::int as wcet
    from school_music_data
    where hub_id = ${hubId} and academic_year = ${year}
      and wcet_pupils > 0 and continuing_pupils is not null`);
  const row = result.rows[0];
  return share(row?.continuing ?? 0, row?.wcet ?? 0);
};

/** The schools register's plan measures (issue 14), from the yearly music data. */
export const schoolsMeasures: PlanMeasure[] = [
  {
    id: "music_in_sdp_share",
    label: "Schools with music in their school development plan",
    definition:
      "Open schools whose music data for this academic year says music is in the school development plan, as a share of all the hub's open schools.",
    unit: "share",
    capability: "schools",
    compute: musicInSdp,
  },
  {
    id: "continuation_rate",
    label: "Continuation after whole-class tuition",
    definition:
      "Pupils continuing to learn after whole-class ensemble tuition (WCET / First Access), as a share of WCET pupils, over the schools that gave both figures for this academic year.",
    unit: "share",
    capability: "schools",
    compute: continuation,
  },
];
