import { and, eq } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, schoolContacts, schools } from "../../db/schema/index";
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

// "Today" is Tuesday 10 March 2026 in London.
const NOW = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let urn: number;
let closedUrn: number;

const parse = (text: string) => ical.sync.parseICS(text);
const eventOf = (text: string): VEvent => {
  const e = Object.values(parse(text)).find((c): c is VEvent => c?.type === "VEVENT");
  if (!e) throw new Error("no VEVENT");
  return e;
};
const icsOf = async (to: string, subject: RegExp) => {
  const mail = (await mailsTo(env.db, to, hub.id)).find((m) => subject.test(m.subject));
  const file = mail?.attachments?.[0];
  if (!mail || !file) throw new Error(`no mail to ${to} matching ${subject}`);
  return { mail, file, event: eventOf(file.content), calendar: parse(file.content).vcalendar };
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "visits");
  other = await seedHub(env.db, "elsewhere");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  const [school] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!school) throw new Error("no school");
  urn = school.urn;
  await env.db.insert(schoolContacts).values([
    {
      hubId: hub.id,
      schoolId: hub.schoolId,
      role: "headteacher",
      name: "Ada Fictional",
      email: "head@school.test",
    },
    {
      hubId: hub.id,
      schoolId: hub.schoolId,
      role: "music_lead",
      name: "Bo Invented",
      email: "music@school.test",
    },
    { hubId: hub.id, schoolId: hub.schoolId, role: "governor", name: "No Address" },
  ]);
  closedUrn = urn + 1;
  await env.db.insert(schools).values({
    hubId: hub.id,
    urn: closedUrn,
    laCode: "931",
    name: "Closed Academy",
    phase: "primary",
    status: "closed",
    source: "manual",
  });
});
afterAll(() => env.close());

const schedule = (agent: Agent, body: Record<string, unknown>) =>
  agent.post("/api/visits", { urn, date: "2026-03-24", purpose: "first_conversation", ...body });

describe("POST /api/visits", () => {
  it("schedules a visit, audits it and tells each contact with an e-mail address, with an .ics invitation", async () => {
    const res = await schedule(staff, {
      time: "10:30",
      attendeeIds: [hub.users.hub_staff.id, hub.users.hub_admin.id],
      notes: "Meet in the hall",
    });
    expect(res.statusCode).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({
      urn,
      date: "2026-03-24",
      time: "10:30",
      purpose: "first_conversation",
      status: "scheduled",
      reportStatus: "none",
    });
    expect(visit.attendees.map((a: { name: string }) => a.name).sort()).toEqual([
      "hub_admin of visits",
      "hub_staff of visits",
    ]);
    const audit = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "visit"), eq(auditLog.entityId, visit.id)));
    expect(audit).toHaveLength(1);

    for (const to of ["head@school.test", "music@school.test"]) {
      const { mail, file, event, calendar } = await icsOf(
        to,
        /Visit from Hub visits on 24 March 2026 at 10:30/,
      );
      expect(mail.text).toContain("School of visits");
      expect(file.contentType).toContain("method=REQUEST");
      expect(calendar).toMatchObject({ method: "REQUEST" });
      expect(event.uid).toBe(`visit-${visit.id}@tutti`);
      expect(String(event.sequence)).toBe("0");
      // 10:30 London time in March (GMT) is 10:30 UTC.
      expect(new Date(event.start).toISOString()).toBe("2026-03-24T10:30:00.000Z");
    }
  });

  it("refuses a date in the past unless the visit is being recorded, and does not announce a recorded one", async () => {
    const past = await schedule(staff, { date: "2026-03-09" });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/date has passed/);
    const recorded = await schedule(staff, { date: "2026-03-09", recorded: true, purpose: "follow_up" });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ recorded: true });
    const mails = await mailsTo(env.db, "head@school.test", hub.id);
    expect(mails.some((m) => m.subject.includes("9 March 2026"))).toBe(false);
  });

  it("allows today's date", async () => {
    expect((await schedule(staff, { date: "2026-03-10" })).statusCode).toBe(201);
  });

  it("refuses a closed school", async () => {
    const res = await staff.post("/api/visits", { urn: closedUrn, date: "2026-04-01", purpose: "follow_up" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/closed/);
  });

  it("refuses bad input in its own words", async () => {
    const purpose = await schedule(staff, { purpose: "party" });
    expect(purpose.statusCode).toBe(400);
    expect(JSON.stringify(purpose.json())).toContain("Choose the purpose of the visit");
    const date = await schedule(staff, { date: "2026-02-30" });
    expect(date.statusCode).toBe(400);
    expect(JSON.stringify(date.json())).toContain("That date does not exist");
    expect((await schedule(staff, { time: "25:00" })).statusCode).toBe(400);
  });

  it("refuses attendees who are not hub staff of this hub", async () => {
    for (const id of [hub.users.school_user.id, other.users.hub_staff.id]) {
      const res = await schedule(staff, { attendeeIds: [id] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/admins or staff of this hub/);
    }
  });

  it("refuses anonymous callers, school and partner users, and another hub's staff", async () => {
    expect((await schedule(anonymous(env.app), {})).statusCode).toBe(401);
    expect((await schedule(await signInAs(env.app, hub.users.school_user.email), {})).statusCode).toBe(403);
    expect((await schedule(await signInAs(env.app, hub.users.partner_user.email), {})).statusCode).toBe(403);
    // The URN is not one of the other hub's schools.
    expect((await schedule(await signInAs(env.app, other.users.hub_admin.email), {})).statusCode).toBe(404);
  });
});

