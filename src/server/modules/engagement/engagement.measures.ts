import { sql } from "drizzle-orm";
import type { MeasureInput, PlanMeasure } from "../../platform/measures";
import { shareOfOpenSchools, yearOfDay } from "../schools/schools.measures";

/** Schools with a visit from `from` to `on` that has an approved report (coverage's rule). */
const visitedSince = ({ db, hubId, on }: MeasureInput, from: string, phases?: readonly string[]) =>
  shareOfOpenSchools(
    db,
    hubId,
    sql`select v.school_id from visits v join visit_reports r on r.visit_id = v.id
        where v.hub_id = ${hubId} and v.status = 'scheduled' and r.status = 'approved'
          and v.date between ${from} and ${on}`,
    phases,
  );

const previousYearStart = (from: string) => `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`;

const PRIMARY = ["primary", "middle_primary"];
const SECONDARY = ["secondary", "middle_secondary", "all_through"];

/** School engagement's plan measures (issue 14): visits, contact and RAG ratings. */
export const engagementMeasures: PlanMeasure[] = [
  {
    id: "schools_visited_share",
    label: "Schools visited this year",
    definition:
      "Open schools with a visit this academic year (1 September to the day shown) whose report has been approved, as a share of all the hub's open schools. The same rule as Coverage.",
    unit: "share",
    capability: "engagement",
    compute: (input) => visitedSince(input, yearOfDay(input.on).from),
  },
  {
    id: "schools_visited_primary_share",
    label: "Primary schools visited this year",
    definition:
      "Open primary and middle-deemed-primary schools with a visit this academic year whose report has been approved, as a share of those schools.",
    unit: "share",
    capability: "engagement",
    compute: (input) => visitedSince(input, yearOfDay(input.on).from, PRIMARY),
  },
  {
    id: "schools_visited_secondary_share",
    label: "Secondary schools visited this year",
    definition:
      "Open secondary, middle-deemed-secondary and all-through schools with a visit this academic year whose report has been approved, as a share of those schools.",
    unit: "share",
    capability: "engagement",
    compute: (input) => visitedSince(input, yearOfDay(input.on).from, SECONDARY),
  },
  {
    id: "schools_visited_two_years_share",
    label: "Schools visited in two years",
    definition:
      "Open schools with a visit with an approved report in this academic year or the one before, as a share of all the hub's open schools.",
    unit: "share",
    capability: "engagement",
    compute: (input) => visitedSince(input, previousYearStart(yearOfDay(input.on).from)),
  },
  {
    id: "schools_communicated_share",
    label: "Schools communicated with this year",
    definition:
      "Open schools the hub has been in touch with this academic year through Tutti: a visit held (not cancelled, on or before the day shown), or an e-mail from Tutti to one of the school's contacts that did not fail, as a share of all the hub's open schools. Contact outside Tutti is not counted.",
    unit: "share",
    capability: "engagement",
    compute: ({ db, hubId, on }) => {
      const { from } = yearOfDay(on);
      return shareOfOpenSchools(
        db,
        hubId,
        sql`select v.school_id from visits v
            where v.hub_id = ${hubId} and v.status = 'scheduled' and v.date between ${from} and ${on}
            union
            select c.school_id from school_contacts c
            join mail_messages m on m.hub_id = c.hub_id and lower(m."to") = lower(c.email)
            where c.hub_id = ${hubId} and m.status <> 'failed'
              and m.created_at >= ${from}::date and m.created_at < ${on}::date + 1`,
      );
    },
  },
  {
    id: "schools_rag_rated_share",
    label: "Schools with a RAG rating",
    definition: "Open schools with a current RAG rating, as a share of all the hub's open schools.",
    unit: "share",
    capability: "engagement",
    compute: ({ db, hubId }) =>
      shareOfOpenSchools(db, hubId, sql`select school_id from rag_current where hub_id = ${hubId}`),
  },
];
