import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { readPdf } from "../../testing/pdf-text";
import { addUserToHub } from "../hubs/hubs.service";

const NOW = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let schoolUser: Agent;
let otherSchoolUser: Agent;
let urn: number;

const draft = {
  summary: "Singing is a real strength; timetable time is short in Year 5.",
  seen: "A whole-school singing assembly and a Year 4 ukulele lesson.",
  judgements: [
    { section: "Singing", judgement: "strength", seen: "Confident two-part singing" },
    { section: "Curriculum and timetable time", judgement: "priority", seen: null },
  ],
  nextSteps: [
    { text: "Give Year 5 a weekly music lesson", owner: "school", due: "2026-03-01" },
    { text: "Send the singing strategy resources", owner: "hub", due: "2026-07-01" },
  ],
};

const newVisit = async (): Promise<string> => {
  const res = await staff.post("/api/visits", {
    urn,
    date: "2026-03-09",
    purpose: "follow_up",
    recorded: true,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "reports");
  other = await seedHub(env.db, "elsewhere");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  const [school] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!school) throw new Error("no school");
  urn = school.urn;
  // A second school of the same hub, with its own school user.
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: urn + 7,
      laCode: "931",
      name: "Second Primary",
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  if (!second) throw new Error("no school");
  await addUserToHub(env.db, hub.actor, {
    email: "second-school@reports.test",
    name: "Second school user",
    role: "school_user",
    password: "correct-horse-battery",
    schoolId: second.id,
    partnerId: null,
  });
  otherSchoolUser = await signInAs(env.app, "second-school@reports.test");
});
afterAll(() => env.close());

