import type { z } from "zod";
import { isLateCancellation, priceBooking } from "../../../shared/rules/cpd-price";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type {
  CpdBooking,
  CpdBookingCreated,
  CpdBookingInput,
  CpdCancelled,
  CpdQuote,
  CpdQuoteInput,
} from "../../../shared/schemas/cpd";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { londonDate } from "../engagement/visits.calendar";
import { actsForSchool, can } from "./cpd.policy";
import { type CpdBookingRow, type CpdEventRow, cpdRepository } from "./cpd.repository";
import { sendBookingMail } from "./cpd-mail";
import { leadSchoolIds } from "./lead-school-entitlement";

type Repo = ReturnType<typeof cpdRepository>;

const bookingsLink = (ctx: ServiceContext) => `${ctx.config.publicUrl}/cpd/bookings`;

/** The school a booking is for: of the actor's hub, and the actor's own school for a school user. */
const schoolFor = async (ctx: ServiceContext, repo: Repo, urn: number) => {
  const school = await repo.schoolByUrn(ctx.actor.hubId, urn);
  if (!school) {
    if (!can(ctx.actor, "manageEvents")) throw forbidden("You can book places only for your own school");
    throw notFound("The school");
  }
  if (!actsForSchool(ctx.actor, school.id)) throw forbidden("You can book places only for your own school");
  return school;
};

const fullError = (remaining: number) =>
  new AppError(
    "full",
    remaining === 0
      ? "This event is full. You can join the waiting list."
      : `Only ${remaining} ${remaining === 1 ? "place remains" : "places remain"}. Book fewer people or join the waiting list.`,
    { remaining },
  );

/** Why the event cannot be booked now, or null. */
const closedReason = (event: CpdEventRow, now: Date): string | null => {
  if (event.status === "cancelled") return "This event has been cancelled";
  if (event.status !== "published") return "This event is not open for booking yet";
  if (event.startsAt.getTime() <= now.getTime()) return "This event has already started or taken place";
  if (event.bookingOpensAt && event.bookingOpensAt.getTime() > now.getTime())
    return `Booking for this event opens on ${formatUkDate(londonDate(event.bookingOpensAt))}`;
  if (event.bookingClosesAt && event.bookingClosesAt.getTime() <= now.getTime())
    return `Booking for this event closed on ${formatUkDate(londonDate(event.bookingClosesAt))}`;
  return null;
};

const visibleEvent = async (ctx: ServiceContext, repo: Repo, id: string, lock: boolean) => {
  const event = await repo.event(ctx.actor.hubId, id, lock);
  if (!event || (event.status === "draft" && !can(ctx.actor, "manageEvents"))) throw notFound("The event");
  return event;
};

const quoteFor = async (
  ctx: ServiceContext,
  repo: Repo,
  event: CpdEventRow,
  schoolId: string,
  places: number,
) => {
  const leadSchool = (await leadSchoolIds(ctx.db, ctx.actor.hubId, londonDate(ctx.clock()))).has(schoolId);
  const freePlacesHeld = leadSchool ? await repo.freePlacesHeld(event.id, schoolId) : 0;
  return {
    leadSchool,
    ...priceBooking({ pricePence: event.pricePence, places, leadSchool, freePlacesHeld }),
  };
};

/** What a booking would cost, before it is made (the booking form shows it). */
export const quoteBooking = async (
  ctx: ServiceContext,
  eventId: string,
  input: z.infer<typeof CpdQuoteInput>,
): Promise<CpdQuote> => {
  if (!can(ctx.actor, "book")) throw forbidden();
  const repo = cpdRepository(ctx.db);
  const event = await visibleEvent(ctx, repo, eventId, false);
  const school = await schoolFor(ctx, repo, input.urn);
  const quote = await quoteFor(ctx, repo, event, school.id, input.places);
  return { ...quote, remaining: Math.max(0, event.capacity - event.bookedPlaces) };
};

/**
 * Books places. The event's row is locked for the whole transaction, so concurrent bookings are
 * served one at a time against the true count: the last place goes to exactly one of them.
 */
