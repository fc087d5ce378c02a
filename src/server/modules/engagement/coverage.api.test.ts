import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areas, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";

const NOW = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
const urns = { seeded: 0, north: 0, south: 0, closed: 0, lastYear: 0 };

const recordVisit = async (urn: number, date: string, approve: boolean) => {
  const visit = (
    await staff.post("/api/visits", { urn, date, purpose: "first_conversation", recorded: true })
  ).json();
  const put = await staff.request({
    method: "PUT",
    url: `/api/visits/${visit.id}/report`,
    payload: { summary: "A good conversation", nextSteps: [], version: 0 },
  });
  expect(put.statusCode).toBe(200);
  if (approve) expect((await admin.post(`/api/visits/${visit.id}/report/approve`)).statusCode).toBe(200);
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "coverage");
  other = await seedHub(env.db, "elsewhere");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  const [seeded] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!seeded) throw new Error("no school");
  const [north] = await env.db.insert(areas).values({ hubId: hub.id, name: "North" }).returning();
  const base = { hubId: hub.id, laCode: "931", source: "manual" as const };
  urns.seeded = seeded.urn;
  urns.north = seeded.urn + 1;
  urns.south = seeded.urn + 2;
  urns.closed = seeded.urn + 3;
  urns.lastYear = seeded.urn + 4;
  await env.db.insert(schools).values([
    { ...base, urn: urns.north, name: "North Primary", phase: "primary", status: "open", areaId: north?.id },
    { ...base, urn: urns.south, name: "South High", phase: "secondary", status: "open" },
    { ...base, urn: urns.closed, name: "Closed School", phase: "primary", status: "closed" },
    {
      ...base,
      urn: urns.lastYear,
      name: "Last Year Academy",
      phase: "secondary",
      status: "open",
      areaId: north?.id,
    },
  ]);
});
afterAll(() => env.close());

const coverageOf = async (year = "2025/26") => {
  const res = await staff.get(`/api/engagement/coverage?year=${encodeURIComponent(year)}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe("GET /api/engagement/coverage", () => {
  it("starts at nothing visited, counting only open schools", async () => {
    const c = await coverageOf();
    expect(c).toMatchObject({ year: "2025/26", schools: 4, visited: 0, share: 0 });
    expect(c.neverVisited).toHaveLength(4);
  });

  it("counts a school as visited in a year only when a visit that year has an approved report", async () => {
    await recordVisit(urns.north, "2026-02-03", true);
    await recordVisit(urns.south, "2026-02-04", false); // draft only: not yet visited
    await recordVisit(urns.lastYear, "2025-06-30", true); // the year before
    const c = await coverageOf();
    expect(c).toMatchObject({ schools: 4, visited: 1, share: 0.25 });
    expect(c.byArea).toEqual([
      { area: "No area", schools: 2, visited: 0 },
      { area: "North", schools: 2, visited: 1 },
    ]);
    expect(c.byPhase).toEqual([
      { phase: "primary", schools: 2, visited: 1 },
      { phase: "secondary", schools: 2, visited: 0 },
    ]);
    expect(c.neverVisited.map((s: { name: string }) => s.name)).toEqual(["School of coverage", "South High"]);
    expect(await coverageOf("2024/25")).toMatchObject({ visited: 1, share: 0.25 });
  });

  it("drops a visit once it is cancelled", async () => {
    const visit = (
      await staff.post("/api/visits", { urn: urns.seeded, date: "2026-03-20", purpose: "follow_up" })
    ).json();
    await staff.request({
      method: "PUT",
      url: `/api/visits/${visit.id}/report`,
      payload: { summary: "Planned", nextSteps: [], version: 0 },
    });
    await admin.post(`/api/visits/${visit.id}/report/approve`);
    expect((await coverageOf()).visited).toBe(2);
    await staff.post(`/api/visits/${visit.id}/cancel`, { reason: "Did not happen" });
    expect((await coverageOf()).visited).toBe(1);
  });

  it("refuses a malformed year, anonymous callers, school users; another hub sees only its own", async () => {
    const bad = await staff.get("/api/engagement/coverage?year=2025-26");
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("The academic year looks like 2025/26");
    expect((await staff.get("/api/engagement/coverage")).statusCode).toBe(400);
    expect((await anonymous(env.app).get("/api/engagement/coverage?year=2025/26")).statusCode).toBe(401);
    const school = await signInAs(env.app, hub.users.school_user.email);
    expect((await school.get("/api/engagement/coverage?year=2025/26")).statusCode).toBe(403);
    const stranger = await signInAs(env.app, other.users.hub_admin.email);
    const theirs = (await stranger.get("/api/engagement/coverage?year=2025/26")).json();
    expect(theirs).toMatchObject({ schools: 1, visited: 0 });
    expect(JSON.stringify(theirs)).not.toContain("North Primary");
  });
});
