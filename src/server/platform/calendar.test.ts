import ical, { type VEvent } from "node-ical";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import {
  type CalendarEvent,
  type CalendarScope,
  collectEvents,
  eventIcs,
  feedIcs,
  feedWindow,
  registerCalendarProvider,
} from "./calendar";

const organizer = { name: "Northshire Music Hub", email: "hub@northshire.example.test" };
const now = new Date("2026-06-02T08:00:00Z");

const summer: CalendarEvent = {
  uid: "cpd-session-1@tutti",
  sequence: 0,
  status: "confirmed",
  // 10:00–11:30 in London (BST, UTC+1)
  start: new Date("2026-07-01T09:00:00Z"),
  end: new Date("2026-07-01T10:30:00Z"),
  summary: "Singing in the primary classroom",
  location: "Kestwick Music Centre",
  updatedAt: new Date("2026-06-01T12:00:00Z"),
};
const winter: CalendarEvent = {
  ...summer,
  uid: "cpd-session-2@tutti",
  // 10:00–11:00 in London (GMT, UTC+0)
  start: new Date("2026-12-02T10:00:00Z"),
  end: new Date("2026-12-02T11:00:00Z"),
  summary: "Composing with KS2",
};

const events = (text: string): VEvent[] =>
  Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
const only = (text: string): VEvent => {
  const [e] = events(text);
  if (!e) throw new Error("no event");
  return e;
};

describe("eventIcs", () => {
  it("writes London wall-clock times with TZID and a VTIMEZONE, right either side of the clock change", () => {
    const ics = eventIcs({ event: summer, method: "request", organizer, calendarName: organizer.name, now });
    expect(ics).toContain("DTSTART;TZID=Europe/London:20260701T100000");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/London");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain("DTSTAMP:20260602T080000Z");
    const parsed = only(ics);
    expect(parsed.start.toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(parsed.end?.toISOString()).toBe("2026-07-01T10:30:00.000Z");
    expect(parsed.start.tz).toBe("Europe/London");
    expect(parsed.organizer).toMatchObject({ val: "mailto:hub@northshire.example.test" });

    const w = eventIcs({ event: winter, method: "request", organizer, calendarName: organizer.name, now });
    expect(w).toContain("DTSTART;TZID=Europe/London:20261202T100000");
    expect(only(w).start.toISOString()).toBe("2026-12-02T10:00:00.000Z");
  });

  it("updates the event a calendar holds: same UID, higher SEQUENCE", () => {
    const first = only(eventIcs({ event: summer, method: "request", organizer, calendarName: "Hub", now }));
    const moved = {
      ...summer,
      sequence: 1,
      start: new Date("2026-07-01T13:00:00Z"),
      end: new Date("2026-07-01T14:00:00Z"),
    };
    const update = only(eventIcs({ event: moved, method: "request", organizer, calendarName: "Hub", now }));
    expect(update.uid).toBe(first.uid);
    expect(Number(update.sequence)).toBeGreaterThan(Number(first.sequence));
    expect(update.start.toISOString()).toBe("2026-07-01T13:00:00.000Z");
  });

  it("cancels with METHOD:CANCEL and STATUS:CANCELLED on the same UID", () => {
    const cancelled = { ...summer, sequence: 2, status: "cancelled" as const };
    const ics = eventIcs({ event: cancelled, method: "cancel", organizer, calendarName: "Hub", now });
    const parsed = ical.sync.parseICS(ics);
    expect(parsed.vcalendar).toMatchObject({ method: "CANCEL" });
    const e = only(ics);
    expect(e).toMatchObject({ uid: "cpd-session-1@tutti", status: "CANCELLED" });
    expect(Number(e.sequence)).toBe(2);
  });

  it("refuses a cancellation message for an event that is not cancelled", () => {
    expect(() =>
      eventIcs({ event: summer, method: "cancel", organizer, calendarName: "Hub", now }),
    ).toThrow();
  });
});

describe("feeds and the provider registry", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const db = {} as Db; // the test providers do not read the database

  it("collects every provider's events for the scope, in start order, into one feed", async () => {
    const seen: CalendarScope[] = [];
    cleanups.push(
      registerCalendarProvider({
        name: "test-a",
        events: async (_db, scope) => {
          seen.push(scope);
          return scope.kind === "public" ? [winter] : [];
        },
      }),
      registerCalendarProvider({
        name: "test-b",
        events: async (_db, _scope, window) =>
          [summer, { ...summer, uid: "old@tutti", start: new Date("2020-01-01T10:00:00Z") }].filter(
            (e) => e.start >= window.from && e.start <= window.to,
          ),
      }),
    );
    const list = await collectEvents(db, { kind: "public", hubId: "h" }, feedWindow(now));
    expect(list.map((e) => e.uid)).toEqual(["cpd-session-1@tutti", "cpd-session-2@tutti"]);
    expect(seen).toEqual([{ kind: "public", hubId: "h" }]);

    const feed = feedIcs({
      name: "Northshire Music Hub",
      events: [...list, { ...winter, uid: "gone@tutti", sequence: 3, status: "cancelled" }],
      now,
    });
    expect(feed).toContain("METHOD:PUBLISH");
    expect(feed).toContain("X-WR-CALNAME:Northshire Music Hub");
    const parsed = events(feed);
    expect(parsed.map((e) => e.uid)).toEqual(["cpd-session-1@tutti", "cpd-session-2@tutti", "gone@tutti"]);
    expect(parsed[2]).toMatchObject({ status: "CANCELLED" });
    expect(parsed[0]?.start.toISOString()).toBe("2026-07-01T09:00:00.000Z");
  });

  it("refuses two providers of one name", () => {
    cleanups.push(registerCalendarProvider({ name: "twice", events: async () => [] }));
    expect(() => registerCalendarProvider({ name: "twice", events: async () => [] })).toThrow(/already/);
  });

  it("gives an empty feed when no module has events yet", async () => {
    const list = await collectEvents(db, { kind: "public", hubId: "h" }, feedWindow(now));
    expect(list).toEqual([]);
    expect(events(feedIcs({ name: "Hub", events: list, now }))).toEqual([]);
  });
});