export const bookPlaces = async (
  ctx: ServiceContext,
  eventId: string,
  input: CpdBookingInput,
): Promise<CpdBookingCreated> => {
  if (!can(ctx.actor, "book")) throw forbidden();
  const emails = input.attendees.map((a) => a.email.toLowerCase());
  const twice = emails.findIndex((e, i) => emails.indexOf(e) !== i);
  if (twice >= 0)
    throw invalid("The same person is named twice", [
      { path: `attendees.${twice}.email`, message: "This person is already on this booking" },
    ]);
  // What does not change under the event's lock is read before it: the school, the hub, the
  // sessions and whether the school is a Lead School today. The lock is then held only for the
  // checks and writes that must see the true count.
  const outside = cpdRepository(ctx.db);
  const seen = await visibleEvent(ctx, outside, eventId, false);
  const school = await schoolFor(ctx, outside, input.urn);
  const [hub, sessions, leads] = await Promise.all([
    outside.hub(ctx.actor.hubId),
    outside.sessionsOf([eventId]),
    leadSchoolIds(ctx.db, ctx.actor.hubId, londonDate(ctx.clock())),
  ]);
  const leadSchool = leads.has(school.id);
  // Fast refusal while the event is plainly full: read without the lock (committed counts),
  // so the losers of a rush for the last places do not queue behind the winners. Only a
  // booking that may succeed waits for the lock, and is checked again under it.
  if (!input.waitlist) {
    if (
      closedReason(seen, ctx.clock()) === null &&
      input.attendees.length > seen.capacity - seen.bookedPlaces
    ) {
      const remaining = Math.max(0, seen.capacity - seen.bookedPlaces);
      if (input.attendees.length <= seen.capacity) throw fullError(remaining);
    }
  }
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const now = tx.clock();
    const event = await visibleEvent(tx, repo, eventId, true);
    const closed = closedReason(event, now);
    if (closed) throw new AppError("conflict", closed);
    const already = await repo.activePlacesFor(event.id, emails);
    if (already.length)
      throw new AppError(
        "conflict",
        `Already booked on this event: ${already.map((p) => p.name).join(", ")}`,
        {
          fields: already.map((p) => ({
            path: `attendees.${emails.indexOf(p.email)}.email`,
            message: "This person already has a place on this event",
          })),
        },
      );
    const wanted = input.attendees.length;
    const remaining = Math.max(0, event.capacity - event.bookedPlaces);
    let status: "booked" | "waitlisted" = "booked";
    if (wanted > remaining) {
      if (wanted > event.capacity)
        throw invalid(`This event has ${event.capacity} places in all`, [
          { path: "attendees", message: `Book at most ${event.capacity} places` },
        ]);
      if (!input.waitlist) throw fullError(remaining);
      status = "waitlisted";
    }
    const freePlacesHeld = leadSchool ? await repo.freePlacesHeld(event.id, school.id) : 0;
    const quote = priceBooking({ pricePence: event.pricePence, places: wanted, leadSchool, freePlacesHeld });
    const booking = await repo.insertBooking({
      hubId: tx.actor.hubId,
      eventId: event.id,
      schoolId: school.id,
      status,
      places: wanted,
      bookedBy: tx.actor.userId,
      bookerEmail: tx.actor.email,
    });
    const places = await repo.insertPlaces(
      input.attendees.map((a, i) => ({
        hubId: tx.actor.hubId,
        bookingId: booking.id,
        eventId: event.id,
        name: a.name,
        email: a.email.toLowerCase(),
        pricePence: quote.places[i]?.pricePence ?? event.pricePence,
        free: quote.places[i]?.free ?? false,
      })),
    );
    await repo.addCounts(event.id, status === "booked" ? wanted : 0, status === "waitlisted" ? wanted : 0);
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "cpd_booking",
      entityId: booking.id,
      after: { event: event.title, urn: school.urn, status, places: places.map((p) => p.name) },
    });
    await sendBookingMail(tx.mailer, {
      kind: status,
      hubId: tx.actor.hubId,
      hubName: hub?.name ?? tx.actor.hubName,
      event,
      sessions,
      booking,
      places,
      schoolName: school.name,
      link: bookingsLink(tx),
      now,
    });
    return {
      id: booking.id,
      status,
      places: places.map((p) => ({ id: p.id, name: p.name, pricePence: p.pricePence, free: p.free })),
      totalPence: places.reduce((sum, p) => sum + p.pricePence, 0),
    };
  });
};

/** Moves waiting bookings, first come first served, into free places while the first fits. */
export const promoteWaiting = async (
  ctx: ServiceContext,
  repo: Repo,
  event: CpdEventRow,
): Promise<string[]> => {
  let remaining = event.capacity - event.bookedPlaces;
  const promoted: CpdBookingRow[] = [];
  for (const waiting of await repo.waitingList(event.id)) {
    if (waiting.places > remaining) break;
    promoted.push(await repo.updateBooking(waiting.id, { status: "booked", promotedAt: ctx.clock() }));
    await repo.addCounts(event.id, waiting.places, -waiting.places);
    remaining -= waiting.places;
  }
  if (!promoted.length) return [];
  const hub = await repo.hub(ctx.actor.hubId);
  const sessions = await repo.sessionsOf([event.id]);
  const places = await repo.placesOf(promoted.map((b) => b.id));
  for (const booking of promoted) {
    const school = (
      await repo.bookings(ctx.actor.hubId, { eventId: event.id, schoolId: booking.schoolId })
    )[0];
    await recordAudit(ctx.db, ctx.actor, {
      action: "update",
      entity: "cpd_booking",
      entityId: booking.id,
      before: { status: "waitlisted" },
      after: { status: "booked", promoted: true },
    });
    await sendBookingMail(ctx.mailer, {
      kind: "promoted",
      hubId: ctx.actor.hubId,
      hubName: hub?.name ?? ctx.actor.hubName,
      event,
      sessions,
      booking,
      places: places.filter((p) => p.bookingId === booking.id),
      schoolName: school?.schoolName ?? "your school",
      link: bookingsLink(ctx),
      now: ctx.clock(),
    });
  }
  return promoted.map((b) => b.id);
};

