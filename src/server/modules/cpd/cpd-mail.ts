import { formatPence } from "../../../shared/rules/cpd-price";
import type { MailAttachment } from "../../db/schema/index";
import { eventIcs, icsContentType } from "../../platform/calendar";
import type { Mailer } from "../../platform/mailer";
import type { CpdBookingRow, CpdEventRow, CpdPlaceRow, CpdSessionRow } from "./cpd.repository";
import { sessionCalendarEvent } from "./cpd-events.service";

export type BookingMailKind =
  | "booked"
  | "waitlisted"
  | "promoted"
  | "cancelled"
  | "late_cancelled"
  | "event_cancelled"
  | "week"
  | "day";

const London = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export const londonWhen = (d: Date): string => London.format(d);

const SUBJECTS: Record<BookingMailKind, (title: string) => string> = {
  booked: (t) => `Booking confirmed: ${t}`,
  waitlisted: (t) => `On the waiting list: ${t}`,
  promoted: (t) => `A place is now yours: ${t}`,
  cancelled: (t) => `Booking cancelled: ${t}`,
  late_cancelled: (t) => `Booking cancelled (still charged): ${t}`,
  event_cancelled: (t) => `Event cancelled: ${t}`,
  week: (t) => `In a week: ${t}`,
  day: (t) => `Tomorrow: ${t}`,
};

const OPENINGS: Record<BookingMailKind, string> = {
  booked: "Your booking is confirmed.",
  waitlisted:
    "The event is full, so your booking is on the waiting list. If a place is freed you will be e-mailed at once.",
  promoted: "A place was freed and your booking has moved from the waiting list: it is now confirmed.",
  cancelled: "Your booking has been cancelled. Nothing is charged.",
  late_cancelled:
    "Your booking has been cancelled after the cancellation cut-off, so the places are still charged.",
  event_cancelled:
    "The hub has cancelled this event, so your booking is cancelled and nothing is charged. The attached calendar file removes it from your calendar.",
  week: "A reminder: this event is a week away.",
  day: "A reminder: this event is tomorrow.",
};

/**
 * The calendar invitation of each session (.ics, METHOD:REQUEST, or CANCEL to withdraw it). It
 * depends on the event, not on the booking, so a booking works it out once it has its turn.
 */
export const eventInvitations = (
  m: {
    hubName: string;
    event: CpdEventRow;
    sessions: readonly CpdSessionRow[];
    link: string;
    now: Date;
  },
  method: "request" | "cancel" = "request",
): MailAttachment[] =>
  m.sessions.map((s) => ({
    filename: m.sessions.length > 1 ? `session-${s.position + 1}.ics` : "event.ics",
    contentType: icsContentType(method),
    content: eventIcs({
      event: sessionCalendarEvent(m.event, s, m.sessions.length, m.link),
      method,
      organizer: { name: m.hubName, email: "no-reply@tutti.invalid" },
      calendarName: m.hubName,
      now: m.now,
    }),
  }));

/**
 * Tells the booker and every person booked about a booking, in the caller's transaction
 * (mail is stored with its job, so it exists only if the booking does). Confirmations,
 * promotions and reminders carry the sessions as `.ics` invitations.
 */
export const sendBookingMail = async (
  mailer: Mailer,
  m: {
    kind: BookingMailKind;
    hubId: string;
    hubName: string;
    event: CpdEventRow;
    sessions: readonly CpdSessionRow[];
    booking: CpdBookingRow;
    places: readonly CpdPlaceRow[];
    schoolName: string;
    link: string;
    now: Date;
    /** A line from the hub (e.g. why the event was cancelled). */
    note?: string | null;
    /** The sessions' invitations when already worked out (`eventInvitations`). */
    invitations?: MailAttachment[];
  },
): Promise<void> => {
  // A cancelled event's message withdraws the invitations sent before (METHOD:CANCEL, same UIDs).
  const method = m.kind === "event_cancelled" ? ("cancel" as const) : ("request" as const);
  const withIcs =
    m.kind === "booked" ||
    m.kind === "promoted" ||
    m.kind === "week" ||
    m.kind === "day" ||
    m.kind === "event_cancelled";
  const attachments = withIcs
    ? method === "request"
      ? (m.invitations ?? eventInvitations(m))
      : eventInvitations(m, method)
    : [];
  const sessions = m.sessions
    .map(
      (s) =>
        `- ${londonWhen(s.startsAt)}${s.venue ? `, ${s.venue}` : ""}${s.onlineUrl ? `, ${s.onlineUrl}` : ""}`,
    )
    .join("\n");
  const people = m.places
    .map(
      (p) =>
        `- ${p.name} (${p.pricePence === 0 ? (p.free ? "free place" : "free") : formatPence(p.pricePence)})`,
    )
    .join("\n");
  const text = [
    OPENINGS[m.kind],
    ...(m.note ? ["", m.note] : []),
    "",
    `${m.event.title}, for ${m.schoolName}`,
    "",
    "When:",
    sessions,
    "",
    "Places:",
    people,
    "",
    `See your bookings: ${m.link}`,
    "",
    m.hubName,
  ].join("\n");
  const to = new Set<string>();
  if (m.booking.bookerEmail) to.add(m.booking.bookerEmail.toLowerCase());
  for (const p of m.places) to.add(p.email.toLowerCase());
  for (const address of to)
    await mailer.send({
      hubId: m.hubId,
      to: address,
      subject: SUBJECTS[m.kind](m.event.title),
      text,
      attachments,
    });
};
