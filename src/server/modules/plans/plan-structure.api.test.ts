import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/index";
import { createJobRegistry } from "../../platform/jobs";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";
import { readPdf } from "../../testing/pdf-text";
import { PLAN_REMINDER_SCHEDULE, reminderKind, sendReviewReminders } from "./plan-reminders";
import { PLAN_SNAPSHOT_SCHEDULE, registerPlanJobs } from "./plan-snapshots";

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

type Target = { id: string; text: string; status: string };
type Action = { id: string; text: string; targets: Target[] };
type Objective = { id: string; number: number; title: string; status: string; actions: Action[] };
type PlanJson = { id: string; objectives: Objective[] };

const del = (agent: Agent, url: string) => agent.request({ method: "DELETE", url });
const put = (agent: Agent, url: string, payload: unknown) => agent.request({ method: "PUT", url, payload });

/** A plan with two objectives; the first has two actions, the first action three targets. */
const buildPlan = async (title: string) => {
  const plan = (
    await admin.post("/api/plans", { title, startsOn: "2025-09-01", endsOn: "2027-08-31" })
  ).json() as { id: string };
  const P = `/api/plans/${plan.id}`;
  const o1 = (await admin.post(`${P}/objectives`, { number: 1, title: "Reach every school" })).json();
  await admin.post(`${P}/objectives`, { number: 2, title: "More singing" });
  const a1 = (await admin.post(`${P}/objectives/${o1.id}/actions`, { text: "Visits", lead: "SLE" })).json();
  await admin.post(`${P}/objectives/${o1.id}/actions`, { text: "Newsletters", lead: "AML" });
  for (const text of ["First target", "Second target", "Third target"])
    await admin.post(`${P}/actions/${a1.id}/targets`, {
      text,
      byWhen: "2026-07-31",
      ownerId: hub.users.hub_staff.id,
    });
  return { id: plan.id, P };
};
const load = async (P: string) => (await admin.get(P)).json() as PlanJson;
const first = (plan: PlanJson) => {
  const o = plan.objectives[0];
  const a = o?.actions[0];
  if (!o || !a) throw new Error("plan shape");
  return { o, a };
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "planstruct");
  other = await seedHub(env.db, "planstructother");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
});
afterAll(() => env.close());

