import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, planObjectives, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";

// "Today" is Tuesday 10 March 2026.
const NOW = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let school: Agent;
let partner: Agent;
let otherAdmin: Agent;
let urn: number;

const HEADER = "Objective number,Objective,Action,Lead,Target,By when,Monitor,Budget,Next year target";
const GOOD_CSV = [
  HEADER,
  "1,Reach every school,Visit schools and write up each visit,SLE,Half of schools visited,Jul 2026,Gov,Within roles,75%",
  ",,,,Every report approved within a month,30/04/2026,Exec,,",
  ",,Termly news to music leads,AML,Every school contacted,2026-08,Gov,£300,",
  "2,More singing,Singing days,HoS,Four singing days,31/03/2026,HoS,£2000,Six days",
].join("\r\n");

const boundary = "plantestboundary";
const upload = (agent: Agent, url: string, name: string, body: Buffer | string, type = "text/csv") =>
  agent.request({
    method: "POST",
    url,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      Buffer.isBuffer(body) ? body : Buffer.from(body),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });

const newPlan = async (title = "School Music Education Plan 2025–2027") => {
  const res = await admin.post("/api/plans", { title, startsOn: "2025-09-01", endsOn: "2027-08-31" });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};

type TargetJson = {
  id: string;
  text: string;
  current: number | null;
  trend: unknown[];
  currentText: string | null;
  status: string;
};
type PlanJson = {
  objectives: {
    number: number;
    title: string;
    actions: { text: string; lead: string; targets: TargetJson[] }[];
  }[];
};
const targetsOf = (plan: PlanJson) => plan.objectives.flatMap((o) => o.actions.flatMap((a) => a.targets));

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "plans");
  other = await seedHub(env.db, "plansother");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  const [s] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!s) throw new Error("no school");
  urn = s.urn;
  // A second open school that nobody visits: the visited share can reach one half.
  await env.db.insert(schools).values({
    hubId: hub.id,
    urn: urn + 1,
    laCode: "931",
    name: "Unvisited Primary",
    phase: "primary",
    status: "open",
    source: "manual",
  });
});
afterAll(() => env.close());

