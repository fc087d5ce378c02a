import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PhaseCoverage, PhasesCoverageRow } from "../../../shared/schemas/phase-coverage";
import { schools } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";

// "Today" is 10 March 2026; Phase 1 runs through the academic year 2025/26.
const NOW = new Date("2026-03-10T10:00:00Z");
const P = "/api/engagement/phases";
let env: TestEnv;
let hub: TestHub;
let staff: Agent;
let admin: Agent;
let phaseId: string;
let ownUrn: number;
const VISITED = 870201; // visited in the phase, report approved
const DRAFTED = 870202; // visited in the phase, report still a draft
const BEFORE = 870203; // visited (approved) before the phase started
const AHEAD = 870204; // a visit ahead, in the phase

const visit = async (urn: number, date: string, approve: boolean) => {
  const v = await staff.post("/api/visits", {
    urn,
    date,
    purpose: "first_conversation",
    recorded: date < "2026-03-10",
  });
  expect(v.statusCode).toBe(201);
  const id: string = v.json().id;
  if (date >= "2026-03-10") return id;
  const saved = await staff.request({
    method: "PUT",
    url: `/api/visits/${id}/report`,
    payload: { summary: "A good conversation.", nextSteps: [], version: 0 },
  });
  expect(saved.statusCode).toBe(200);
  if (approve) expect((await admin.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(200);
  return id;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "phase-cov");
  [staff, admin] = await Promise.all([
    signInAs(env.app, hub.users.hub_staff.email),
    signInAs(env.app, hub.users.hub_admin.email),
  ]);
  const base = {
    hubId: hub.id,
    laCode: "931",
    phase: "primary" as const,
    source: "manual" as const,
    status: "open" as const,
  };
  await env.db.insert(schools).values([
    { ...base, urn: VISITED, name: "Visited Fictional Primary" },
    { ...base, urn: DRAFTED, name: "Drafted Fictional Primary" },
    { ...base, urn: BEFORE, name: "Before Fictional Primary" },
    { ...base, urn: AHEAD, name: "Ahead Fictional Primary" },
  ]);
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  ownUrn = own?.urn ?? 0;
  const created = await staff.post(P, {
    name: "Phase 1, 2025/26",
    startsOn: "2025-09-01",
    endsOn: "2026-07-31",
  });
  phaseId = created.json().id;
  await staff.post(`${P}/${phaseId}/schools`, { urns: [VISITED, DRAFTED, BEFORE, AHEAD] });
  await staff.post(P, { name: "Phase 2, 2026/27", startsOn: "2026-09-01", endsOn: "2027-07-31" });
  await visit(VISITED, "2025-11-04", true);
  await visit(DRAFTED, "2026-02-03", false);
  await visit(BEFORE, "2025-06-10", true);
  await visit(AHEAD, "2026-04-21", false);
  // A school not in the phase, visited in it: not counted.
  await visit(ownUrn, "2025-10-01", true);
});
afterAll(() => env.close());

describe("coverage per programme phase", () => {
  it("counts a phase's schools visited during it with an approved report, and lists whom to visit", async () => {
    const res = await staff.get(`${P}/${phaseId}/coverage`);
    expect(res.statusCode).toBe(200);
    const c: PhaseCoverage = res.json();
    expect(c.phase).toMatchObject({ id: phaseId, name: "Phase 1, 2025/26", state: "current" });
    expect(c).toMatchObject({ schools: 4, visited: 1, share: 0.25 });
    expect(c.byArea).toEqual([{ area: "No area", schools: 4, visited: 1 }]);
    expect(c.schoolList.map((s) => [s.urn, s.visitedOn, s.nextVisit])).toEqual([
      [AHEAD, null, "2026-04-21"],
      [BEFORE, null, null],
      [DRAFTED, null, null],
      [VISITED, "2025-11-04", null],
    ]);
  });

  it("moves when a drafted report is approved", async () => {
    const list = await staff.get("/api/engagement/reports");
    const draft = (list.json().items ?? list.json()).find(
      (r: { urn: number; status: string }) => r.urn === DRAFTED && r.status === "draft",
    );
    expect((await admin.post(`/api/visits/${draft.visitId}/report/approve`)).statusCode).toBe(200);
    const c: PhaseCoverage = (await admin.get(`${P}/${phaseId}/coverage`)).json();
    expect(c).toMatchObject({ schools: 4, visited: 2, share: 0.5 });
  });

  it("groups the figures by programme phase, newest first", async () => {
    const res = await admin.get(`${P}/coverage`);
    expect(res.statusCode).toBe(200);
    const rows: PhasesCoverageRow[] = res.json();
    expect(rows.map((r) => [r.name, r.state, r.schools, r.visited, r.share])).toEqual([
      ["Phase 2, 2026/27", "upcoming", 0, 0, 0],
      ["Phase 1, 2025/26", "current", 4, 2, 0.5],
    ]);
  });

  it("refuses school and partner users, another hub (404 / nothing) and a bad id", async () => {
    const other = await seedHub(env.db, "phase-cov-other");
    const [school, partner, otherStaff] = await Promise.all([
      signInAs(env.app, hub.users.school_user.email),
      signInAs(env.app, hub.users.partner_user.email),
      signInAs(env.app, other.users.hub_staff.email),
    ]);
    expect((await school.get(`${P}/${phaseId}/coverage`)).statusCode).toBe(403);
    expect((await partner.get(`${P}/coverage`)).statusCode).toBe(403);
    const cross = await otherStaff.get(`${P}/${phaseId}/coverage`);
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain("Visited Fictional Primary");
    expect((await otherStaff.get(`${P}/coverage`)).json()).toEqual([]);
    const bad = await staff.get(`${P}/not-an-id/coverage`);
    expect(bad.statusCode).toBe(400);
  });
});