describe("the report of a visit", () => {
  it("is drafted, approved by a hub admin and then shared with the school as a PDF", async () => {
    const id = await newVisit();
    const saved = await staff.request({
      method: "PUT",
      url: `/api/visits/${id}/report`,
      payload: { ...draft, version: 0 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ status: "draft", version: 1, summary: draft.summary });
    expect(saved.json().judgements).toHaveLength(2);
    expect(saved.json().nextSteps.map((s: { owner: string; status: string }) => [s.owner, s.status])).toEqual(
      [
        ["school", "open"],
        ["hub", "open"],
      ],
    );

    // A draft is for the hub only: the school's own user cannot see it, nor its PDF.
    expect((await schoolUser.get(`/api/visits/${id}/report`)).statusCode).toBe(404);
    expect((await schoolUser.get(`/api/visits/${id}/report.pdf`)).statusCode).toBe(404);
    expect((await schoolUser.get("/api/engagement/reports")).json()).toEqual([]);
    expect((await staff.get("/api/engagement/reports")).json()).toMatchObject([
      { visitId: id, status: "draft" },
    ]);
    expect((await staff.get(`/api/visits/${id}`)).json()).toMatchObject({ reportStatus: "draft" });

    // Only a hub admin approves.
    const notAdmin = await staff.post(`/api/visits/${id}/report/approve`);
    expect(notAdmin.statusCode).toBe(403);
    const approved = await admin.post(`/api/visits/${id}/report/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", approvedBy: "hub_admin of reports" });
    expect((await admin.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(409);

    const listed = (await schoolUser.get("/api/engagement/reports")).json();
    expect(listed.map((r: { visitId: string; status: string }) => [r.visitId, r.status])).toEqual([
      [id, "approved"],
    ]);
    expect((await otherSchoolUser.get("/api/engagement/reports")).json()).toEqual([]);

    const shared = await schoolUser.get(`/api/visits/${id}/report`);
    expect(shared.statusCode).toBe(200);
    expect(shared.json()).toMatchObject({ status: "approved", summary: draft.summary });
    const pdf = await schoolUser.get(`/api/visits/${id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = (await readPdf(pdf.rawPayload)).pages.map((p) => p.text).join("\n");
    expect(text).toContain("Hub reports");
    expect(text).toContain("School of reports");
    expect(text).toContain("Give Year 5 a weekly music lesson");
    expect(text).toContain("Priority");

    // Another school's user, and another hub, see nothing of it.
    expect((await otherSchoolUser.get(`/api/visits/${id}/report`)).statusCode).toBe(404);
    expect((await otherSchoolUser.get(`/api/visits/${id}/report.pdf`)).statusCode).toBe(404);
    const stranger = await signInAs(env.app, other.users.hub_admin.email);
    expect((await stranger.get(`/api/visits/${id}/report`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(404);

    // Approved and shared: no more edits.
    const late = await staff.request({
      method: "PUT",
      url: `/api/visits/${id}/report`,
      payload: { ...draft, version: 2 },
    });
    expect(late.statusCode).toBe(409);

    const entries = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.hubId, hub.id), eq(auditLog.entity, "visit_report")));
    expect(entries.map((e) => e.action)).toEqual(["create", "update"]);
  });

  it("refuses a stale edit from a second tab with 409 and a clear message, keeping the first edit", async () => {
    const id = await newVisit();
    const url = `/api/visits/${id}/report`;
    await staff.request({ method: "PUT", url, payload: { ...draft, version: 0 } });
    // Two tabs opened version 1 and both save.
    const [a, b] = await Promise.all([
      staff.request({ method: "PUT", url, payload: { ...draft, summary: "Tab A", version: 1 } }),
      admin.request({ method: "PUT", url, payload: { ...draft, summary: "Tab B", version: 1 } }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const [won, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(lost.json().error.message).toMatch(/Someone else saved this report after you opened it/);
    expect(lost.json().error.details).toEqual({ currentVersion: 2 });
    const now = (await staff.get(url)).json();
    expect(now).toMatchObject({ summary: won.json().summary, version: 2 });
    // A second "new" report on the same visit is stale too.
    expect((await staff.request({ method: "PUT", url, payload: { ...draft, version: 0 } })).statusCode).toBe(
      409,
    );
  });

  it("refuses bad input, missing versions and roles that may not write", async () => {
    const id = await newVisit();
    const url = `/api/visits/${id}/report`;
    const put = (agent: Agent, payload: unknown) => agent.request({ method: "PUT", url, payload });
    const owner = await put(staff, {
      ...draft,
      version: 0,
      nextSteps: [{ text: "x", owner: "parent", due: null }],
    });
    expect(owner.statusCode).toBe(400);
    expect(JSON.stringify(owner.json())).toContain("owned by the school or the hub");
    const judgement = await put(staff, {
      ...draft,
      version: 0,
      judgements: [{ section: "Singing", judgement: "great" }],
    });
    expect(judgement.statusCode).toBe(400);
    const noVersion = await put(staff, { summary: "x", nextSteps: [] });
    expect(noVersion.statusCode).toBe(400);
    expect(JSON.stringify(noVersion.json())).toContain("Send the version of the report you edited");
    expect((await put(anonymous(env.app), { ...draft, version: 0 })).statusCode).toBe(401);
    expect((await put(schoolUser, { ...draft, version: 0 })).statusCode).toBe(403);
    expect(
      (await put(await signInAs(env.app, other.users.hub_staff.email), { ...draft, version: 0 })).statusCode,
    ).toBe(404);
    // Nothing to approve yet.
    expect((await admin.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(409);
    // An empty summary cannot be approved.
    await put(staff, { summary: " ", nextSteps: [], version: 0 });
    expect((await admin.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(400);
  });

  it("lists open next steps of approved reports for follow-up, overdue ones flagged", async () => {
    const res = await staff.get("/api/engagement/follow-ups");
    expect(res.statusCode).toBe(200);
    const items = res.json() as { text: string; overdue: boolean; due: string }[];
    // Only the approved report's two steps; drafts are not followed up yet.
    expect(items.map((s) => [s.text, s.overdue])).toEqual([
      ["Give Year 5 a weekly music lesson", true],
      ["Send the singing strategy resources", false],
    ]);
    // "mine": the staff member is link officer of no school yet.
    expect((await staff.get("/api/engagement/follow-ups?mine=true")).json()).toEqual([]);
    await env.db
      .update(schools)
      .set({ linkOfficerId: hub.users.hub_staff.id })
      .where(eq(schools.id, hub.schoolId));
    expect((await staff.get("/api/engagement/follow-ups?mine=true")).json()).toHaveLength(2);
    expect((await schoolUser.get("/api/engagement/follow-ups")).statusCode).toBe(403);
    const stranger = await signInAs(env.app, other.users.hub_staff.email);
    expect((await stranger.get("/api/engagement/follow-ups")).json()).toEqual([]);
  });

  it("has no report for a cancelled visit", async () => {
    const visit = (await staff.post("/api/visits", { urn, date: "2026-04-01", purpose: "follow_up" })).json();
    await staff.post(`/api/visits/${visit.id}/cancel`, { reason: "Moved online" });
    const res = await staff.request({
      method: "PUT",
      url: `/api/visits/${visit.id}/report`,
      payload: { ...draft, version: 0 },
    });
    expect(res.statusCode).toBe(409);
  });
});
