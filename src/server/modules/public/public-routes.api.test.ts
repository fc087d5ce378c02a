import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubs, schools } from "../../db/schema/index";
import {
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { seedCpdEvent } from "../cpd/cpd.testing";
import { leakLeadSchools } from "../lead-schools/lead-schools.fixtures";
import { leakPlan } from "../plans/plans.fixtures";
import { isPublicPath } from "./public.routes";

// Every public route the app registers (read from its route table, so a new page is picked up
// without touching this file), called for a hub full of private data: none of it may appear.

// Built while the file is collected, so that one test per public route can be listed below.
const env: TestEnv = await createTestEnv();
let hub: TestHub;
let cpdRef = "";
const privateMarkers: string[] = [];

/** A sample value for each path parameter a public route may have. A new one must be added here. */
const sampleParams = (): Record<string, string> => ({ slug: hub.slug, ref: cpdRef, roundId });
let roundId = "";

const urlFor = (pattern: string): string =>
  pattern.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = sampleParams()[name];
    if (value === undefined) throw new Error(`Give a sample value for :${name} in public-routes.api.test.ts`);
    return value;
  });

const publicRoutes = () =>
  env.app.routeList.filter((r) => isPublicPath(r.url)).map((r) => `${r.method} ${r.url}`);

const everything = (res: LightMyRequestResponse) => `${JSON.stringify(res.headers)}\n${res.body}`;

beforeAll(async () => {
  hub = await seedHub(env.db, "leak");
  await env.db
    .update(hubs)
    .set({ areaServed: "Leakshire", publicEmail: "public@leak-hub.example.test" })
    .where(eq(hubs.id, hub.id));
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  const contact = await staff.request({
    method: "PUT",
    url: `/api/schools/${hub.schoolId}/contacts/headteacher`,
    payload: {
      name: "Marlowe Privateperson",
      email: "marlowe.private@school.example.test",
      phone: "01632 960123",
    },
  });
  expect(contact.statusCode).toBe(200);
  const feed = await staff.post("/api/me/calendar-token");
  // A quality mark award: the public list shows the school, level and year, never the award's id.
  const [school] = await env.db
    .select({ urn: schools.urn })
    .from(schools)
    .where(eq(schools.id, hub.schoolId));
  const admin = await signInAs(env.app, hub.users.hub_admin.email);
  const award = await admin.post("/api/quality-mark/awards", {
    urn: school?.urn,
    level: "silver",
    awardedOn: "2025-01-10",
  });
  expect(award.statusCode).toBe(201);
  // A published CPD event with a booking: attendee names, e-mails and booking ids stay private.
  const cpd = await seedCpdEvent(env, hub);
  cpdRef = cpd.ref;
  privateMarkers.push(...cpd.privateMarkers);
  roundId = await leakLeadSchools(env.app, hub, privateMarkers);
  await leakPlan(env.app, hub, privateMarkers);
  privateMarkers.push(
    hub.id,
    hub.schoolId,
    hub.partnerId,
    ...Object.values(hub.users).flatMap((u) => [u.id, u.email]),
    "hub_admin of leak",
    "hub_staff of leak",
    "Marlowe Privateperson",
    "marlowe.private@school.example.test",
    "01632 960123",
    "Partner of leak",
    String((feed.json() as { url: string }).url.split("/").pop()),
    (award.json() as { id: string }).id,
  );
});
afterAll(() => env.close());

it("finds the public routes in the app's route table", () => {
  const routes = publicRoutes();
  expect(routes).toContain("GET /api/public/hubs/:slug");
  expect(routes).toContain("GET /h/:slug");
  expect(routes).toContain("GET /api/public/hubs/:slug/calendar.ics");
  expect(routes).toContain("GET /api/public/hubs/:slug/quality-mark");
  expect(routes).toContain("GET /api/public/hubs/:slug/cpd");
  expect(routes).toContain("GET /api/public/hubs/:slug/cpd.ics");
  expect(routes).toContain("GET /api/public/hubs/:slug/lead-schools");
  expect(routes).toContain("GET /api/public/hubs/:slug/plan");
  expect(routes).toContain("GET /h/:slug/plan");
});

it("has only GET public routes (a form that posts needs its own review and tests)", () => {
  expect(publicRoutes().filter((r) => !r.startsWith("GET "))).toEqual([]);
});

describe.each(publicRoutes().filter((r) => r.startsWith("GET ")))("%s", (route) => {
  const pattern = route.slice("GET ".length);

  it("answers anyone, is cacheable, and shows no private field", async () => {
    const res = await anonymous(env.app).get(urlFor(pattern));
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers["set-cookie"]).toBeUndefined();
    for (const marker of privateMarkers) expect(everything(res), marker).not.toContain(marker);
  });

  it("answers a signed-in hub admin exactly as anyone else (a shared cache may keep it)", async () => {
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const signedIn = await admin.get(urlFor(pattern));
    const anon = await anonymous(env.app).get(urlFor(pattern));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body.replace(/DTSTAMP:\S+/g, "")).toBe(anon.body.replace(/DTSTAMP:\S+/g, ""));
    for (const marker of privateMarkers) expect(everything(signedIn), marker).not.toContain(marker);
  });

  if (pattern.includes(":slug"))
    it("answers 404 for an unknown hub, naming nothing", async () => {
      const res = await anonymous(env.app).get(pattern.replace(":slug", "no-such-hub").replace(/:\w+/g, "x"));
      expect(res.statusCode).toBe(404);
      for (const marker of privateMarkers) expect(everything(res), marker).not.toContain(marker);
    });
});
