import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { FOCUS_AREAS } from "../../shared/rules/focus-areas";
import { createRng } from "../../shared/rules/prng";
import { insertRows } from "../db/bulk-insert";
import type { DbOrTx } from "../db/client";
import {
  cpdAttendance,
  cpdBookings,
  cpdEvents,
  cpdFeedback,
  cpdPlaces,
  cpdSessions,
  schools,
} from "../db/schema/index";
import { newRef } from "../modules/cpd/cpd-events.service";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

const DAY = 86_400_000;
const TITLES = [
  ["conference", "Annual music education conference", 0, 120],
  ["network_meeting", "Primary music leads network", 0, 40],
  ["network_meeting", "Secondary heads of music network", 0, 30],
  ["twilight", "Singing in parts: warm-ups that work", 2500, 30],
  ["twilight", "Notation without tears", 2500, 30],
  ["twilight", "Composing with Year 5", 2500, 25],
  ["course", "Assessment in the music curriculum (three sessions)", 9000, 20],
  ["ensemble_leading", "Leading a school ensemble", 4500, 16],
  ["twilight", "Inclusive music making with simple technology", 2500, 24],
  ["course", "Year 6 to Year 7: a transition project", 6000, 20],
] as const;
const FIRST = ["Alex", "Sam", "Jo", "Robin", "Morgan", "Kit", "Ash", "Remy", "Noor", "Ezra", "Lior", "Tam"];
const LAST = ["Fictional", "Sample", "Example", "Placeholder", "Madeup", "Invented", "Notreal", "Testington"];
const VENUES = [
  "Northshire Music Centre, Hall 1",
  "Northshire Music Centre, Room 4",
  "Online (link sent on booking)",
];

/**
 * A year of fictional CPD for the demo hub: about 50 events from six months back to six months
 * ahead, each booked by schools of the hub (set-based inserts: one statement per table), past
 * events with their registers and some feedback, one upcoming event full with a waiting list.
 */
export const loadDemoCpd = async (db: DbOrTx, actor: Actor, now: Date = new Date()): Promise<void> => {
  const rng = createRng(12);
  const open = await db
    .select({ id: schools.id, phase: schools.phase })
    .from(schools)
    .where(and(eq(schools.hubId, actor.hubId), eq(schools.status, "open")))
    .orderBy(asc(schools.urn));
  if (!open.length) return;
  const hubId = actor.hubId;
  const events: (typeof cpdEvents.$inferInsert)[] = [];
  const sessions: (typeof cpdSessions.$inferInsert)[] = [];
  const bookings: (typeof cpdBookings.$inferInsert)[] = [];
  const places: (typeof cpdPlaces.$inferInsert)[] = [];
  const marks: (typeof cpdAttendance.$inferInsert)[] = [];
  const feedback: (typeof cpdFeedback.$inferInsert)[] = [];
  const count = 52;
  for (let i = 0; i < count; i++) {
    const [kind, title, pricePence, capacity] = TITLES[i % TITLES.length] ?? TITLES[0];
    const dayOffset = -182 + Math.round((i * 364) / count) + rng.int(0, 3);
    const start = new Date(now.getTime() + dayOffset * DAY);
    start.setUTCHours(kind === "conference" ? 9 : 15, 30, 0, 0);
    const sessionCount = title.includes("three sessions") ? 3 : 1;
    const hours = kind === "conference" ? 6 : 1.5;
    const id = randomUUID();
    const sessionRows = Array.from({ length: sessionCount }, (_, k) => {
      const s = new Date(start.getTime() + k * 14 * DAY);
      return {
        id: randomUUID(),
        hubId,
        eventId: id,
        position: k,
        startsAt: s,
        endsAt: new Date(s.getTime() + hours * 3_600_000),
        venue: VENUES[i % VENUES.length] ?? null,
      };
    });
    sessions.push(...sessionRows);
    const last = sessionRows[sessionRows.length - 1];
    // The first upcoming twilight is full, with a school waiting.
    const fullOne = dayOffset > 7 && dayOffset < 40 && kind === "twilight";
    const wanted = fullOne ? capacity : Math.min(capacity, rng.int(Math.floor(capacity / 3), capacity - 2));
    let booked = 0;
    let waitlisted = 0;
    const past = start.getTime() < now.getTime();
    while (booked < wanted) {
      const school = rng.pick(open);
      const n = Math.min(wanted - booked, rng.int(1, 3));
      const bookingId = randomUUID();
      bookings.push({
        id: bookingId,
        hubId,
        eventId: id,
        schoolId: school.id,
        status: "booked",
        places: n,
        createdAt: new Date(start.getTime() - rng.int(10, 60) * DAY),
      });
      for (let k = 0; k < n; k++) {
        const placeId = randomUUID();
        const person = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
        places.push({
          id: placeId,
          hubId,
          bookingId,
          eventId: id,
          name: person,
          email: `${person.toLowerCase().replace(/\W+/g, ".")}.${places.length}@school.example`,
          pricePence,
        });
        if (past)
          for (const s of sessionRows)
            marks.push({ hubId, placeId, sessionId: s.id, mark: rng.chance(0.9) ? "attended" : "absent" });
        if (past && rng.chance(0.4))
          feedback.push({
            hubId,
            eventId: id,
            placeId,
            usefulness: rng.int(3, 5),
            confidenceBefore: rng.int(1, 3),
            confidenceAfter: rng.int(3, 5),
            comments: rng.chance(0.3) ? "Practical ideas I can use next week." : null,
          });
      }
      booked += n;
    }
    if (fullOne) {
      const school = rng.pick(open);
      const bookingId = randomUUID();
      bookings.push({
        id: bookingId,
        hubId,
        eventId: id,
        schoolId: school.id,
        status: "waitlisted",
        places: 1,
        createdAt: new Date(now.getTime() - DAY),
      });
      places.push({
        id: randomUUID(),
        hubId,
        bookingId,
        eventId: id,
        name: "Waiting Fictional",
        email: `waiting.${i}@school.example`,
        pricePence,
      });
      waitlisted = 1;
    }
    events.push({
      id,
      hubId,
      ref: newRef(),
      title,
      kind,
      description: `${title}: a fictional session of the demo hub's CPD programme.`,
      phases:
        kind === "network_meeting" && title.includes("Secondary")
          ? ["secondary"]
          : title.includes("Primary")
            ? ["primary"]
            : [],
      focusAreas: [FOCUS_AREAS[i % FOCUS_AREAS.length] ?? "assessment"],
      capacity,
      pricePence,
      ledBy: i % 4 === 3 ? "lead_school" : "hub_staff",
      status: "published",
      startsAt: start,
      endsAt: last?.endsAt ?? start,
      bookedPlaces: booked,
      waitlistedPlaces: waitlisted,
      createdBy: actor.userId,
    });
  }
  // one statement and one JSON parameter per table (db/bulk-insert.ts): Drizzle's insert built
  // these ~3,000 rows field by field, a third of a fresh start's demo load (decision 031)
  await insertRows(db, cpdEvents, events);
  await insertRows(db, cpdSessions, sessions);
  await insertRows(db, cpdBookings, bookings);
  await insertRows(db, cpdPlaces, places);
  await insertRows(db, cpdAttendance, marks);
  await insertRows(db, cpdFeedback, feedback);
  await recordAudit(db, actor, {
    action: "create",
    entity: "cpd_event",
    entityId: hubId,
    after: { demo: true, events: events.length, bookings: bookings.length, places: places.length },
  });
};
