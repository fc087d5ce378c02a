import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpdBookings, cpdPlaces, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  onApp,
  secondApp,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";
import { addUserToHub } from "../hubs/hubs.service";

// "Today" is Tuesday 10 March 2026, 10:00 in London; the clock moves in some tests.
const now = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let school2: Agent;
let otherStaff: Agent;
let urn: number;
let urn2: number;

const E = "/api/cpd/events";
const day = (d: string, t = "16:00") => new Date(`${d}T${t}:00Z`).toISOString();
const event = (over: Record<string, unknown> = {}) => ({
  title: "Singing in parts twilight",
  kind: "twilight",
  capacity: 3,
  pricePence: 4500,
  status: "published",
  phases: ["primary"],
  focusAreas: ["singing_in_parts"],
  sessions: [
    { startsAt: day("2026-04-21"), endsAt: day("2026-04-21", "17:30"), venue: "Hub Centre, Room 2" },
  ],
  ...over,
});
const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ name: `Teacher ${tag}${i}`, email: `t.${tag}${i}@school.test` }));

const createEvent = async (over: Record<string, unknown> = {}): Promise<string> => {
  const res = await staff.post(E, event(over));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
};
const book = (agent: Agent, id: string, body: Record<string, unknown>) =>
  agent.post(`${E}/${id}/bookings`, body);
const del = (agent: Agent, id: string) => agent.request({ method: "DELETE", url: `/api/cpd/bookings/${id}` });

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "cpd");
  other = await seedHub(env.db, "cpd-other");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  otherStaff = await signInAs(env.app, other.users.hub_staff.email);
  const [first] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!first) throw new Error("no school");
  urn = first.urn;
  urn2 = first.urn + 1;
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: urn2,
      laCode: "931",
      name: "Second Fictional Primary",
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  if (!second) throw new Error("no school");
  await addUserToHub(env.db, hub.actor, {
    email: "head@second.test",
    name: "Head of Second",
    role: "school_user",
    password: TEST_PASSWORD,
    schoolId: second.id,
  });
  school2 = await signInAs(env.app, "head@second.test");
});
afterAll(() => env.close());

