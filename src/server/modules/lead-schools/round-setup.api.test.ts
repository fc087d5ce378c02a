import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, memberships, schools, users } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { addUserToHub } from "../hubs/hubs.service";

let now = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let school: Agent;
let otherAdmin: Agent;
let roundId = "";
let appId = "";
let urn = 0;

const R = "/api/lead-school-rounds";
const A = "/api/lead-school-applications";
const ROUND = {
  title: "Panel and criteria round",
  closesOn: "2026-03-20",
  shortlistOn: "2026-03-27",
  visitsFrom: "2026-04-13",
  announceOn: "2026-05-11",
};
const CRITERIA = [
  { id: "focus", label: "Strength in the focus areas", max: 5 },
  { id: "composition", label: "Composition in the curriculum", max: 10 },
];
type Fields = { error: { message: string; details?: { fields: { path: string; message: string }[] } } };
const fieldsOf = (body: string) => (JSON.parse(body) as Fields).error.details?.fields ?? [];
const put = (agent: Agent, id: string, payload: unknown) =>
  agent.request({ method: "PUT", url: `${R}/${id}`, payload });

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "panel");
  other = await seedHub(env.db, "panelother");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  const [row] = await env.db.select({ urn: schools.urn }).from(schools).where(eq(schools.id, hub.schoolId));
  urn = row?.urn ?? 0;
  const res = await admin.post(R, ROUND);
  expect(res.statusCode).toBe(201);
  roundId = (res.json() as { id: string }).id;
});
afterAll(async () => env?.close());