describe("plans", () => {
  it("are created by a hub admin (201), listed for hub users, and refused to everyone else", async () => {
    const id = await newPlan("Created plan");
    const got = await staff.get(`/api/plans/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({
      id,
      title: "Created plan",
      startsOn: "2025-09-01",
      endsOn: "2027-08-31",
      objectives: [],
    });
    expect((await staff.get("/api/plans")).json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, title: "Created plan", objectives: 0, targets: 0 }),
      ]),
    );
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit).toMatchObject({ action: "create", entity: "plan" });

    expect(
      (await staff.post("/api/plans", { title: "x", startsOn: "2025-09-01", endsOn: "2026-08-31" }))
        .statusCode,
    ).toBe(403);
    for (const outsider of [school, partner]) {
      expect((await outsider.get(`/api/plans/${id}`)).statusCode).toBe(403);
      expect((await outsider.get("/api/plans")).statusCode).toBe(403);
      expect((await outsider.get(`/api/plans/${id}/export.pdf`)).statusCode).toBe(403);
    }
    expect((await anonymous(env.app).get(`/api/plans/${id}`)).statusCode).toBe(401);
    // Another hub's admin cannot tell the plan exists.
    expect((await otherAdmin.get(`/api/plans/${id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get("/api/plans")).json()).toEqual([]);
  });

  it("refuses a plan that ends before it starts, or has no title, with plain messages", async () => {
    const res = await admin.post("/api/plans", { title: " ", startsOn: "2026-09-01", endsOn: "2025-08-31" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Give the plan a title");
  });
});

describe("import", () => {
  it("imports a CSV: merged cells from the row above, months as their last day", async () => {
    const id = await newPlan();
    const res = await upload(admin, `/api/plans/${id}/import`, "plan.csv", GOOD_CSV);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ objectives: 2, actions: 3, targets: 4, errors: [] });
    const plan = (await admin.get(`/api/plans/${id}`)).json();
    expect(plan.objectives[0]).toMatchObject({
      number: 1,
      title: "Reach every school",
      actions: [
        {
          text: "Visit schools and write up each visit",
          lead: "SLE",
          targets: [
            {
              text: "Half of schools visited",
              byWhen: "2026-07-31",
              monitor: "Gov",
              budget: "Within roles",
              nextYearTarget: "75%",
              measure: null,
              goal: null,
              current: null,
            },
            { text: "Every report approved within a month", byWhen: "2026-04-30", monitor: "Exec" },
          ],
        },
        {
          text: "Termly news to music leads",
          lead: "AML",
          targets: [{ byWhen: "2026-08-31", budget: "£300" }],
        },
      ],
    });
    // The same objective numbers again: refused whole.
    const again = await upload(admin, `/api/plans/${id}/import`, "plan.csv", GOOD_CSV);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ column: "Objective number" });
  });

  it("answers 400 with every row error and imports nothing", async () => {
    const id = await newPlan();
    const bad = [HEADER, "1,One,Act,,Tgt,soon,,,", "x,Two,Act,,Tgt,,,,", "2,Two,Act,,Tgt,Apr 2026,,,"].join(
      "\n",
    );
    const res = await upload(admin, `/api/plans/${id}/import`, "plan.csv", bad);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      objectives: 0,
      actions: 0,
      targets: 0,
      errors: [
        { row: 2, column: "By when", message: expect.stringContaining("Must be a date") },
        { row: 3, column: "Objective number", message: "Must be a whole number, like 1 or 2" },
      ],
    });
    expect(await env.db.select().from(planObjectives).where(eq(planObjectives.planId, id))).toEqual([]);
    const missing = await upload(admin, `/api/plans/${id}/import`, "plan.csv", "Objective,Action\nA,B");
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { column: string }) => e.column)).toEqual([
      "Objective number",
      "Target",
    ]);
  });

  it("reads Windows-1252 CSV and XLSX, and refuses other files", async () => {
    const id = await newPlan();
    const win = iconv.encode(`${HEADER}\r\n1,Café concerts,Résumé,,Target £5,,,,`, "win1252");
    const res = await upload(admin, `/api/plans/${id}/import`, "plan.csv", win);
    expect(res.statusCode).toBe(200);
    expect((await admin.get(`/api/plans/${id}`)).json().objectives[0].title).toBe("Café concerts");

    const template = await staff.get("/api/plans/template.xlsx");
    expect(template.statusCode).toBe(200);
    const id2 = await newPlan();
    const xlsx = await upload(
      admin,
      `/api/plans/${id2}/import`,
      "plan.xlsx",
      template.rawPayload,
      "application/octet-stream",
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.json()).toEqual({ objectives: 2, actions: 2, targets: 3, errors: [] });

    const pdf = await upload(
      admin,
      `/api/plans/${id2}/import`,
      "plan.pdf",
      "%PDF-1.4\n%x\n",
      "application/pdf",
    );
    expect(pdf.statusCode).toBe(415);
    expect((await upload(staff, `/api/plans/${id2}/import`, "plan.csv", GOOD_CSV)).statusCode).toBe(403);
    expect((await upload(otherAdmin, `/api/plans/${id2}/import`, "plan.csv", GOOD_CSV)).statusCode).toBe(404);
  });

  it("offers the template as a formula-safe CSV", async () => {
    const res = await staff.get("/api/plans/template.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body.startsWith(`\uFEFF${HEADER}`)).toBe(true);
  });
});

