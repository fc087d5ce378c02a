import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { cpdBookings, cpdEvents, cpdSessions } from "../../db/schema/index";
import { registerCalendarProvider } from "../../platform/calendar";
import { sessionCalendarEvent } from "./cpd-events.service";

// Published CPD sessions appear in the hub's public calendar and in hub members' feeds; a school
// user's feed shows the sessions of events its school has booked.
registerCalendarProvider({
  name: "cpd-sessions",
  events: async (db, scope, window) => {
    if (scope.kind === "user" && scope.role === "partner_user") return [];
    const schoolOnly = scope.kind === "user" && scope.role === "school_user";
    if (schoolOnly && !scope.schoolId) return [];
    const rows = await db
      .select({ event: cpdEvents, session: cpdSessions })
      .from(cpdSessions)
      .innerJoin(cpdEvents, eq(cpdEvents.id, cpdSessions.eventId))
      .where(
        and(
          eq(cpdSessions.hubId, scope.hubId),
          inArray(cpdEvents.status, ["published", "cancelled"]),
          gte(cpdSessions.startsAt, window.from),
          lte(cpdSessions.startsAt, window.to),
          schoolOnly && scope.schoolId
            ? inArray(
                cpdEvents.id,
                db
                  .select({ id: cpdBookings.eventId })
                  .from(cpdBookings)
                  .where(and(eq(cpdBookings.schoolId, scope.schoolId), eq(cpdBookings.status, "booked"))),
              )
            : undefined,
        ),
      )
      .limit(5000);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.event.id, (counts.get(r.event.id) ?? 0) + 1);
    return rows.map((r) => sessionCalendarEvent(r.event, r.session, counts.get(r.event.id) ?? 1, null));
  },
});
