import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { schools } from "../../db/schema/index";
import { signInAs, type TestEnv, type TestHub } from "../../testing/harness";

/** A published CPD event of `hub` (next month) with one booking; returns its public ref and what must stay private. */
export const seedCpdEvent = async (env: TestEnv, hub: TestHub) => {
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const [school] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  const start = new Date(env.deps.clock().getTime() + 20 * 86_400_000);
  const created = await staff.post("/api/cpd/events", {
    title: "Public twilight on notation",
    kind: "twilight",
    capacity: 20,
    pricePence: 2500,
    status: "published",
    focusAreas: ["notation"],
    sessions: [
      {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        venue: "Hub Centre",
      },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  const event = created.json() as { id: string; ref: string };
  const booking = await staff.post(`/api/cpd/events/${event.id}/bookings`, {
    urn: school?.urn,
    attendees: [{ name: "Quillon Privatebooker", email: "quillon.private@school.example.test" }],
  });
  expect(booking.statusCode, booking.body).toBe(201);
  return {
    ref: event.ref,
    privateMarkers: [
      event.id,
      (booking.json() as { id: string }).id,
      "Quillon Privatebooker",
      "quillon.private@school.example.test",
    ],
  };
};
