import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { seedSchools } from "./schools.fixtures";

const NOW = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let staff: Agent;
let admin: Agent;
let schoolUser: Agent;
let otherAdmin: Agent;
let urn: number;

const put = (agent: Agent, url: string, payload: unknown) => agent.request({ method: "PUT", url, payload });
type Entry = { kind: string; title: string; detail: string | null; href: string | null };

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "timeline");
  const other = await seedHub(env.db, "timeline-other");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!own) throw new Error("no school");
  urn = own.urn;
  await seedSchools(env.db, hub.id, [{ urn: 420001, name: "Neighbour Primary" }]);
  const visit = async (date: string, summary: string, approve: boolean) => {
    const id = (
      await staff.post("/api/visits", { urn, date, purpose: "first_conversation", recorded: true })
    ).json().id;
    expect(
      (await put(staff, `/api/visits/${id}/report`, { summary, nextSteps: [], version: 0 })).statusCode,
    ).toBe(200);
    if (approve) expect((await admin.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(200);
  };
  await visit("2025-11-03", "Shared summary", true);
  await visit("2026-02-02", "Draft summary", false);
  const later = (await staff.post("/api/visits", { urn, date: "2026-04-20", purpose: "follow_up" })).json()
    .id;
  expect((await staff.post(`/api/visits/${later}/cancel`, { reason: "Snow day" })).statusCode).toBe(200);
  expect(
    (await put(staff, `/api/schools/${urn}/rag`, { rating: "amber", reason: "Singing needs work" }))
      .statusCode,
  ).toBe(200);
});
afterAll(() => env.close());

describe("GET /api/schools/:urn/timeline", () => {
  it("gathers visits, reports and ratings for hub users, newest first", async () => {
    const res = await staff.get(`/api/schools/${urn}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kinds).toEqual(["rag", "report", "visit"]);
    const titles = body.items.map((e: Entry) => e.title);
    expect(titles[0]).toBe("Cancelled visit: Follow-up");
    expect(body.items[0].detail).toBe("Snow day");
    expect(titles).toContain("Draft visit report (First conversation, 2026-02-02)");
    expect(titles).toContain("Visit report shared (First conversation, 2025-11-03)");
    expect(body.items.find((e: Entry) => e.kind === "rag")).toMatchObject({ detail: "Singing needs work" });
    expect(body.total).toBe(6);
  });

  it("pages and filters by kind", async () => {
    const page = (await staff.get(`/api/schools/${urn}/timeline?pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    const visits = (await staff.get(`/api/schools/${urn}/timeline?kind=visit`)).json();
    expect(visits.total).toBe(3);
  });

  it("shows a school user only what is shared with its school: no drafts, no ratings", async () => {
    const res = await schoolUser.get(`/api/schools/${urn}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kinds).toEqual(["report", "visit"]);
    expect(res.body).not.toContain("Draft summary");
    expect(res.body).not.toContain("Singing needs work");
    expect(body.items.filter((e: Entry) => e.kind === "report")).toHaveLength(1);
    expect(body.items.every((e: Entry) => e.href === null || e.href === "/engagement/reports")).toBe(true);
  });

  it("is 404 for another school of a school user, another hub's school, and 401 anonymous", async () => {
    expect((await schoolUser.get("/api/schools/420001/timeline")).statusCode).toBe(404);
    const cross = await otherAdmin.get(`/api/schools/${urn}/timeline`);
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain("Shared summary");
    expect((await anonymous(env.app).get(`/api/schools/${urn}/timeline`)).statusCode).toBe(401);
    expect((await staff.get("/api/schools/12/timeline")).statusCode).toBe(400);
  });

  it("gathers the other capabilities' entries: a Lead School appointment and a quality mark award", async () => {
    const appointed = await admin.post("/api/lead-schools", {
      urn: 420001,
      focusAreas: ["singing_in_parts"],
      from: "2025-09-01",
      to: "2028-08-31",
    });
    expect(appointed.statusCode, appointed.body).toBe(201);
    const award = await admin.post("/api/quality-mark/awards", {
      urn: 420001,
      level: "silver",
      awardedOn: "2025-07-01",
    });
    expect(award.statusCode, award.body).toBe(201);
    const body = (await staff.get("/api/schools/420001/timeline")).json();
    expect(body.kinds).toEqual(expect.arrayContaining(["award", "lead_school"]));
    const titles = body.items.map((e: Entry) => e.title).join(" | ");
    expect(titles).toContain("Silver quality mark awarded");
    // The school with the visits above has neither.
    const own = (await staff.get(`/api/schools/${urn}/timeline`)).json();
    expect(own.kinds).not.toContain("award");
  });
});
