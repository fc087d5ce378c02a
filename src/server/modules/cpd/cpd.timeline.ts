import { and, desc, eq } from "drizzle-orm";
import { CPD_KIND_LABELS } from "../../../shared/schemas/cpd";
import { cpdBookings, cpdEvents, schools } from "../../db/schema/index";
import type { TimelineSource } from "../../platform/timeline";
import { can } from "./cpd.policy";

const STATUS_WORDS = {
  booked: "Booked",
  waitlisted: "On the waiting list",
  cancelled: "Cancelled",
  late_cancelled: "Cancelled late (charged)",
} as const;

/** A school's CPD bookings on its timeline (hub users, and the school's own users). */
export const cpdTimelineSources: TimelineSource[] = [
  {
    kind: "cpd",
    load: async (ctx, urn) => {
      const n = Number(urn);
      if (!Number.isInteger(n)) return [];
      const rows = await ctx.db
        .select({
          status: cpdBookings.status,
          eventId: cpdBookings.eventId,
          places: cpdBookings.places,
          schoolId: cpdBookings.schoolId,
          title: cpdEvents.title,
          kind: cpdEvents.kind,
          startsAt: cpdEvents.startsAt,
        })
        .from(cpdBookings)
        .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
        .innerJoin(schools, eq(schools.id, cpdBookings.schoolId))
        .where(and(eq(cpdBookings.hubId, ctx.actor.hubId), eq(schools.urn, n)))
        .orderBy(desc(cpdEvents.startsAt))
        .limit(200);
      return rows
        .filter((r) => can(ctx.actor, "manageEvents") || ctx.actor.schoolId === r.schoolId)
        .map((r) => ({
          at: r.startsAt.toISOString(),
          kind: "cpd",
          title: `${CPD_KIND_LABELS[r.kind]}: ${r.title}`,
          detail: `${STATUS_WORDS[r.status]}, ${r.places} ${r.places === 1 ? "place" : "places"}`,
          href: can(ctx.actor, "manageEvents") ? `/cpd/events/${r.eventId}` : "/cpd/bookings",
        }));
    },
  },
];