describe("a round's criteria", () => {
  it("saves added, edited and removed criteria with their highest scores", async () => {
    const res = await put(admin, roundId, { ...ROUND, criteria: CRITERIA });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { criteria: unknown }).criteria).toEqual(CRITERIA);
  });

  it("refuses a criterion with no name, a score out of range, or two of the same name, by field", async () => {
    const bad = await put(admin, roundId, {
      ...ROUND,
      criteria: [
        { id: "a", label: "", max: 5 },
        { id: "b", label: "Track record", max: 0 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const paths = fieldsOf(bad.body).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["criteria.0.label", "criteria.1.max"]));
    const twice = await put(admin, roundId, {
      ...ROUND,
      criteria: [
        { id: "a", label: "Track record", max: 5 },
        { id: "b", label: "track record", max: 5 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(fieldsOf(twice.body)).toEqual([
      { path: "criteria.1.label", message: "Two criteria have the same name" },
    ]);
    const none = await put(admin, roundId, { ...ROUND, criteria: [] });
    expect(none.statusCode).toBe(400);
    expect(fieldsOf(none.body)[0]?.path).toBe("criteria");
  });

  it("keeps the criteria once a reviewer has scored, but other changes still save", async () => {
    const started = await school.post(`${R}/${roundId}/applications`);
    appId = (started.json() as { id: string }).id;
    // Submitted directly: the application form itself is tested in lead-schools.api.test.ts.
    await env.pool.query(
      "update lead_school_applications set status = 'submitted', submitted_at = now() where id = $1",
      [appId],
    );
    const scored = await staff.request({
      method: "PUT",
      url: `${A}/${appId}/reviews/mine`,
      payload: {
        scores: [
          { criterionId: "focus", score: 4 },
          { criterionId: "composition", score: 8 },
        ],
      },
    });
    expect(scored.statusCode).toBe(200);
    const changed = await put(admin, roundId, { ...ROUND, criteria: [CRITERIA[0]] });
    expect(changed.statusCode).toBe(409);
    expect(fieldsOf(changed.body)[0]?.path).toBe("criteria");
    const retitled = await put(admin, roundId, { ...ROUND, title: "Renamed round", criteria: CRITERIA });
    expect(retitled.statusCode).toBe(200);
  });
});

describe("a round's panel", () => {
  it("adds the hub's people and names them; hub staff and schools cannot see or change it", async () => {
    const res = await put(admin, roundId, {
      ...ROUND,
      criteria: CRITERIA,
      panelUserIds: [hub.users.school_user.id, hub.users.hub_staff.id],
    });
    expect(res.statusCode).toBe(200);
    const panel = await admin.get(`${R}/${roundId}/panel`);
    expect(panel.statusCode).toBe(200);
    expect((panel.json() as { userId: string; role: string }[]).map((p) => [p.userId, p.role])).toEqual([
      [hub.users.school_user.id, "school_user"],
      [hub.users.hub_staff.id, "hub_staff"],
    ]);
    expect((await staff.get(`${R}/${roundId}/panel`)).statusCode).toBe(403);
    expect((await school.get(`${R}/${roundId}/panel`)).statusCode).toBe(403);
    expect((await otherAdmin.get(`${R}/${roundId}/panel`)).statusCode).toBe(404);
    expect((await put(staff, roundId, { ...ROUND, panelUserIds: [] })).statusCode).toBe(403);
  });

  it("refuses someone of another hub, a partner user or a deactivated member, by field", async () => {
    const res = await put(admin, roundId, {
      ...ROUND,
      criteria: CRITERIA,
      panelUserIds: [hub.users.hub_staff.id, other.users.hub_staff.id, hub.users.partner_user.id],
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body).map((f) => f.path)).toEqual(["panelUserIds.1", "panelUserIds.2"]);
    await env.db
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.hubId, hub.id), eq(memberships.userId, hub.users.hub_staff.id)));
    const off = await put(admin, roundId, {
      ...ROUND,
      criteria: CRITERIA,
      panelUserIds: [hub.users.hub_staff.id],
    });
    expect(off.statusCode).toBe(400);
    await env.db
      .update(memberships)
      .set({ active: true })
      .where(and(eq(memberships.hubId, hub.id), eq(memberships.userId, hub.users.hub_staff.id)));
    const malformed = await put(admin, roundId, { ...ROUND, panelUserIds: ["nobody"] });
    expect(malformed.statusCode).toBe(400);
  });
});

describe("a panel member's applications to review", () => {
  it("lists the submitted applications of the rounds naming them, never their own school's", async () => {
    const [elsewhere] = await env.db
      .insert(schools)
      .values({
        hubId: hub.id,
        urn: 299001,
        laCode: "931",
        laName: "Northshire",
        name: "Panel Primary",
        phase: "primary",
        status: "open",
        source: "manual",
      })
      .returning();
    const { user: panelUser } = await addUserToHub(env.db, hub.actor, {
      email: "panel.lead@panel.test",
      name: "Panel Lead",
      role: "school_user",
      password: "correct-horse-battery",
      schoolId: elsewhere?.id ?? null,
      partnerId: null,
    });
    const reviewer = await signInAs(env.app, "panel.lead@panel.test");
    expect(await (await reviewer.get(`${A}/to-review`)).json()).toEqual([]);
    const named = await put(admin, roundId, {
      ...ROUND,
      criteria: CRITERIA,
      panelUserIds: [hub.users.school_user.id, panelUser.id],
    });
    expect(named.statusCode).toBe(200);
    const list = await reviewer.get(`${A}/to-review`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: appId, roundId, urn, status: "submitted", scored: false }),
    ]);
    expect(await (await school.get(`${A}/to-review`)).json()).toEqual([]);
    expect(await (await otherAdmin.get(`${A}/to-review`)).json()).toEqual([]);
    expect((await reviewer.get(`${A}/${appId}/reviews`)).statusCode).toBe(200);
  });
});

describe("appointing from the round", () => {
  it("refuses a shortlisted school that has closed since it applied", async () => {
    const listed = await admin.post(`${A}/${appId}/shortlist`, { reason: "Strong composition" });
    expect(listed.statusCode).toBe(200);
    await env.db.update(schools).set({ status: "closed" }).where(eq(schools.id, hub.schoolId));
    const appoint = await admin.post(`${A}/${appId}/appoint`, {
      focusAreas: ["composition_improvisation"],
      from: "2026-09-01",
      to: "2029-08-31",
    });
    await env.db.update(schools).set({ status: "open" }).where(eq(schools.id, hub.schoolId));
    expect(appoint.statusCode).toBe(400);
    expect(appoint.json()).toMatchObject({ error: { message: expect.stringMatching(/closed/) } });
  });
});

