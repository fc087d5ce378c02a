import { and, asc, count, eq, gt, inArray, lte } from "drizzle-orm";
import { cpdBookings, cpdClaims, cpdEvents } from "../../db/schema/index";
import type { HomeCardProvider } from "../home/home-cards";
import { can } from "./cpd.policy";

const WEEKS_AHEAD = 8;
const SHOWN = 5;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The CPD home card (decision 020). Hub users: published events of the next eight weeks with
 * their places, and for those who decide claims the supply-cover claims waiting. School users:
 * their school's coming bookings (booked or waiting); no card when there are none.
 */
export const cpdCard: HomeCardProvider = {
  kind: "cpd",
  roles: ["hub_admin", "hub_staff", "school_user"],
  load: async (ctx) => {
    const now = ctx.clock();
    const hubId = ctx.actor.hubId;
    const catalogueHref = `/cpd/catalogue/${ctx.actor.hubSlug}`;
    if (ctx.actor.role === "school_user") {
      const schoolId = ctx.actor.schoolId;
      if (!schoolId) return null;
      const where = and(
        eq(cpdBookings.hubId, hubId),
        eq(cpdBookings.schoolId, schoolId),
        inArray(cpdBookings.status, ["booked", "waitlisted"]),
        gt(cpdEvents.startsAt, now),
      );
      const [rows, [total]] = await Promise.all([
        ctx.db
          .select({
            title: cpdEvents.title,
            startsAt: cpdEvents.startsAt,
            status: cpdBookings.status,
            places: cpdBookings.places,
          })
          .from(cpdBookings)
          .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
          .where(where)
          .orderBy(asc(cpdEvents.startsAt), asc(cpdBookings.createdAt))
          .limit(SHOWN),
        ctx.db
          .select({ n: count() })
          .from(cpdBookings)
          .innerJoin(cpdEvents, eq(cpdEvents.id, cpdBookings.eventId))
          .where(where),
      ]);
      if (!rows.length) return null;
      return {
        kind: "cpd",
        audience: "school",
        upcoming: rows.map((r) => ({
          title: r.title,
          startsAt: r.startsAt.toISOString(),
          detail:
            r.status === "waitlisted"
              ? `On the waiting list (${plural(r.places, "place", "places")})`
              : `${plural(r.places, "place", "places")} booked`,
          href: "/cpd/bookings",
        })),
        upcomingTotal: total?.n ?? 0,
        claimsWaiting: null,
        href: "/cpd/bookings",
        catalogueHref,
      };
    }
    const until = new Date(now.getTime() + WEEKS_AHEAD * 7 * 86_400_000);
    const where = and(
      eq(cpdEvents.hubId, hubId),
      eq(cpdEvents.status, "published"),
      gt(cpdEvents.startsAt, now),
      lte(cpdEvents.startsAt, until),
    );
    const deciding = can(ctx.actor, "finance");
    const [events, [total], [claims]] = await Promise.all([
      ctx.db
        .select()
        .from(cpdEvents)
        .where(where)
        .orderBy(asc(cpdEvents.startsAt), asc(cpdEvents.id))
        .limit(SHOWN),
      ctx.db.select({ n: count() }).from(cpdEvents).where(where),
      deciding
        ? ctx.db
            .select({ n: count() })
            .from(cpdClaims)
            .where(and(eq(cpdClaims.hubId, hubId), eq(cpdClaims.status, "submitted")))
        : Promise.resolve([]),
    ]);
    return {
      kind: "cpd",
      audience: "hub",
      upcoming: events.map((e) => ({
        title: e.title,
        startsAt: e.startsAt.toISOString(),
        detail: `${Math.min(e.bookedPlaces, e.capacity)} of ${e.capacity} booked${
          e.waitlistedPlaces ? `, ${e.waitlistedPlaces} waiting` : ""
        }`,
        href: `/cpd/events/${e.id}`,
      })),
      upcomingTotal: total?.n ?? 0,
      claimsWaiting: deciding
        ? { label: "Supply-cover claims to decide", count: claims?.n ?? 0, href: "/cpd/claims" }
        : null,
      href: "/cpd/events",
      catalogueHref,
    };
  },
};