/**
 * Cancels a booking. Before the hub's cut-off nothing is charged; after it the booking is a late
 * cancellation and its places are still charged. Freed places go to the waiting list at once.
 */
export const cancelBooking = async (
  ctx: ServiceContext,
  id: string,
): Promise<z.infer<typeof CpdCancelled>> => {
  if (!can(ctx.actor, "book")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const seen = await repo.booking(tx.actor.hubId, id);
    if (!seen || !actsForSchool(tx.actor, seen.schoolId)) throw notFound("The booking");
    // The event first, then the booking: the same order as a new booking takes its locks.
    const event = await repo.event(tx.actor.hubId, seen.eventId, true);
    const booking = await repo.booking(tx.actor.hubId, id, true);
    if (!event || !booking) throw notFound("The booking");
    if (booking.status === "cancelled" || booking.status === "late_cancelled")
      throw new AppError("conflict", "This booking has been cancelled already");
    const now = tx.clock();
    if (event.startsAt.getTime() <= now.getTime())
      throw new AppError("conflict", "This event has started: the register records who came");
    const { cancelCutoffDays } = await repo.settings(tx.actor.hubId);
    const late = booking.status === "booked" && isLateCancellation(now, event.startsAt, cancelCutoffDays);
    const status = late ? ("late_cancelled" as const) : ("cancelled" as const);
    const updated = await repo.updateBooking(id, { status, cancelledAt: now });
    await repo.deactivatePlaces(id);
    await repo.addCounts(
      event.id,
      booking.status === "booked" ? -booking.places : 0,
      booking.status === "waitlisted" ? -booking.places : 0,
    );
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_booking",
      entityId: id,
      before: { status: booking.status },
      after: { status },
    });
    const hub = await repo.hub(tx.actor.hubId);
    const [listed] = await repo.bookings(tx.actor.hubId, { eventId: event.id, schoolId: booking.schoolId });
    await sendBookingMail(tx.mailer, {
      kind: status,
      hubId: tx.actor.hubId,
      hubName: hub?.name ?? tx.actor.hubName,
      event,
      sessions: await repo.sessionsOf([event.id]),
      booking: updated,
      places: await repo.placesOf([id]),
      schoolName: listed?.schoolName ?? "your school",
      link: bookingsLink(tx),
      now,
    });
    const fresh = await repo.event(tx.actor.hubId, event.id);
    const promoted = fresh ? await promoteWaiting(tx, repo, fresh) : [];
    return { id, status, promoted };
  });
};

/** Bookings with their places: an event's (hub staff), or a school's (its own for a school user). */
export const listBookings = async (
  ctx: ServiceContext,
  filter: { eventId?: string; urn?: number },
): Promise<CpdBooking[]> => {
  const repo = cpdRepository(ctx.db);
  let schoolId: string | undefined;
  if (!can(ctx.actor, "manageEvents")) {
    if (!can(ctx.actor, "book") || !ctx.actor.schoolId) throw forbidden();
    schoolId = ctx.actor.schoolId;
  } else if (filter.urn !== undefined) {
    schoolId = (await repo.schoolByUrn(ctx.actor.hubId, filter.urn))?.id;
    if (!schoolId) return [];
  }
  if (filter.eventId && !(await repo.event(ctx.actor.hubId, filter.eventId))) throw notFound("The event");
  const rows = await repo.bookings(ctx.actor.hubId, { eventId: filter.eventId, schoolId });
  const places = await repo.placesOf(rows.map((r) => r.booking.id));
  return rows.map((r) => {
    const mine = places.filter((p) => p.bookingId === r.booking.id);
    const charged = r.booking.status !== "cancelled" && r.booking.status !== "waitlisted";
    return {
      id: r.booking.id,
      eventId: r.booking.eventId,
      eventTitle: r.eventTitle,
      eventStartsAt: r.eventStartsAt.toISOString(),
      urn: r.urn,
      schoolName: r.schoolName,
      status: r.booking.status,
      createdAt: r.booking.createdAt.toISOString(),
      places: mine.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        pricePence: p.pricePence,
        free: p.free,
      })),
      totalPence: charged ? mine.reduce((sum, p) => sum + p.pricePence, 0) : 0,
    };
  });
};