describe("inviting a school to apply by link", () => {
  const mailTo = (to: string) => env.db.select().from(mailMessages).where(eq(mailMessages.to, to));

  it("e-mails a user of the school the link to the form; the reply carries no link", async () => {
    const res = await admin.post(`${R}/${roundId}/invitations`, {
      urn,
      email: hub.users.school_user.email,
      name: "Music Lead",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ urn, kind: "existing_user", email: hub.users.school_user.email });
    expect(res.body).not.toMatch(/https?:|token/i);
    const [mail] = await mailTo(hub.users.school_user.email);
    expect(mail?.text).toContain(`/lead-schools/rounds/${roundId}/apply`);
  });

  it("invites a new person to Tutti as a user of the school, and sends the link to the form", async () => {
    const email = "new.music.lead@panel.test";
    const res = await admin.post(`${R}/${roundId}/invitations`, { urn, email, name: "New Lead" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: "new_user" });
    expect(res.body).not.toMatch(/https?:|token/i);
    const mails = await mailTo(email);
    expect(mails.map((m) => m.text).join("\n")).toContain(`/lead-schools/rounds/${roundId}/apply`);
    expect(mails.map((m) => m.text).join("\n")).toContain("/invitations/accept?token=");
    const [user] = await env.db.select().from(users).where(eq(users.email, email));
    const [member] = await env.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.hubId, hub.id), eq(memberships.userId, user?.id ?? "")));
    expect(member).toMatchObject({ role: "school_user", schoolId: hub.schoolId, acceptedAt: null });
    // Invited again before accepting: the link again, with a reminder to accept first.
    const again = await admin.post(`${R}/${roundId}/invitations`, { urn, email, name: "New Lead" });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ kind: "existing_user" });
    const texts = (await mailTo(email)).map((m) => m.text);
    expect(texts.filter((t) => t.includes("Accept the invitation to"))).toHaveLength(1);
  });

  it("refuses an unknown URN, a hub member of another role, bad input, other roles and hubs", async () => {
    const unknown = await admin.post(`${R}/${roundId}/invitations`, {
      urn: 999999,
      email: "x@panel.test",
      name: "X",
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.body)[0]?.path).toBe("urn");
    const staffAddress = await admin.post(`${R}/${roundId}/invitations`, {
      urn,
      email: hub.users.hub_staff.email,
      name: "Staff",
    });
    expect(staffAddress.statusCode).toBe(400);
    expect(fieldsOf(staffAddress.body)[0]?.path).toBe("email");
    const bad = await admin.post(`${R}/${roundId}/invitations`, { urn, email: "not an address", name: "" });
    expect(bad.statusCode).toBe(400);
    expect(
      fieldsOf(bad.body)
        .map((f) => f.path)
        .sort(),
    ).toEqual(["email", "name"]);
    const body = { urn, email: "someone@panel.test", name: "Someone" };
    expect((await staff.post(`${R}/${roundId}/invitations`, body)).statusCode).toBe(403);
    expect((await school.post(`${R}/${roundId}/invitations`, body)).statusCode).toBe(403);
    expect((await otherAdmin.post(`${R}/${roundId}/invitations`, body)).statusCode).toBe(404);
    expect(await mailTo("someone@panel.test")).toEqual([]);
  });

  it("refuses after the closing date, with the date", async () => {
    now = new Date("2026-03-21T10:00:00Z");
    admin = await signInAs(env.app, hub.users.hub_admin.email);
    const late = await admin.post(`${R}/${roundId}/invitations`, {
      urn,
      email: "late@panel.test",
      name: "Late",
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("closed on 20 March 2026");
  });
});