describe("status, deleting and reordering", () => {
  it("sets an objective's and a target's status, keeping the target's earlier version", async () => {
    const { P } = await buildPlan("Status plan");
    const { o, a } = first(await load(P));
    const t = a.targets[0];
    if (!t) throw new Error("target");
    expect(
      (await admin.patch(`${P}/objectives/${o.id}`, { status: "at_risk" })).json().objectives[0].status,
    ).toBe("at_risk");
    expect((await admin.patch(`${P}/objectives/${o.id}`, { status: "sideways" })).statusCode).toBe(400);
    const patched = await admin.patch(`${P}/targets/${t.id}`, { status: "on_track" });
    expect(patched.json()).toMatchObject({
      target: { status: "on_track", version: 2 },
      revisions: [{ before: { status: "not_started" } }],
    });
    expect((await staff.patch(`${P}/targets/${t.id}`, { status: "done" })).statusCode).toBe(403);
  });

  it("reorders objectives, actions and targets one place at a time, audited", async () => {
    const { P } = await buildPlan("Ordered plan");
    const { o, a } = first(await load(P));
    const moved = await admin.post(`${P}/objectives/${o.id}/move`, { direction: "down" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().objectives.map((x: Objective) => `${x.number}. ${x.title}`)).toEqual([
      "1. More singing",
      "2. Reach every school",
    ]);
    expect((await admin.post(`${P}/objectives/${o.id}/move`, { direction: "down" })).statusCode).toBe(409);
    expect((await admin.post(`${P}/objectives/${o.id}/move`, { direction: "sideways" })).statusCode).toBe(
      400,
    );

    const actions = await admin.post(`${P}/actions/${a.id}/move`, { direction: "down" });
    expect(actions.json().objectives[1].actions.map((x: Action) => x.text)).toEqual([
      "Newsletters",
      "Visits",
    ]);
    expect((await admin.post(`${P}/actions/${a.id}/move`, { direction: "down" })).statusCode).toBe(409);

    const third = a.targets[2];
    if (!third) throw new Error("target");
    const targets = await admin.post(`${P}/targets/${third.id}/move`, { direction: "up" });
    const texts = (targets.json() as PlanJson).objectives[1]?.actions[1]?.targets.map((x) => x.text);
    expect(texts).toEqual(["First target", "Third target", "Second target"]);
    expect((await staff.post(`${P}/targets/${third.id}/move`, { direction: "up" })).statusCode).toBe(403);
    expect((await otherAdmin.post(`${P}/targets/${third.id}/move`, { direction: "up" })).statusCode).toBe(
      404,
    );

    const audit = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "plan_target"), eq(auditLog.entityId, third.id)));
    expect(audit.map((r) => r.after)).toContainEqual({ position: 2, swappedWith: a.targets[1]?.id });
  });

  it("deletes what has no history, and refuses a target (or its action, its objective) that has one", async () => {
    const { P } = await buildPlan("Pruned plan");
    const { o, a } = first(await load(P));
    const [t1, t2, t3] = a.targets;
    if (!t1 || !t2 || !t3) throw new Error("targets");
    // t1 gets an update, t2 a revision; t3 has no history.
    expect((await staff.post(`${P}/updates`, { targetId: t1.id, text: "Started" })).statusCode).toBe(201);
    expect((await admin.patch(`${P}/targets/${t2.id}`, { text: "Second target, reworded" })).statusCode).toBe(
      200,
    );
    const refused = await del(admin, `${P}/targets/${t1.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("Retire the target at a review instead");
    expect((await del(admin, `${P}/targets/${t2.id}`)).statusCode).toBe(409);
    expect((await del(admin, `${P}/actions/${a.id}`)).statusCode).toBe(409);
    expect((await del(admin, `${P}/objectives/${o.id}`)).statusCode).toBe(409);
    expect((await del(staff, `${P}/targets/${t3.id}`)).statusCode).toBe(403);
    expect((await del(school, `${P}/targets/${t3.id}`)).statusCode).toBe(403);
    expect((await del(otherAdmin, `${P}/targets/${t3.id}`)).statusCode).toBe(404);

    const gone = await del(admin, `${P}/targets/${t3.id}`);
    expect(gone.statusCode).toBe(200);
    expect((gone.json() as PlanJson).objectives[0]?.actions[0]?.targets.map((t) => t.id)).toEqual([
      t1.id,
      t2.id,
    ]);
    expect((await del(admin, `${P}/targets/${t3.id}`)).statusCode).toBe(404);
    const [entry] = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "delete"), eq(auditLog.entityId, t3.id)));
    expect(entry?.before).toMatchObject({ text: "Third target" });

    // The second objective and the first objective's empty action go.
    const empty = first(await load(P)).o.actions[1];
    if (!empty) throw new Error("action");
    expect((await del(admin, `${P}/actions/${empty.id}`)).statusCode).toBe(200);
    const second = (await load(P)).objectives[1];
    if (!second) throw new Error("objective");
    const after = await del(admin, `${P}/objectives/${second.id}`);
    expect((after.json() as PlanJson).objectives.map((x) => x.title)).toEqual(["Reach every school"]);
  });
});

describe("the published summary", () => {
  it("publishes only the chosen objectives, with targets only when asked, at /h/:slug/plan", async () => {
    const { P } = await buildPlan("School Music Education Plan 2025–2027");
    const plan = await load(P);
    const [o1, o2] = plan.objectives;
    if (!o1 || !o2) throw new Error("objectives");
    // Nothing public before the hub publishes.
    const before = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/plan`);
    expect(before.json()).toEqual({ hubName: expect.any(String), plans: [] });
    expect((await anonymous(env.app).get(`/api/public/hubs/${hub.slug}`)).json().pages).not.toContainEqual(
      expect.objectContaining({ key: "plan" }),
    );
    expect((await admin.get(`${P}/publication`)).json()).toMatchObject({
      published: false,
      href: `/h/${hub.slug}/plan`,
    });

    // Refusals: staff, school, partner, another hub, objectives of no plan of ours, none chosen.
    const body = {
      published: true,
      summary: "What we are working on",
      objectiveIds: [o1.id],
      showTargets: false,
    };
    expect((await put(staff, `${P}/publication`, body)).statusCode).toBe(403);
    expect((await put(school, `${P}/publication`, body)).statusCode).toBe(403);
    expect((await partner.get(`${P}/publication`)).statusCode).toBe(403);
    expect((await put(otherAdmin, `${P}/publication`, body)).statusCode).toBe(404);
    expect((await put(admin, `${P}/publication`, { ...body, objectiveIds: [hub.schoolId] })).statusCode).toBe(
      400,
    );
    expect((await put(admin, `${P}/publication`, { ...body, objectiveIds: [] })).statusCode).toBe(400);

    const saved = await put(admin, `${P}/publication`, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      published: true,
      objectiveIds: [o1.id],
      publishedAt: NOW.toISOString(),
    });
    const pub = (await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/plan`)).json();
    expect(pub.plans).toEqual([
      {
        title: "School Music Education Plan 2025–2027",
        startsOn: "2025-09-01",
        endsOn: "2027-08-31",
        summary: "What we are working on",
        publishedOn: "2026-03-10",
        objectives: [
          {
            number: 1,
            title: "Reach every school",
            status: "not_started",
            statusLabel: "Not started",
            targets: [],
          },
        ],
      },
    ]);
    expect((await anonymous(env.app).get(`/api/public/hubs/${hub.slug}`)).json().pages).toContainEqual({
      key: "plan",
      title: "Our plan for music education",
      href: `/h/${hub.slug}/plan`,
    });

    // Published or not, the plan itself stays closed to school and partner users.
    expect((await school.get(P)).statusCode).toBe(403);
    expect((await partner.get(P)).statusCode).toBe(403);
    expect((await school.get(`/api/public/hubs/${hub.slug}/plan`)).json().plans).toHaveLength(1);

    // With targets: their wording, due day and status; never leads, owners or ids.
    await put(admin, `${P}/publication`, { ...body, showTargets: true });
    const html = await anonymous(env.app).get(`/h/${hub.slug}/plan`);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("Our plan for music education");
    expect(html.body).toContain("1. Reach every school");
    expect(html.body).toContain("Second target");
    expect(html.body).toContain("31 July 2026");
    expect(html.body).not.toContain("More singing");
    expect(html.body).not.toContain("SLE");
    expect(html.body).not.toContain(o1.id);

    // Withdrawn: gone from the public page and the hub's list.
    await put(admin, `${P}/publication`, { ...body, published: false });
    expect((await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/plan`)).json().plans).toEqual([]);
    expect((await anonymous(env.app).get("/h/no-such-hub/plan")).statusCode).toBe(404);
  });
});

