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
import { hasSqlState } from "../../db/availability";
import type { MailAttachment } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { oneAtATime } from "../../platform/one-at-a-time";
import { londonDate } from "../engagement/visits.calendar";
import { actsForSchool, can } from "./cpd.policy";
import { type CpdBookingRow, type CpdEventRow, cpdRepository } from "./cpd.repository";
import { eventInvitations, sendBookingMail } from "./cpd-mail";
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

type Prepared = {
  input: CpdBookingInput;
  emails: string[];
  school: { id: string; urn: number; name: string };
  hub: { name: string } | undefined;
  sessions: Awaited<ReturnType<Repo["sessionsOf"]>>;
  leadSchool: boolean;
  /** The sessions' .ics, worked out before the booking waits for its turn. */
  invitations: MailAttachment[];
};

/** Writes a booking, its places, its audit entry and its e-mail (the caller has counted the places). */
const recordBooking = async (
  tx: ServiceContext,
  p: Prepared,
  event: CpdEventRow,
  status: "booked" | "waitlisted",
  freePlacesHeld: number,
): Promise<CpdBookingCreated> => {
  const repo = cpdRepository(tx.db);
  const wanted = p.input.attendees.length;
  const quote = priceBooking({
    pricePence: event.pricePence,
    places: wanted,
    leadSchool: p.leadSchool,
    freePlacesHeld,
  });
  const booking = await repo.insertBooking({
    hubId: tx.actor.hubId,
    eventId: event.id,
    schoolId: p.school.id,
    status,
    places: wanted,
    bookedBy: tx.actor.userId,
    bookerEmail: tx.actor.email,
  });
  const places = await repo.insertPlaces(
    p.input.attendees.map((a, i) => ({
      hubId: tx.actor.hubId,
      bookingId: booking.id,
      eventId: event.id,
      name: a.name,
      email: a.email.toLowerCase(),
      pricePence: quote.places[i]?.pricePence ?? event.pricePence,
      free: quote.places[i]?.free ?? false,
    })),
  );
  await recordAudit(tx.db, tx.actor, {
    action: "create",
    entity: "cpd_booking",
    entityId: booking.id,
    after: { event: event.title, urn: p.school.urn, status, places: places.map((x) => x.name) },
  });
  await sendBookingMail(tx.mailer, {
    kind: status,
    hubId: tx.actor.hubId,
    hubName: p.hub?.name ?? tx.actor.hubName,
    event,
    sessions: p.sessions,
    booking,
    places,
    schoolName: p.school.name,
    link: bookingsLink(tx),
    now: tx.clock(),
    invitations: p.invitations,
  });
  return {
    id: booking.id,
    status,
    places: places.map((x) => ({ id: x.id, name: x.name, pricePence: x.pricePence, free: x.free })),
    totalPence: places.reduce((sum, x) => sum + x.pricePence, 0),
  };
};

/** Thrown inside `bookIfTheyFit` to undo it: the places did not fit, or a person already has one. */
const DID_NOT_FIT = Symbol("did not fit");
const UNIQUE_VIOLATION = "23505";

/**
 * The usual case, a school that is not a Lead School booking places that fit: the first
 * statement raises the event's count only if the places still fit and the event is still open
 * (taking the event's row lock; the others wait for it in PostgreSQL, not in the app), then the
 * booking, its places, its audit entry and its e-mail are written. A booking that loses a rush
 * costs one statement. Answers null when nothing was booked: nothing was written, and the caller
 * gives the true answer (full, waiting list, closed, already booked).
 */
const bookIfTheyFit = async (
  ctx: ServiceContext,
  p: Prepared,
  event: CpdEventRow,
): Promise<CpdBookingCreated | null> => {
  try {
    return await inTransaction(ctx, async (tx) => {
      const repo = cpdRepository(tx.db);
      if (!(await repo.takePlaces(event.id, p.input.attendees.length, tx.clock()))) throw DID_NOT_FIT;
      if ((await repo.activePlacesFor(event.id, p.emails)).length) throw DID_NOT_FIT;
      return recordBooking(tx, p, event, "booked", 0);
    });
  } catch (err) {
    // A unique index refused a place: the person was booked by someone else at the same moment.
    if (err === DID_NOT_FIT || hasSqlState(err, UNIQUE_VIOLATION)) return null;
    throw err;
  }
};

