import { and, eq, gte, lt, sql } from "drizzle-orm";
import { academicYearOf } from "../../../shared/rules/academic-year";
import { cpdEvents, cpdSessions } from "../../db/schema/index";
import type { PlanMeasure } from "../../platform/measures";
import { schoolsReached, yearSpan } from "./cpd-reach.service";

/** CPD's measures for the hub plan (issue 14). */
export const cpdMeasures: PlanMeasure[] = [
  {
    id: "cpd_schools_reached_share",
    label: "Schools reached by CPD",
    definition:
      "The share of the hub's open schools with a booked or attended place at a CPD event in the academic year of the day.",
    unit: "share",
    capability: "cpd",
    compute: async ({ db, hubId, on }) => {
      const { reached, open } = await schoolsReached(db, hubId, on);
      return { value: open ? reached / open : 0, numerator: reached, denominator: open };
    },
  },
  {
    id: "cpd_sessions_delivered",
    label: "CPD sessions delivered",
    definition:
      "Sessions of published CPD events that took place in the academic year of the day, up to the day.",
    unit: "count",
    capability: "cpd",
    compute: async ({ db, hubId, on }) => {
      const { from, to } = yearSpan(academicYearOf(new Date(`${on}T12:00:00Z`)));
      const until = new Date(`${on}T23:59:59Z`);
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(cpdSessions)
        .innerJoin(cpdEvents, eq(cpdEvents.id, cpdSessions.eventId))
        .where(
          and(
            eq(cpdSessions.hubId, hubId),
            eq(cpdEvents.status, "published"),
            gte(cpdSessions.startsAt, from),
            lt(cpdSessions.startsAt, until < to ? until : to),
          ),
        );
      return { value: row?.n ?? 0 };
    },
  },
];
