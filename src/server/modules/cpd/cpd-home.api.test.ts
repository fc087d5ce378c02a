import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HomeCard, HomeResponse } from "../../../shared/schemas/home";
import { cpdClaims, schools } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";

// "Today" is Tuesday 10 March 2026, 10:00 in London.
const now = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let urn: number;

const E = "/api/cpd/events";
type CpdCard = Extract<HomeCard, { kind: "cpd" }>;
const cpdCardOf = async (agent: Agent): Promise<CpdCard | undefined> => {
  const res = await agent.get("/api/home");
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as HomeResponse).cards.find((c): c is CpdCard => c.kind === "cpd");
};
const createEvent = async (agent: Agent, title: string, startsAt: string): Promise<string> => {
  const res = await agent.post(E, {
    title,
    kind: "network_meeting",
    capacity: 2,
    pricePence: 0,
    status: "published",
    sessions: [
      { startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), venue: "Hub Centre" },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "cpd-home");
  other = await seedHub(env.db, "cpd-home-other");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  const [first] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!first) throw new Error("no school");
  urn = first.urn;
});
afterAll(() => env.close());

describe("the CPD home card", () => {
  it("shows a school user nothing until their school has a coming booking, then the booking", async () => {
    expect(await cpdCardOf(school)).toBeUndefined();
    const id = await createEvent(staff, "Network for music leads", "2026-03-24T15:30:00Z");
    const booked = await school.post(`${E}/${id}/bookings`, {
      urn,
      attendees: [
        { name: "Ada Fictional", email: "ada.home@school.test" },
        { name: "Bo Fictional", email: "bo.home@school.test" },
      ],
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(await cpdCardOf(school)).toEqual({
      kind: "cpd",
      audience: "school",
      upcoming: [
        {
          title: "Network for music leads",
          startsAt: "2026-03-24T15:30:00.000Z",
          detail: "2 places booked",
          href: "/cpd/bookings",
        },
      ],
      upcomingTotal: 1,
      claimsWaiting: null,
      href: "/cpd/bookings",
      catalogueHref: `/cpd/catalogue/${hub.slug}`,
    });
  });

  it("shows hub users the next eight weeks' published events with their places, not another hub's or cancelled ones", async () => {
    const otherStaff = await signInAs(env.app, other.users.hub_staff.email);
    await createEvent(otherStaff, "Another hub's twilight", "2026-03-20T16:00:00Z");
    const gone = await createEvent(staff, "Cancelled conference", "2026-03-21T09:00:00Z");
    expect((await staff.post(`${E}/${gone}/cancel`, {})).statusCode).toBe(200);
    await createEvent(staff, "Far-off course", "2026-07-01T09:00:00Z");
    const card = await cpdCardOf(staff);
    expect(card?.audience).toBe("hub");
    expect(card?.upcoming.map((e) => [e.title, e.detail])).toEqual([
      ["Network for music leads", "2 of 2 booked"],
    ]);
    expect(card?.upcomingTotal).toBe(1);
    // Hub staff do not decide claims: no figure for them.
    expect(card?.claimsWaiting).toBeNull();
  });

  it("gives hub admins the claims waiting, the same count as the claims list", async () => {
    // Two claims waiting and one decided (stored directly: making one needs a Lead School).
    const eventId = await createEvent(staff, "Claimed twilight", "2026-03-03T16:00:00Z");
    const claim = (status: "submitted" | "approved") => ({
      hubId: hub.id,
      eventId,
      schoolId: hub.schoolId,
      days: 1,
      dailyRatePence: 18000,
      totalPence: 18000,
      contributionPercent: 50,
      contributionPence: 9000,
      status,
    });
    await env.db.insert(cpdClaims).values([claim("submitted"), claim("submitted"), claim("approved")]);
    const card = await cpdCardOf(admin);
    const list = (await admin.get("/api/cpd/claims?status=submitted")).json() as { items: unknown[] };
    expect(list.items).toHaveLength(2);
    expect(card?.claimsWaiting).toEqual({
      label: "Supply-cover claims to decide",
      count: 2,
      href: "/cpd/claims",
    });
  });
});