describe("review reminders and the governance PDF", () => {
  it("runs the reminders daily beside the snapshots", () => {
    const jobs = createJobRegistry();
    registerPlanJobs(jobs);
    expect(jobs.schedules.map((s) => [s.name, s.cron])).toEqual([
      [PLAN_SNAPSHOT_SCHEDULE, "0 3 * * *"],
      [PLAN_REMINDER_SCHEDULE, "0 7 * * *"],
    ]);
  });

  it("decides which reminder a day calls for", () => {
    expect(reminderKind("2026-03-31", "2026-03-23")).toBeNull();
    expect(reminderKind("2026-03-31", "2026-03-24")).toBe("week");
    expect(reminderKind("2026-03-31", "2026-03-30")).toBe("week");
    expect(reminderKind("2026-03-31", "2026-03-31")).toBe("due");
    expect(reminderKind("2026-03-31", "2026-04-06")).toBe("due");
    expect(reminderKind("2026-03-31", "2026-04-07")).toBe("overdue");
  });

  it("reminds each owner with a target still without an update, once per reminder", async () => {
    const { P } = await buildPlan("Reminded plan");
    const { a } = first(await load(P));
    const [t1, t2] = a.targets;
    if (!t1 || !t2) throw new Error("targets");
    expect(
      (await admin.post(`${P}/reviews`, { title: "Summer review", dueOn: "2026-03-20" })).statusCode,
    ).toBe(201);
    await staff.post(`${P}/updates`, { targetId: t1.id, text: "Done for this term" });
    const at = (iso: string) => ({ ...env.deps, clock: () => new Date(`${iso}T07:00:00Z`) });
    const subjects = async () =>
      (await mailsTo(env.db, hub.users.hub_staff.email, hub.id))
        .map((m) => m.subject)
        .filter((s) => s.includes("Reminded plan"));

    expect(await sendReviewReminders(at("2026-03-10"))).toBe(0); // more than a week ahead
    expect(await sendReviewReminders(at("2026-03-14"))).toBe(1);
    expect(await sendReviewReminders(at("2026-03-15"))).toBe(0); // sent already
    const [week] = await mailsTo(env.db, hub.users.hub_staff.email, hub.id);
    expect(week?.subject).toBe("Update due in a week: Reminded plan (Summer review)");
    expect(week?.text).toContain("- Second target");
    expect(week?.text).not.toContain("- First target");
    expect(await sendReviewReminders(at("2026-03-20"))).toBe(1);
    expect(await sendReviewReminders(at("2026-03-28"))).toBe(1);
    expect(await subjects()).toEqual([
      "Update overdue: Reminded plan (Summer review)",
      "Update due today: Reminded plan (Summer review)",
      "Update due in a week: Reminded plan (Summer review)",
      "Update asked for: Reminded plan (Summer review)",
    ]);
  });

  it("writes the governance report as a PDF for hub users only", async () => {
    const { P } = await buildPlan("Governed plan");
    const { a } = first(await load(P));
    const t = a.targets[0];
    if (!t) throw new Error("target");
    await staff.post(`${P}/updates`, { targetId: t.id, text: "Behind", status: "at_risk" });
    const pdf = await staff.get(`${P}/governance.pdf?from=2026-01-01&to=2026-08-31`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toContain("governance-report-2026-01-01-to-2026-08-31.pdf");
    const text = (await readPdf(pdf.rawPayload)).pages.map((p) => p.text).join("\n");
    for (const s of [
      "Governance report: Governed plan",
      "At risk or off track",
      "First target",
      "At risk",
      "31 July 2026",
    ])
      expect(text).toContain(s);
    expect((await staff.get(`${P}/governance.pdf?from=2026-09-01&to=2026-08-31`)).statusCode).toBe(400);
    expect((await school.get(`${P}/governance.pdf?from=2026-01-01&to=2026-08-31`)).statusCode).toBe(403);
    expect((await otherAdmin.get(`${P}/governance.pdf?from=2026-01-01&to=2026-08-31`)).statusCode).toBe(404);
  });
});