describe("measures and live targets", () => {
  it("lists the catalogue: offered measures, available or not yet", async () => {
    const res = await staff.get("/api/plans/measures");
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; label: string; definition: string; available: boolean }[];
    const byId = new Map(list.map((m) => [m.id, m]));
    for (const id of [
      "schools_visited_share",
      "schools_communicated_share",
      "music_in_sdp_share",
      "quality_mark_cohort_applied_share",
      "lead_school_focus_coverage",
      "cpd_schools_reached_share",
    ])
      expect(byId.get(id)?.definition).toBeTruthy();
    expect(byId.get("schools_visited_share")?.available).toBe(true);
    expect(byId.get("schools_communicated_share")?.available).toBe(true);
    expect(byId.get("music_in_sdp_share")?.available).toBe(true);
    expect(byId.get("cpd_schools_reached_share")?.available).toBe(true);
    // The register holds no year-group sizes, so this share cannot be computed.
    expect(byId.get("wcet_year_group_share")?.available).toBe(false);
    expect((await school.get("/api/plans/measures")).statusCode).toBe(403);
  });

  it("binds a target to schools_visited_share; its value follows an approved visit report", async () => {
    const id = await newPlan();
    await upload(admin, `/api/plans/${id}/import`, "plan.csv", GOOD_CSV);
    const [target] = targetsOf((await admin.get(`/api/plans/${id}`)).json());
    if (!target) throw new Error("no target");
    const url = `/api/plans/${id}/targets/${target.id}`;

    const bound = await admin.patch(url, {
      measure: "schools_visited_share",
      goal: 0.5,
      deadline: "2026-07-31",
    });
    expect(bound.statusCode).toBe(200);
    expect(bound.json().target).toMatchObject({
      measure: "schools_visited_share",
      goal: 0.5,
      deadline: "2026-07-31",
      current: 0,
      currentText: "0% (0 of 2)",
    });
    expect(bound.json().target.definition).toContain("approved");

    // A visit with an approved report moves the value to one school of two.
    const visit = await staff.post("/api/visits", {
      urn,
      date: "2026-03-09",
      purpose: "follow_up",
      recorded: true,
    });
    expect(visit.statusCode).toBe(201);
    const v = visit.json().id as string;
    expect(
      (
        await staff.request({
          method: "PUT",
          url: `/api/visits/${v}/report`,
          payload: { summary: "Good", nextSteps: [], version: 0 },
        })
      ).statusCode,
    ).toBe(200);
    // A draft does not count.
    expect((await admin.get(url)).json().target.current).toBe(0);
    expect((await admin.post(`/api/visits/${v}/report/approve`)).statusCode).toBe(200);
    const after = (await staff.get(url)).json().target;
    expect(after).toMatchObject({ current: 0.5, currentText: "50% (1 of 2)", status: "done", course: "met" });

    // Snapshots on demand give the trend.
    const snap = await staff.post(`/api/plans/${id}/snapshots`);
    expect(snap.statusCode).toBe(200);
    expect(targetsOf(snap.json())[0]).toMatchObject({ trend: [{ on: "2026-03-10", value: 0.5 }] });

    // Binding kept the earlier (manual) target as a revision.
    const detail = (await staff.get(url)).json();
    expect(detail.revisions).toEqual([
      expect.objectContaining({ version: 1, before: expect.objectContaining({ measure: null }) }),
    ]);
  });

  it("shows 'not available yet' for a measure no capability computes, never a number", async () => {
    const id = await newPlan();
    await upload(admin, `/api/plans/${id}/import`, "plan.csv", GOOD_CSV);
    const target = targetsOf((await admin.get(`/api/plans/${id}`)).json())[1];
    if (!target) throw new Error("no target");
    const res = await admin.patch(`/api/plans/${id}/targets/${target.id}`, {
      measure: "wcet_year_group_share",
      goal: 0.4,
      deadline: "2026-07-31",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().target).toMatchObject({
      current: null,
      currentText: "not available yet",
      course: null,
    });
    // A snapshot records nothing for it.
    expect(targetsOf((await admin.post(`/api/plans/${id}/snapshots`)).json())[1]?.trend).toEqual([]);
  });

  it("refuses an unknown measure, a share goal above 1, a missing deadline, and a staff member", async () => {
    const id = await newPlan();
    await upload(admin, `/api/plans/${id}/import`, "plan.csv", GOOD_CSV);
    const target = targetsOf((await admin.get(`/api/plans/${id}`)).json())[0];
    const url = `/api/plans/${id}/targets/${target?.id}`;
    const unknown = await admin.patch(url, { measure: "made_up", goal: 0.5, deadline: "2026-07-31" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe("Choose a measure from the catalogue");
    const big = await admin.patch(url, {
      measure: "schools_visited_share",
      goal: 60,
      deadline: "2026-07-31",
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.details.fields[0].path).toBe("goal");
    expect((await admin.patch(url, { measure: "schools_visited_share", goal: 0.6 })).statusCode).toBe(400);
    expect(
      (await staff.patch(url, { measure: "schools_visited_share", goal: 0.6, deadline: "2026-07-31" }))
        .statusCode,
    ).toBe(403);
    expect(
      (await otherAdmin.patch(url, { measure: "schools_visited_share", goal: 0.6, deadline: "2026-07-31" }))
        .statusCode,
    ).toBe(404);
  });
});

describe("editing the plan", () => {
  it("adds objectives, actions and targets, and refuses a duplicate number", async () => {
    const id = await newPlan();
    const o = await admin.post(`/api/plans/${id}/objectives`, { number: 1, title: "Grow ensembles" });
    expect(o.statusCode).toBe(201);
    expect((await admin.post(`/api/plans/${id}/objectives`, { number: 1, title: "Again" })).statusCode).toBe(
      409,
    );
    const a = await admin.post(`/api/plans/${id}/objectives/${o.json().id}/actions`, {
      text: "Area ensembles",
      lead: "AML",
    });
    expect(a.statusCode).toBe(201);
    const t = await admin.post(`/api/plans/${id}/actions/${a.json().id}/targets`, {
      text: "Three new ensembles",
      byWhen: "2026-07-31",
      monitor: "Exec",
    });
    expect(t.statusCode).toBe(201);
    expect(t.json().target).toMatchObject({
      text: "Three new ensembles",
      status: "not_started",
      measure: null,
    });
    const edited = await admin.patch(`/api/plans/${id}/objectives/${o.json().id}`, {
      title: "Grow ensembles everywhere",
      status: "on_track",
    });
    expect(edited.json().objectives[0]).toMatchObject({
      title: "Grow ensembles everywhere",
      status: "on_track",
    });
    const action = await admin.patch(`/api/plans/${id}/actions/${a.json().id}`, { lead: "AML, SLE" });
    expect(action.json().objectives[0].actions[0].lead).toBe("AML, SLE");
    const renamed = await admin.patch(`/api/plans/${id}`, { title: "Renamed plan" });
    expect(renamed.json().title).toBe("Renamed plan");
    expect((await staff.post(`/api/plans/${id}/objectives`, { number: 2, title: "x" })).statusCode).toBe(403);
    expect((await otherAdmin.post(`/api/plans/${id}/objectives`, { number: 2, title: "x" })).statusCode).toBe(
      404,
    );
  });

  it("keeps the glossary of roles, refusing an abbreviation twice", async () => {
    const roles = [
      { abbreviation: "SLE", meaning: "Specialist Leader in Education" },
      { abbreviation: "HoS", meaning: "Head of Service" },
    ];
    const saved = await admin.request({ method: "PUT", url: "/api/plans/glossary", payload: roles });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().map((r: { abbreviation: string }) => r.abbreviation)).toEqual(["HoS", "SLE"]);
    expect((await staff.get("/api/plans/glossary")).json()).toHaveLength(2);
    expect((await otherAdmin.get("/api/plans/glossary")).json()).toEqual([]);
    const twice = await admin.request({
      method: "PUT",
      url: "/api/plans/glossary",
      payload: [...roles, roles[0]],
    });
    expect(twice.statusCode).toBe(400);
    expect(
      (await staff.request({ method: "PUT", url: "/api/plans/glossary", payload: roles })).statusCode,
    ).toBe(403);
  });
});