describe("reschedule and cancel", () => {
  it("moves a visit with a reason: same UID, SEQUENCE raised, contacts told", async () => {
    const visit = (await schedule(staff, { date: "2026-05-05", time: "09:15" })).json();
    const noReason = await staff.post(`/api/visits/${visit.id}/reschedule`, { date: "2026-05-12" });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain("Give a reason");
    const past = await staff.post(`/api/visits/${visit.id}/reschedule`, { date: "2026-03-01", reason: "x" });
    expect(past.statusCode).toBe(400);

    const res = await staff.post(`/api/visits/${visit.id}/reschedule`, {
      date: "2026-05-12",
      time: "14:00",
      reason: "Sports day moved",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      date: "2026-05-12",
      time: "14:00",
      sequence: 1,
      changeReason: "Sports day moved",
    });
    const { mail, event, calendar } = await icsOf("music@school.test", /moved to 12 May 2026 at 14:00/);
    expect(mail.text).toContain("Sports day moved");
    expect(calendar).toMatchObject({ method: "REQUEST" });
    expect(event.uid).toBe(`visit-${visit.id}@tutti`);
    expect(String(event.sequence)).toBe("1");
    // 14:00 London in May (BST) is 13:00 UTC.
    expect(new Date(event.start).toISOString()).toBe("2026-05-12T13:00:00.000Z");
  });

  it("cancels a visit with a reason: METHOD:CANCEL on the same UID; a cancelled visit cannot change again", async () => {
    const visit = (await schedule(staff, { date: "2026-06-02" })).json();
    expect((await staff.post(`/api/visits/${visit.id}/cancel`, {})).statusCode).toBe(400);
    const res = await staff.post(`/api/visits/${visit.id}/cancel`, { reason: "School closed for snow" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "cancelled", sequence: 1 });
    const { file, event, calendar } = await icsOf("head@school.test", /2 June 2026 cancelled/);
    expect(file.contentType).toContain("method=CANCEL");
    expect(calendar).toMatchObject({ method: "CANCEL" });
    expect(event.uid).toBe(`visit-${visit.id}@tutti`);
    expect(event.status).toBe("CANCELLED");
    expect((await staff.post(`/api/visits/${visit.id}/cancel`, { reason: "again" })).statusCode).toBe(409);
    const move = await staff.post(`/api/visits/${visit.id}/reschedule`, { date: "2026-06-09", reason: "x" });
    expect(move.statusCode).toBe(409);
  });

  it("keeps another hub's visits out of reach (404)", async () => {
    const visit = (await schedule(staff, { date: "2026-06-03" })).json();
    const stranger = await signInAs(env.app, other.users.hub_admin.email);
    expect((await stranger.get(`/api/visits/${visit.id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/visits/${visit.id}/cancel`, { reason: "x" })).statusCode).toBe(404);
    expect((await staff.get(`/api/visits/${visit.id}`)).statusCode).toBe(200);
  });
});

describe("GET /api/visits", () => {
  it("filters by date range, purpose and status, and pages", async () => {
    const all = (await admin.get("/api/visits?pageSize=200")).json();
    expect(all.total).toBeGreaterThanOrEqual(6);
    const range = (await admin.get("/api/visits?from=2026-05-01&to=2026-05-31")).json();
    expect(range.items.map((v: { date: string }) => v.date)).toEqual(["2026-05-12"]);
    const followUps = (await admin.get("/api/visits?purpose=follow_up")).json();
    expect(followUps.items.every((v: { purpose: string }) => v.purpose === "follow_up")).toBe(true);
    expect(followUps.total).toBe(1);
    const cancelled = (await admin.get("/api/visits?status=cancelled")).json();
    expect(cancelled.items.map((v: { date: string }) => v.date)).toEqual(["2026-06-02"]);
    const page2 = (await admin.get("/api/visits?pageSize=2&page=2")).json();
    expect(page2.items).toHaveLength(2);
    expect(page2.items[0].id).toBe(all.items[2].id);
    expect((await admin.get("/api/visits?from=yesterday")).statusCode).toBe(400);
  });

  it("exports the filtered list as formula-safe CSV", async () => {
    await schedule(staff, { date: "2026-07-07", notes: '=HYPERLINK("http://x.test")' });
    const res = await admin.get("/api/visits/export.csv?from=2026-07-01&to=2026-07-31");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Date,Time,URN,School,Purpose/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("2026-07-07");
    expect(lines[1]).toContain("First conversation");
    expect(lines[1]).toContain("'=HYPERLINK");
    expect(
      (await (await signInAs(env.app, hub.users.school_user.email)).get("/api/visits/export.csv")).statusCode,
    ).toBe(403);
  });

  it("shows another hub none of them", async () => {
    const stranger = await signInAs(env.app, other.users.hub_staff.email);
    expect((await stranger.get("/api/visits")).json()).toMatchObject({ total: 0, items: [] });
  });
});

describe("calendar feed", () => {
  it("puts a visit in the personal feed of the staff who attend, not of others", async () => {
    const token = (await staff.post("/api/me/calendar-token")).json();
    const feed = await anonymous(env.app).get(new URL(token.url).pathname);
    expect(feed.statusCode).toBe(200);
    const events = Object.values(parse(feed.body)).filter((c): c is VEvent => c?.type === "VEVENT");
    expect(events.some((e) => String(e.summary).includes("School of visits"))).toBe(true);

    const outsider = await signInAs(env.app, other.users.hub_staff.email);
    const otherToken = (await outsider.post("/api/me/calendar-token")).json();
    const otherFeed = await anonymous(env.app).get(new URL(otherToken.url).pathname);
    expect(otherFeed.body).not.toContain("School of visits");
  });
});
