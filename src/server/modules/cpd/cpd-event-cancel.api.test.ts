import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cpdBookings, cpdPlaces, schools } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";

// "Today" is Tuesday 10 March 2026, 10:00 in London.
const now = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let staff: Agent;
let school: Agent;
let otherStaff: Agent;
let urn: number;

const E = "/api/cpd/events";
const event = (over: Record<string, unknown> = {}) => ({
  title: "Notation twilight",
  kind: "twilight",
  capacity: 2,
  pricePence: 3000,
  status: "published",
  sessions: [
    { startsAt: "2026-04-21T16:00:00Z", endsAt: "2026-04-21T17:30:00Z", venue: "Hub Centre" },
    { startsAt: "2026-04-28T16:00:00Z", endsAt: "2026-04-28T17:30:00Z", venue: "Hub Centre" },
  ],
  ...over,
});
const createEvent = async (over: Record<string, unknown> = {}): Promise<string> => {
  const res = await staff.post(E, event(over));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "cpd-cancel");
  const other = await seedHub(env.db, "cpd-cancel-other");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  otherStaff = await signInAs(env.app, other.users.hub_staff.email);
  const [first] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!first) throw new Error("no school");
  urn = first.urn;
});
afterAll(() => env.close());

describe("cancelling a whole event", () => {
  it("cancels every booking, frees the places, e-mails everyone a calendar cancellation and audits it", async () => {
    const id = await createEvent();
    const booked = await school.post(`${E}/${id}/bookings`, {
      urn,
      attendees: [
        { name: "Ada Fictional", email: "ada.cancel@school.test" },
        { name: "Bo Fictional", email: "bo.cancel@school.test" },
      ],
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const waiting = await staff.post(`${E}/${id}/bookings`, {
      urn,
      attendees: [{ name: "Cy Fictional", email: "cy.cancel@school.test" }],
      waitlist: true,
    });
    expect(waiting.json()).toMatchObject({ status: "waitlisted" });

    const res = await staff.post(`${E}/${id}/cancel`, { reason: "The venue has flooded." });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      bookingsCancelled: 2,
      placesFreed: 2,
      event: { id, status: "cancelled", booked: 0, waitlisted: 0, remaining: 2 },
    });

    const bookings = await env.db.select().from(cpdBookings).where(eq(cpdBookings.eventId, id));
    expect(bookings.map((b) => b.status)).toEqual(["cancelled", "cancelled"]);
    const active = await env.db
      .select()
      .from(cpdPlaces)
      .where(and(eq(cpdPlaces.eventId, id), eq(cpdPlaces.active, true)));
    expect(active).toHaveLength(0);

    for (const to of ["ada.cancel@school.test", "cy.cancel@school.test"]) {
      const [mail] = await mailsTo(env.db, to, hub.id);
      expect(mail?.subject).toBe("Event cancelled: Notation twilight");
      expect(mail?.text).toContain("The venue has flooded.");
      expect(mail?.attachments).toHaveLength(2);
      const ics = mail?.attachments?.[0]?.content ?? "";
      expect(ics).toContain("METHOD:CANCEL");
      expect(ics).toContain("STATUS:CANCELLED");
      expect(ics).toContain("SEQUENCE:1");
    }

    const audit = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "cpd_event"), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.after)).toContainEqual(
      expect.objectContaining({ status: "cancelled", bookingsCancelled: 2, placesFreed: 2 }),
    );

    // The school's list shows it cancelled and uncharged.
    const mine = (await school.get("/api/cpd/bookings")).json() as {
      items: { eventId: string; status: string; totalPence: number }[];
    };
    expect(mine.items.filter((b) => b.eventId === id)).toEqual([
      expect.objectContaining({ status: "cancelled", totalPence: 0 }),
      expect.objectContaining({ status: "cancelled", totalPence: 0 }),
    ]);
  });

  it("refuses a second cancellation, a booking and a change once cancelled", async () => {
    const id = await createEvent();
    expect((await staff.post(`${E}/${id}/cancel`, {})).statusCode).toBe(200);
    const again = await staff.post(`${E}/${id}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe("This event has been cancelled already");
    const book = await school.post(`${E}/${id}/bookings`, {
      urn,
      attendees: [{ name: "Late Fictional", email: "late.cancel@school.test" }],
    });
    expect(book.statusCode).toBe(409);
    expect(book.json().error.message).toBe("This event has been cancelled");
    const change = await staff.request({ method: "PUT", url: `${E}/${id}`, payload: event() });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.message).toBe("This event has been cancelled: it cannot be changed");
  });

  it("refuses an event that has started", async () => {
    const id = await createEvent({
      sessions: [{ startsAt: "2026-03-10T09:00:00Z", endsAt: "2026-03-10T12:00:00Z", venue: "Hub Centre" }],
    });
    const res = await staff.post(`${E}/${id}/cancel`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe("This event has started: it can no longer be cancelled");
  });

  it("refuses school users, another hub's staff and a reason that is too long", async () => {
    const id = await createEvent();
    expect((await school.post(`${E}/${id}/cancel`, {})).statusCode).toBe(403);
    expect((await otherStaff.post(`${E}/${id}/cancel`, {})).statusCode).toBe(404);
    const long = await staff.post(`${E}/${id}/cancel`, { reason: "x".repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toBe("Keep the reason under 1,000 characters");
    expect((await school.get(`${E}/${id}`)).json()).toMatchObject({ status: "published" });
  });
});
