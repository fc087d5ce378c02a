import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpdPlaces, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";
import { sendCpdReminders } from "./cpd-reminders";

// The clock starts on Tuesday 10 March 2026 and moves past the events.
let now = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let staff: Agent;
let school: Agent;
let otherStaff: Agent;
let urn: number;

const E = "/api/cpd/events";
const L = "/api/cpd/feedback-links";
const answers = { usefulness: 5, confidenceBefore: 2, confidenceAfter: 4, comments: "Clear and practical" };
const linkIn = (text: string | undefined): string =>
  /\/cpd\/feedback\/([A-Za-z0-9_-]+)/.exec(text ?? "")?.[1] ?? "";

const eventWithBooking = async (
  title: string,
  startsAt: string,
  people: { name: string; email: string }[],
) => {
  const created = await staff.post(E, {
    title,
    kind: "twilight",
    capacity: 10,
    pricePence: 0,
    status: "published",
    sessions: [
      { startsAt, endsAt: new Date(Date.parse(startsAt) + 5_400_000).toISOString(), venue: "Hub Centre" },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  const booked = await staff.post(`${E}/${id}/bookings`, { urn, attendees: people });
  expect(booked.statusCode, booked.body).toBe(201);
  return id;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "cpd-links");
  const other = await seedHub(env.db, "cpd-links-other");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  otherStaff = await signInAs(env.app, other.users.hub_staff.email);
  const [first] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!first) throw new Error("no school");
  urn = first.urn;
});
afterAll(() => env.close());

describe("each attendee's own feedback link", () => {
  let eventId = "";
  let dana = "";
  let eli = "";

  it("is e-mailed to each person after the event, a different link each; the booker is told", async () => {
    eventId = await eventWithBooking("Inclusive music making", "2026-03-12T16:00:00Z", [
      { name: "Dana Fictional", email: "dana@links.test" },
      { name: "Eli Fictional", email: "eli@links.test" },
    ]);
    now = new Date("2026-03-12T19:00:00Z");
    expect((await sendCpdReminders(env.deps, now)).feedback).toBe(1);
    const [toDana] = await mailsTo(env.db, "dana@links.test", hub.id);
    const [toEli] = await mailsTo(env.db, "eli@links.test", hub.id);
    expect(toDana?.subject).toBe("How was it? Feedback on Inclusive music making");
    expect(toDana?.text).toContain("Dear Dana Fictional,");
    dana = linkIn(toDana?.text);
    eli = linkIn(toEli?.text);
    expect(dana).not.toBe("");
    expect(eli).not.toBe("");
    expect(dana).not.toBe(eli);
    // Only the hash is stored, never the link.
    const stored = await env.db.select().from(cpdPlaces).where(eq(cpdPlaces.eventId, eventId));
    expect(stored.map((p) => p.feedbackTokenHash)).not.toContain(dana);
    const [toBooker] = await mailsTo(env.db, hub.users.hub_staff.email, hub.id);
    expect(toBooker?.text).toContain("has been sent their own feedback link");
    expect(linkIn(toBooker?.text)).toBe("");
  });

  it("shows whose link it is and takes one answer, without signing in", async () => {
    const visitor = anonymous(env.app);
    const info = await visitor.get(`${L}/${dana}`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toEqual({
      hubName: "Hub cpd-links",
      eventTitle: "Inclusive music making",
      name: "Dana Fictional",
      startsAt: "2026-03-12T16:00:00.000Z",
      given: false,
    });
    const bad = await visitor.post(`${L}/${dana}`, { ...answers, usefulness: 9 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      { path: "usefulness", message: "Choose how useful it was from 1 to 5" },
    ]);
    expect((await visitor.post(`${L}/${dana}`, answers)).statusCode).toBe(201);
    expect((await visitor.get(`${L}/${dana}`)).json()).toMatchObject({ given: true });
    const again = await visitor.post(`${L}/${dana}`, answers);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe("Your feedback has been given already. Thank you.");
    // Eli's link is Eli's own, still open.
    expect((await visitor.get(`${L}/${eli}`)).json()).toMatchObject({ name: "Eli Fictional", given: false });
    const summary = (await staff.get(`${E}/${eventId}/feedback`)).json() as { responses: number };
    expect(summary.responses).toBe(1);
  });

  it("refuses a link that is unknown or malformed", async () => {
    const visitor = anonymous(env.app);
    const unknown = await visitor.get(`${L}/${"x".repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect((await visitor.post(`${L}/${"x".repeat(43)}`, answers)).statusCode).toBe(404);
    const short = await visitor.get(`${L}/abc`);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe("That feedback link is not complete");
  });
});

describe("hub staff sending the links at once", () => {
  it("sends each booking's links once the event has started, once; refuses before, and other roles and hubs", async () => {
    now = new Date("2026-03-20T10:00:00Z");
    const id = await eventWithBooking("Singing in parts", "2026-03-20T15:00:00Z", [
      { name: "Fen Fictional", email: "fen@links.test" },
    ]);
    const early = await staff.post(`${E}/${id}/feedback-links`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe("Feedback opens once the event has started");
    now = new Date("2026-03-20T16:00:00Z");
    expect((await school.post(`${E}/${id}/feedback-links`)).statusCode).toBe(403);
    expect((await otherStaff.post(`${E}/${id}/feedback-links`)).statusCode).toBe(404);
    const sent = await staff.post(`${E}/${id}/feedback-links`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ sent: 1 });
    expect((await staff.post(`${E}/${id}/feedback-links`)).json()).toEqual({ sent: 0 });
    const [mail] = await mailsTo(env.db, "fen@links.test", hub.id);
    expect(linkIn(mail?.text)).not.toBe("");
    // The hourly schedule does not ask again.
    expect((await sendCpdReminders(env.deps, new Date("2026-03-20T18:00:00Z"))).feedback).toBe(0);
  });
});
