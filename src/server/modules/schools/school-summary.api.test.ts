import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hubs } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { readPdf } from "../../testing/pdf-text";
import { seedSchools } from "./schools.fixtures";

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let schoolUser: Agent;
let otherAdmin: Agent;

beforeAll(async () => {
  env = await createTestEnv({ clock: () => new Date("2026-12-02T10:00:00Z") });
  hub = await seedHub(env.db, "summary");
  other = await seedHub(env.db, "elsewhere");
  await env.db.update(hubs).set({ brandColour: "#2a6f4e" }).where(eq(hubs.id, hub.id));
  await seedSchools(env.db, hub.id, [
    { urn: 300001, name: "Fernhill Primary School", town: "Kestwick", pupils: 240 },
  ]);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  await staff.request({
    method: "PUT",
    url: "/api/schools/300001/contacts/music_lead",
    payload: { name: "Rowan Testperson", email: "rowan@fernhill.example.test" },
  });
  await staff.request({
    method: "PUT",
    url: "/api/schools/300001/music-data/2025-26",
    payload: { singingPupils: 180 },
  });
});
afterAll(() => env.close());

describe("GET /api/schools/:urn/summary.pdf", () => {
  it("gives hub staff a PDF with the hub's header, the school, its contacts and music data", async () => {
    const res = await staff.get("/api/schools/300001/summary.pdf");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("school-summary-300001.pdf");
    expect(res.headers["cache-control"]).toContain("no-store");
    const { pages } = await readPdf(res.rawPayload);
    const text = pages.map((p) => p.text).join("\n");
    expect(pages[0]?.text).toContain("Hub summary");
    expect(text).toContain("School summary: Fernhill Primary School");
    expect(text).toContain("300001");
    expect(text).toContain("Rowan Testperson");
    expect(text).toContain("Pupils singing regularly");
    expect(text).toContain("2025/26");
    expect(text).toContain("180");
    expect(text).toContain("Printed 2 December 2026");
    expect(text).toContain(`Page 1 of ${pages.length}`);
  });

  it("gives a school user its own school's summary, and 404 for another school", async () => {
    const own = await schoolUser.get(`/api/schools/${hub.schoolId}/summary.pdf`);
    expect(own.statusCode).toBe(200);
    expect((await readPdf(own.rawPayload)).pages[0]?.text).toContain("School of summary");
    const notOwn = await schoolUser.get("/api/schools/300001/summary.pdf");
    expect(notOwn.statusCode).toBe(404);
  });

  it("tells another hub's admin the school does not exist", async () => {
    const res = await otherAdmin.get("/api/schools/300001/summary.pdf");
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("Fernhill");
  });

  it("refuses a bad school reference", async () => {
    const res = await staff.get("/api/schools/not-a-school/summary.pdf");
    expect(res.statusCode).toBe(400);
  });
});