/**
 * Books with the event's row locked for the whole transaction, so concurrent bookings are served
 * one at a time against the true count: a Lead School's free places, the waiting list, and every
 * refusal (full, closed, already booked) with its reason.
 */
const bookUnderLock = (ctx: ServiceContext, p: Prepared, eventId: string): Promise<CpdBookingCreated> =>
  inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const event = await visibleEvent(tx, repo, eventId, true);
    const closed = closedReason(event, tx.clock());
    if (closed) throw new AppError("conflict", closed);
    const already = await repo.activePlacesFor(event.id, p.emails);
    if (already.length)
      throw new AppError(
        "conflict",
        `Already booked on this event: ${already.map((x) => x.name).join(", ")}`,
        {
          fields: already.map((x) => ({
            path: `attendees.${p.emails.indexOf(x.email)}.email`,
            message: "This person already has a place on this event",
          })),
        },
      );
    const wanted = p.input.attendees.length;
    const remaining = Math.max(0, event.capacity - event.bookedPlaces);
    let status: "booked" | "waitlisted" = "booked";
    if (wanted > remaining) {
      if (wanted > event.capacity)
        throw invalid(`This event has ${event.capacity} places in all`, [
          { path: "attendees", message: `Book at most ${event.capacity} places` },
        ]);
      if (!p.input.waitlist) throw fullError(remaining);
      status = "waitlisted";
    }
    const freePlacesHeld = p.leadSchool ? await repo.freePlacesHeld(event.id, p.school.id) : 0;
    const created = await recordBooking(tx, p, event, status, freePlacesHeld);
    await repo.addCounts(event.id, status === "booked" ? wanted : 0, status === "waitlisted" ? wanted : 0);
    return created;
  });

/**
 * Books places: never more than the event holds, whatever the number of people booking at once
 * (proven by the parallel-bookings test and bench/cpd.ts).
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
  // The event as committed and the school first: a booking plainly refused costs no more.
  const outside = cpdRepository(ctx.db);
  const seen = await visibleEvent(ctx, outside, eventId, false);
  const school = await schoolFor(ctx, outside, input.urn);
  const wanted = input.attendees.length;
  const refuseIfFull = (e: CpdEventRow) => {
    // Plainly full (committed counts): the losers of a rush for the last places do not queue
    // behind the winners. A waiting-list booking, a closed event or too many places for the
    // event go on to the locked path, which says which.
    const remaining = Math.max(0, e.capacity - e.bookedPlaces);
    if (
      !input.waitlist &&
      closedReason(e, ctx.clock()) === null &&
      wanted > remaining &&
      wanted <= e.capacity
    )
      throw fullError(remaining);
  };
  refuseIfFull(seen);
  // Bookings of one event take turns in this process, each reading the count its predecessor
  // committed: in a rush the losers are refused from that read, and those waiting hold no
  // pooled connection (the database's row lock still decides between processes).
  return bookingTurns(eventId, async () => {
    const current = (await outside.event(ctx.actor.hubId, eventId)) ?? seen;
    refuseIfFull(current);
    // Only a booking that may succeed reads the rest: the hub, the sessions, the Lead Schools.
    const [hub, sessions, leads] = await Promise.all([
      outside.hub(ctx.actor.hubId),
      outside.sessionsOf([eventId]),
      leadSchoolIds(ctx.db, ctx.actor.hubId, londonDate(ctx.clock())),
    ]);
    const prepared: Prepared = {
      input,
      emails,
      school,
      hub,
      sessions,
      leadSchool: leads.has(school.id),
      invitations: eventInvitations({
        hubName: hub?.name ?? ctx.actor.hubName,
        event: current,
        sessions,
        link: bookingsLink(ctx),
        now: ctx.clock(),
      }),
    };
    const fits = wanted <= current.capacity - current.bookedPlaces;
    if (fits && closedReason(current, ctx.clock()) === null && !prepared.leadSchool) {
      const created = await bookIfTheyFit(ctx, prepared, current);
      if (created) return created;
      // Another process took the places meanwhile: the count as now committed usually says "full".
      const now = await outside.event(ctx.actor.hubId, eventId);
      if (now) refuseIfFull(now);
    }
    return bookUnderLock(ctx, prepared, eventId);
  });
};

const bookingTurns = oneAtATime();

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
