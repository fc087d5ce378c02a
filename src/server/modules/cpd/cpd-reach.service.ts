import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { academicYearOf, academicYearStart } from "../../../shared/rules/academic-year";
import { TERMS } from "../../../shared/rules/cpd-term";
import type { CpdReach } from "../../../shared/schemas/cpd";
import type { DbOrTx } from "../../db/client";
import {
  areas,
  cpdAttendance,
  cpdBookings,
  cpdEvents,
  cpdPlaces,
  cpdSessions,
  schools,
} from "../../db/schema/index";
import type { ServiceContext } from "../../platform/context";
import { forbidden } from "../../platform/errors";
import { can } from "./cpd.policy";

/** The instants an academic year spans (1 September to 1 September, UTC days). */
export const yearSpan = (year: string) => {
  const from = new Date(`${academicYearStart(year)}T00:00:00Z`);
  return { from, to: new Date(Date.UTC(from.getUTCFullYear() + 1, 8, 1)) };
};

/**
 * A place counts as attended when its booking stands, the event has started, and the register
 * marks the person attended at a session, or the register was not marked for them at all.
 */
const attendedPlace = (until: Date) => sql`(
  ${cpdBookings.status} = 'booked' and ${cpdEvents.startsAt} <= ${until.toISOString()}::timestamptz and (
    exists (select 1 from ${cpdAttendance} a where a.place_id = ${cpdPlaces.id} and a.mark = 'attended')
    or not exists (select 1 from ${cpdAttendance} a where a.place_id = ${cpdPlaces.id})
  )
)`;

const attendedRows = (db: DbOrTx, hubId: string, from: Date, to: Date, until: Date) =>
  db
    .select({
      schoolId: schools.id,
      phase: schools.phase,
      area: areas.name,
      email: cpdPlaces.email,
      startsAt: cpdEvents.startsAt,
    })
    .from(cpdPlaces)
    .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdPlaces.eventId))
    .innerJoin(schools, eq(schools.id, cpdBookings.schoolId))
    .leftJoin(areas, eq(areas.id, schools.areaId))
    .where(
      and(
        eq(cpdPlaces.hubId, hubId),
        gte(cpdEvents.startsAt, from),
        lt(cpdEvents.startsAt, to),
        attendedPlace(until),
      ),
    );

const termOfInstant = (d: Date): (typeof TERMS)[number] => {
  const m = d.getUTCMonth() + 1;
  return m >= 9 ? "autumn" : m <= 3 ? "spring" : "summer";
};

const tally = <K extends string>(rows: { key: K; schoolId: string; email: string }[]) => {
  const by = new Map<K, { schools: Set<string>; staff: Set<string> }>();
  for (const r of rows) {
    const t = by.get(r.key) ?? { schools: new Set(), staff: new Set() };
    t.schools.add(r.schoolId);
    t.staff.add(r.email);
    by.set(r.key, t);
  }
  return [...by.entries()]
    .map(([key, t]) => ({ key, schools: t.schools.size, staff: t.staff.size }))
    .sort((a, b) => a.key.localeCompare(b.key));
};

/** Reach of an academic year: per term by area and phase, schools not engaged, national return figures. */
export const cpdReach = async (ctx: ServiceContext, year: string | undefined): Promise<CpdReach> => {
  if (!can(ctx.actor, "seeResults")) throw forbidden();
  const y = year ?? academicYearOf(ctx.clock());
  const { from, to } = yearSpan(y);
  const now = ctx.clock();
  const hubId = ctx.actor.hubId;
  const rows = await attendedRows(ctx.db, hubId, from, to, now);
  const terms = TERMS.map((term) => {
    const inTerm = rows.filter((r) => termOfInstant(r.startsAt) === term);
    return {
      term: `${y}-${term}`,
      byArea: tally(
        inTerm.map((r) => ({ key: r.area ?? "No area", schoolId: r.schoolId, email: r.email })),
      ).map(({ key, ...rest }) => ({ area: key, ...rest })),
      byPhase: tally(inTerm.map((r) => ({ key: r.phase, schoolId: r.schoolId, email: r.email }))).map(
        ({ key, ...rest }) => ({ phase: key, ...rest }),
      ),
    };
  });
  const engaged = ctx.db
    .select({ id: cpdBookings.schoolId })
    .from(cpdBookings)
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
    .where(
      and(
        eq(cpdBookings.hubId, hubId),
        eq(cpdBookings.status, "booked"),
        gte(cpdEvents.startsAt, from),
        lt(cpdEvents.startsAt, to),
      ),
    );
  const notEngaged = await ctx.db
    .select({ urn: schools.urn, name: schools.name, phase: schools.phase, area: areas.name })
    .from(schools)
    .leftJoin(areas, eq(areas.id, schools.areaId))
    .where(and(eq(schools.hubId, hubId), eq(schools.status, "open"), sql`${schools.id} not in ${engaged}`))
    .orderBy(asc(schools.name))
    .limit(5000);
  const [delivered] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(cpdSessions)
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdSessions.eventId))
    .where(
      and(
        eq(cpdSessions.hubId, hubId),
        eq(cpdEvents.status, "published"),
        gte(cpdSessions.startsAt, from),
        lt(cpdSessions.startsAt, to),
        lt(cpdSessions.startsAt, now),
      ),
    );
  return {
    year: y,
    terms,
    notEngaged: notEngaged.map((s) => ({ ...s, area: s.area ?? null })),
    nationalReturn: {
      sessions: delivered?.n ?? 0,
      attendees: rows.length,
      schoolsReached: new Set(rows.map((r) => r.schoolId)).size,
    },
  };
};

/** Schools with a booked (or attended) place at an event of the year, and the hub's open schools. */
export const schoolsReached = async (db: DbOrTx, hubId: string, on: string) => {
  const { from, to } = yearSpan(academicYearOf(new Date(`${on}T12:00:00Z`)));
  const [reached] = await db
    .select({ n: sql<number>`count(distinct ${cpdBookings.schoolId})::int` })
    .from(cpdBookings)
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
    .innerJoin(schools, eq(schools.id, cpdBookings.schoolId))
    .where(
      and(
        eq(cpdBookings.hubId, hubId),
        eq(cpdBookings.status, "booked"),
        eq(schools.status, "open"),
        gte(cpdEvents.startsAt, from),
        lt(cpdEvents.startsAt, to),
      ),
    );
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schools)
    .where(and(eq(schools.hubId, hubId), eq(schools.status, "open")));
  return { reached: reached?.n ?? 0, open: open?.n ?? 0 };
};