describe("events", () => {
  it("creates an event with its sessions and reads it back with counts", async () => {
    const id = await createEvent();
    const res = await school.get(`${E}/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      title: "Singing in parts twilight",
      capacity: 3,
      booked: 0,
      waitlisted: 0,
    });
    expect(res.json().sessions).toHaveLength(1);
  });

  it("refuses an event without sessions, with a plain message per field", async () => {
    const res = await staff.post(E, event({ sessions: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Add at least one session");
  });

  it("hides drafts from school users and refuses them the editor", async () => {
    const id = await createEvent({ status: "draft" });
    expect((await school.get(`${E}/${id}`)).statusCode).toBe(404);
    expect((await school.post(E, event())).statusCode).toBe(403);
    expect((await staff.get(`${E}/${id}`)).statusCode).toBe(200);
  });
});

describe("bookings", () => {
  it("books a school's staff and answers id, status and places with prices", async () => {
    const id = await createEvent();
    const res = await book(school, id, { urn, attendees: people(2, "a") });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.status).toBe("booked");
    expect(body.places).toEqual([
      expect.objectContaining({ name: "Teacher a0", pricePence: 4500 }),
      expect.objectContaining({ name: "Teacher a1", pricePence: 4500 }),
    ]);
    expect((await school.get(`${E}/${id}`)).json()).toMatchObject({ booked: 2, waitlisted: 0 });
    const mail = (await mailsTo(env.db, "t.a0@school.test", hub.id))[0];
    expect(mail?.subject).toBe("Booking confirmed: Singing in parts twilight");
    expect(mail?.attachments?.[0]?.content).toContain("BEGIN:VEVENT");
  });

  it("refuses more places than remain with code full, and waitlists when asked", async () => {
    const id = await createEvent({ capacity: 2 });
    expect((await book(school, id, { urn, attendees: people(1, "b") })).statusCode).toBe(201);
    const full = await book(school2, id, { urn: urn2, attendees: people(2, "c") });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe("full");
    expect(full.json().error.message).toBe(
      "Only 1 place remains. Book fewer people or join the waiting list.",
    );
    const waiting = await book(school2, id, { urn: urn2, attendees: people(2, "c"), waitlist: true });
    expect(waiting.statusCode).toBe(201);
    expect(waiting.json().status).toBe("waitlisted");
    expect((await staff.get(`${E}/${id}`)).json()).toMatchObject({ booked: 1, waitlisted: 2 });
  });

  it("refuses the same person twice on one event, and twice in one booking", async () => {
    const id = await createEvent();
    expect((await book(school, id, { urn, attendees: people(1, "d") })).statusCode).toBe(201);
    const again = await book(staff, id, {
      urn,
      attendees: [{ name: "Same Person", email: "T.D0@school.test" }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("Already booked on this event: Teacher d0");
    const twice = await book(school, id, { urn, attendees: [...people(1, "e"), ...people(1, "e")] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toBe("The same person is named twice");
  });

  it("refuses a past event, a closed booking window and one not yet open", async () => {
    const past = await createEvent({
      sessions: [{ startsAt: day("2026-03-01"), endsAt: day("2026-03-01", "17:00") }],
    });
    const r1 = await book(school, past, { urn, attendees: people(1, "f") });
    expect([r1.statusCode, r1.json().error.message]).toEqual([
      409,
      "This event has already started or taken place",
    ]);
    const closed = await createEvent({ bookingClosesAt: day("2026-03-09", "12:00") });
    const r2 = await book(school, closed, { urn, attendees: people(1, "f") });
    expect([r2.statusCode, r2.json().error.message]).toEqual([
      409,
      "Booking for this event closed on 9 March 2026",
    ]);
    const later = await createEvent({ bookingOpensAt: day("2026-03-20", "09:00") });
    const r3 = await book(school, later, { urn, attendees: people(1, "f") });
    expect([r3.statusCode, r3.json().error.message]).toEqual([
      409,
      "Booking for this event opens on 20 March 2026",
    ]);
  });

  it("refuses a school user booking for another school, another hub's event, and a partner", async () => {
    const id = await createEvent();
    const r1 = await book(school, id, { urn: urn2, attendees: people(1, "g") });
    expect([r1.statusCode, r1.json().error.message]).toEqual([
      403,
      "You can book places only for your own school",
    ]);
    expect((await book(otherStaff, id, { urn, attendees: people(1, "g") })).statusCode).toBe(404);
    const partner = await signInAs(env.app, hub.users.partner_user.email);
    expect((await book(partner, id, { urn, attendees: people(1, "g") })).statusCode).toBe(403);
    expect((await book(anonymous(env.app), id, { urn, attendees: people(1, "g") })).statusCode).toBe(401);
  });

  it("lets hub staff book for any school of the hub and shows attendee lists to hub staff only", async () => {
    const id = await createEvent();
    expect((await book(staff, id, { urn: urn2, attendees: people(1, "h") })).statusCode).toBe(201);
    const list = await staff.get(`${E}/${id}/bookings`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        urn: urn2,
        status: "booked",
        places: [expect.objectContaining({ name: "Teacher h0" })],
      }),
    ]);
    expect((await school.get(`${E}/${id}/bookings`)).statusCode).toBe(403);
    expect((await otherStaff.get(`${E}/${id}/bookings`)).statusCode).toBe(404);
  });

  it("shows a school user only its own school's bookings", async () => {
    const id = await createEvent();
    await book(school, id, { urn, attendees: people(1, "i") });
    await book(school2, id, { urn: urn2, attendees: people(1, "j") });
    const mine = (await school2.get("/api/cpd/bookings")).json().items as { urn: number }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((b) => b.urn === urn2)).toBe(true);
  });
});

describe("cancellation and the waiting list", () => {
  it("promotes the first on the waiting list when a place is freed, and e-mails them", async () => {
    const id = await createEvent({ capacity: 1, title: "Composition network" });
    const first = await book(school, id, { urn, attendees: people(1, "k") });
    const waiting = await book(school2, id, { urn: urn2, attendees: people(1, "l"), waitlist: true });
    const third = await book(staff, id, { urn: urn2, attendees: people(1, "m"), waitlist: true });
    expect(waiting.json().status).toBe("waitlisted");
    // School 2 cannot cancel school 1's booking.
    expect((await del(school2, first.json().id)).statusCode).toBe(404);
    const res = await del(school, first.json().id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: first.json().id, status: "cancelled", promoted: [waiting.json().id] });
    expect((await staff.get(`${E}/${id}`)).json()).toMatchObject({ booked: 1, waitlisted: 1 });
    const mail = (await mailsTo(env.db, "t.l0@school.test", hub.id))[0];
    expect(mail?.subject).toBe("A place is now yours: Composition network");
    expect(mail?.attachments?.[0]?.content).toContain("Composition network");
    const list = (await staff.get(`${E}/${id}/bookings`)).json().items as { id: string; status: string }[];
    expect(list.find((b) => b.id === third.json().id)?.status).toBe("waitlisted");
    expect((await del(school, first.json().id)).statusCode).toBe(409);
  });

  it("moves the waiting list up when the hub adds places", async () => {
    const id = await createEvent({ capacity: 2, title: "Bigger room" });
    await book(school, id, { urn, attendees: people(1, "r") });
    const waiting = await book(school2, id, { urn: urn2, attendees: people(2, "s"), waitlist: true });
    const res = await staff.request({
      method: "PUT",
      url: `${E}/${id}`,
      payload: event({ capacity: 3, title: "Bigger room" }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ booked: 3, waitlisted: 0 });
    const list = (await staff.get(`${E}/${id}/bookings`)).json().items as { id: string; status: string }[];
    expect(list.find((b) => b.id === waiting.json().id)?.status).toBe("booked");
    const lower = await staff.request({ method: "PUT", url: `${E}/${id}`, payload: event({ capacity: 2 }) });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().error.message).toBe("3 places are booked: the capacity cannot be lower");
  });

  it("charges a cancellation after the cut-off (late cancellation)", async () => {
    const id = await createEvent({
      sessions: [{ startsAt: day("2026-03-13"), endsAt: day("2026-03-13", "17:00") }],
    });
    const b = await book(school, id, { urn, attendees: people(1, "n") });
    const res = await del(school, b.json().id);
    expect(res.json().status).toBe("late_cancelled");
    const mine = (await school.get("/api/cpd/bookings")).json().items as { id: string; totalPence: number }[];
    expect(mine.find((x) => x.id === b.json().id)?.totalPence).toBe(4500);
  });
});

describe("free places", () => {
  it("gives a Lead School its first place at each event free, shown by the quote first", async () => {
    // The second school is a Lead School, appointed as a hub would record one.
    const appointed = await admin.post("/api/lead-schools", {
      urn: urn2,
      focusAreas: ["singing_in_parts"],
      from: "2020-09-01",
      to: "2030-08-31",
    });
    expect(appointed.statusCode).toBe(201);
    const id = await createEvent({ capacity: 10 });
    const quote = await school2.post(`${E}/${id}/quote`, { urn: urn2, places: 2 });
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({ leadSchool: true, totalPence: 4500, freePlaces: 1 });
    const res = await book(school2, id, { urn: urn2, attendees: people(2, "o") });
    expect(res.json().places.map((p: { pricePence: number }) => p.pricePence)).toEqual([0, 4500]);
    const again = await book(school2, id, { urn: urn2, attendees: people(1, "p") });
    expect(again.json().places[0].pricePence).toBe(4500);
    const notLead = await book(school, id, { urn, attendees: people(1, "q") });
    expect(notLead.json().places[0].pricePence).toBe(4500);
  });
});

describe("capacity under concurrency", () => {
  it("gives the last places to exactly as many parallel bookings as there are places", async () => {
    const id = await createEvent({ capacity: 12 });
    expect((await book(staff, id, { urn, attendees: people(7, "pre") })).statusCode).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        book(i % 2 ? staff : admin, id, {
          urn: i % 3 ? urn : urn2,
          attendees: [{ name: `Racer ${i}`, email: `racer${i}@school.test` }],
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(35);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === "full")).toBe(
      true,
    );
    expect((await staff.get(`${E}/${id}`)).json()).toMatchObject({ booked: 12, capacity: 12 });
    const active = await env.db
      .select({ id: cpdPlaces.id })
      .from(cpdPlaces)
      .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
      .where(and(eq(cpdPlaces.eventId, id), eq(cpdBookings.status, "booked")));
    expect(active).toHaveLength(12);
  });

  it("gives the last places exactly once when two servers take bookings at the same moment", async () => {
    // Each server lets one booking of an event at a time go to the database; between servers
    // only PostgreSQL's row lock decides.
    const other = await secondApp(env);
    try {
      const id = await createEvent({ capacity: 10 });
      expect((await book(staff, id, { urn, attendees: people(6, "pre") })).statusCode).toBe(201);
      const agents = [staff, admin, onApp(staff, other.app), onApp(admin, other.app)];
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          book(agents[i % 4] ?? staff, id, {
            urn: i % 3 ? urn : urn2,
            attendees: [{ name: `Two servers ${i}`, email: `two${i}@school.test` }],
          }),
        ),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 201)).toHaveLength(4);
      expect(codes.filter((c) => c === 409)).toHaveLength(20);
      expect((await staff.get(`${E}/${id}`)).json()).toMatchObject({ booked: 10, capacity: 10 });
      const active = await env.db
        .select({ id: cpdPlaces.id })
        .from(cpdPlaces)
        .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
        .where(and(eq(cpdPlaces.eventId, id), eq(cpdBookings.status, "booked")));
      expect(active).toHaveLength(10);
    } finally {
      await other.close();
    }
  });
});
