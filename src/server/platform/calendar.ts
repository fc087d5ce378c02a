import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { Temporal } from "temporal-polyfill";
import type { Role } from "../../shared/schemas/auth";
import type { DbOrTx } from "../db/client";

/**
 * The one calendar layer: an `.ics` for one event (attached to e-mails) and feeds that calendar
 * programs subscribe to. Times are written in Europe/London with its VTIMEZONE (BST and GMT
 * rules), so a 10:00 session reads 10:00 in any calendar program, either side of the clock
 * change. An event keeps one UID for life; each change raises its SEQUENCE, and a cancellation
 * is STATUS:CANCELLED (and METHOD:CANCEL in a single-event message), so a calendar program
 * updates or removes the copy it already has instead of adding a second one.
 */

export const CALENDAR_TIME_ZONE = "Europe/London";

export type CalendarEvent = {
  /** Stable for the event's life, unique across Tutti: e.g. "cpd-session-<uuid>@tutti". */
  uid: string;
  /** 0 when first sent; raised by one at every change that is sent again (time, place, cancellation). */
  sequence: number;
  status: "confirmed" | "tentative" | "cancelled";
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  /** When the event last changed (LAST-MODIFIED). */
  updatedAt: Date;
};

/** Whose calendar a feed is: one person in one hub, or the hub's public calendar. */
export type CalendarScope =
  | {
      kind: "user";
      hubId: string;
      userId: string;
      role: Role;
      schoolId: string | null;
      partnerId: string | null;
    }
  | { kind: "public"; hubId: string };

export type CalendarWindow = { from: Date; to: Date };

/** A module's events for feeds (CPD sessions, visits…): registered once, at import. */
export type CalendarProvider = {
  name: string;
  events: (db: DbOrTx, scope: CalendarScope, window: CalendarWindow) => Promise<CalendarEvent[]>;
};

const providers = new Map<string, CalendarProvider>();

/** Adds a module's events to every feed. Returns a function that removes it again (tests). */
export const registerCalendarProvider = (provider: CalendarProvider): (() => void) => {
  if (providers.has(provider.name))
    throw new Error(`Calendar provider "${provider.name}" is already registered`);
  providers.set(provider.name, provider);
  return () => {
    providers.delete(provider.name);
  };
};

/** What a feed shows: from 90 days back to two years ahead. */
export const feedWindow = (now: Date): CalendarWindow => ({
  from: new Date(now.getTime() - 90 * 86_400_000),
  to: new Date(now.getTime() + 730 * 86_400_000),
});

/** Every provider's events for a scope, in start order. */
export const collectEvents = async (
  db: DbOrTx,
  scope: CalendarScope,
  window: CalendarWindow,
): Promise<CalendarEvent[]> => {
  const lists = await Promise.all([...providers.values()].map((p) => p.events(db, scope, window)));
  return lists.flat().sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));
};

const STATUS = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

const newCalendar = (opts: { name: string; method: ICalCalendarMethod; ttlSeconds?: number }): ICalCalendar =>
  ical({
    name: opts.name,
    prodId: { company: "Tutti", product: "Tutti", language: "EN" },
    method: opts.method,
    // No calendar-wide zone (ical-generator would then write DTSTAMP and LAST-MODIFIED without
    // their UTC "Z"); each event carries TZID=Europe/London, whose VTIMEZONE the generator adds.
    timezone: { name: null, generator: getVtimezoneComponent },
    x: { "X-WR-TIMEZONE": CALENDAR_TIME_ZONE },
    ...(opts.ttlSeconds ? { ttl: opts.ttlSeconds } : {}),
  });

/**
 * An instant for ical-generator: a Temporal.Instant is written as London wall-clock time under
 * the event's TZID (a JavaScript Date would be written in the process's own time zone).
 */
const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

const addEvent = (
  cal: ICalCalendar,
  event: CalendarEvent,
  now: Date,
  organizer?: { name: string; email: string },
): void => {
  cal.createEvent({
    id: event.uid,
    sequence: event.sequence,
    status: STATUS[event.status],
    start: instant(event.start),
    end: instant(event.end),
    timezone: CALENDAR_TIME_ZONE,
    stamp: now,
    lastModified: event.updatedAt,
    summary: event.summary,
    description: event.description ?? null,
    location: event.location ?? null,
    url: event.url ?? null,
    ...(organizer ? { organizer } : {}),
  });
};

export type EventMessage = {
  event: CalendarEvent;
  /** "request": an invitation or its update; "cancel": withdraws it (the event must be cancelled). */
  method: "request" | "cancel";
  /** Who sends it (the hub): invitations need an ORGANIZER. */
  organizer: { name: string; email: string };
  /** The calendar's name shown by some programs, e.g. the hub's name. */
  calendarName: string;
  now: Date;
};

/** One event as an `.ics` file to attach to an e-mail (text/calendar; method=REQUEST or CANCEL). */
export const eventIcs = (msg: EventMessage): string => {
  if (msg.method === "cancel" && msg.event.status !== "cancelled")
    throw new Error("A cancellation message needs a cancelled event");
  const cal = newCalendar({
    name: msg.calendarName,
    method: msg.method === "cancel" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addEvent(cal, msg.event, msg.now, msg.organizer);
  return cal.toString();
};

/** The MIME type of an `.ics` message, for the e-mail attachment. */
export const icsContentType = (method: EventMessage["method"]): string =>
  `text/calendar; charset=utf-8; method=${method === "cancel" ? "CANCEL" : "REQUEST"}`;

/**
 * A subscribable feed. Cancelled events stay in it (STATUS:CANCELLED, raised SEQUENCE) so a
 * subscribed calendar marks or drops the copy it holds; programs refresh it about hourly.
 */
export const feedIcs = (feed: { name: string; events: readonly CalendarEvent[]; now: Date }): string => {
  const cal = newCalendar({ name: feed.name, method: ICalCalendarMethod.PUBLISH, ttlSeconds: 3600 });
  for (const event of feed.events) addEvent(cal, event, feed.now);
  return cal.toString();
};
