import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Phase } from "../../../shared/schemas/phases";
import { auditLog, schools } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";

// "Today" is 10 March 2026.
const NOW = new Date("2026-03-10T10:00:00Z");
const P = "/api/engagement/phases";
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let partner: Agent;
let otherStaff: Agent;
let urn: number;
const SECOND = 870001;
const CLOSED = 870002;
let otherUrn: number;

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "phases");
  other = await seedHub(env.db, "phases-other");
  [staff, admin, school, partner, otherStaff] = await Promise.all([
    signInAs(env.app, hub.users.hub_staff.email),
    signInAs(env.app, hub.users.hub_admin.email),
    signInAs(env.app, hub.users.school_user.email),
    signInAs(env.app, hub.users.partner_user.email),
    signInAs(env.app, other.users.hub_staff.email),
  ]);
  const base = { hubId: hub.id, laCode: "931", phase: "primary" as const, source: "manual" as const };
  await env.db.insert(schools).values([
    { ...base, urn: SECOND, name: "Second Fictional Primary", status: "open" },
    { ...base, urn: CLOSED, name: "Closed Fictional Primary", status: "closed" },
  ]);
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  const [theirs] = await env.db.select().from(schools).where(eq(schools.id, other.schoolId));
  urn = own?.urn ?? 0;
  otherUrn = theirs?.urn ?? 0;
});
afterAll(() => env.close());

const create = (agent: Agent, body: Record<string, unknown>) =>
  agent.post(P, { name: "Phase 1, 2025/26", startsOn: "2025-09-01", endsOn: "2026-07-31", ...body });

describe("phases", () => {
  let phase: Phase;

  it("hub staff create a phase with dates; it is current today and starts empty", async () => {
    const res = await create(staff, {});
    expect(res.statusCode).toBe(201);
    phase = res.json();
    expect(phase).toMatchObject({ name: "Phase 1, 2025/26", state: "current", schools: 0, schoolList: [] });
    const [entry] = await env.db.select().from(auditLog).where(eq(auditLog.entityId, phase.id));
    expect(entry?.action).toBe("create");
  });

  it("refuses an end before the start, a missing name, and a date that does not exist", async () => {
    const backwards = await create(staff, {
      name: "Backwards",
      startsOn: "2026-09-01",
      endsOn: "2026-08-01",
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.fields).toEqual([
      { path: "endsOn", message: "The phase must end on or after the day it starts" },
    ]);
    expect((await create(staff, { name: " " })).json().error.message).toBe("Give the phase a name");
    expect((await create(staff, { name: "X", endsOn: "2026-02-30" })).statusCode).toBe(400);
  });

  it("refuses a second phase of the same name (any case) with 409", async () => {
    const res = await create(admin, { name: "phase 1, 2025/26" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe("This hub already has a phase of that name");
  });

  it("refuses school and partner users (403) and hides the phase from another hub (404)", async () => {
    expect((await create(school, { name: "S" })).statusCode).toBe(403);
    expect((await partner.get(P)).statusCode).toBe(403);
    expect((await school.get(`${P}/${phase.id}`)).statusCode).toBe(403);
    expect((await otherStaff.get(`${P}/${phase.id}`)).statusCode).toBe(404);
    expect((await otherStaff.get(P)).json()).toEqual([]);
  });

  it("adds schools by URN (an invitation), twice without harm, and lists them", async () => {
    const res = await staff.post(`${P}/${phase.id}/schools`, { urns: [urn, SECOND, urn] });
    expect(res.statusCode).toBe(200);
    const again = await staff.post(`${P}/${phase.id}/schools`, { urns: [SECOND] });
    const body: Phase = again.json();
    expect(body.schools).toBe(2);
    expect(body.schoolList.map((s) => [s.urn, s.joinedVia, s.audit])).toEqual([
      [urn, "invitation", "none"],
      [SECOND, "invitation", "none"],
    ]);
    expect((await staff.get(P)).json()).toEqual([expect.objectContaining({ id: phase.id, schools: 2 })]);
  });

  it("refuses a closed school, an unknown URN and another hub's school, adding none of the list", async () => {
    const closed = await staff.post(`${P}/${phase.id}/schools`, { urns: [CLOSED] });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toBe("Closed schools cannot join a phase: Closed Fictional Primary");
    const foreign = await staff.post(`${P}/${phase.id}/schools`, { urns: [otherUrn] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toBe(`No school of this hub has the URN ${otherUrn}`);
    expect(foreign.body).not.toContain("School of phases-other");
    expect((await staff.post(`${P}/${phase.id}/schools`, { urns: [] })).statusCode).toBe(400);
    expect((await staff.get(`${P}/${phase.id}`)).json().schools).toBe(2);
  });

  it("removes a school, and says so when it is not in the phase", async () => {
    const res = await staff.request({ method: "DELETE", url: `${P}/${phase.id}/schools/${SECOND}` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Phase).schoolList.map((s) => s.urn)).toEqual([urn]);
    const again = await staff.request({ method: "DELETE", url: `${P}/${phase.id}/schools/${SECOND}` });
    expect(again.statusCode).toBe(404);
  });

  it("renames and re-dates a phase, keeping its dates in order", async () => {
    const res = await admin.patch(`${P}/${phase.id}`, { name: "Phase 1 (2025/26)", endsOn: "2026-08-31" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: "Phase 1 (2025/26)", endsOn: "2026-08-31" });
    const bad = await admin.patch(`${P}/${phase.id}`, { startsOn: "2026-09-15" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("The phase must end on or after the day it starts");
    expect((await otherStaff.patch(`${P}/${phase.id}`, { name: "Stolen" })).statusCode).toBe(404);
  });

  it("says which phases are upcoming and past", async () => {
    await create(staff, { name: "Phase 2, 2026/27", startsOn: "2026-09-01", endsOn: "2027-07-31" });
    await create(staff, { name: "Pilot", startsOn: "2024-09-01", endsOn: "2025-07-31" });
    const list: { name: string; state: string }[] = (await staff.get(P)).json();
    expect(list.map((p) => [p.name, p.state])).toEqual([
      ["Phase 2, 2026/27", "upcoming"],
      ["Phase 1 (2025/26)", "current"],
      ["Pilot", "past"],
    ]);
  });
});
