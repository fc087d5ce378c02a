import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schools } from "../../db/schema/index";
import { contextFor } from "../../platform/context";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";
import { addUserToHub } from "../hubs/hubs.service";
import { cpdMeasures } from "./cpd.measures";
import { cpdTimelineSources } from "./cpd.timeline";
import { sendCpdReminders } from "./cpd-reminders";

let now = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let school2: Agent;
let urn: number;
let urn2: number;
let eventId: string;
let sessionId: string;
let placeA: string;
let placeB: string;

const E = "/api/cpd/events";

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "rec");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  const [first] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!first) throw new Error("no school");
  urn = first.urn;
  urn2 = urn + 1;
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: urn2,
      laCode: "931",
      name: "Lead Fictional Academy",
      phase: "secondary",
      status: "open",
      source: "manual",
    })
    .returning();
  if (!second) throw new Error("no school");
  await addUserToHub(env.db, hub.actor, {
    email: "lead@second.test",
    name: "Lead of Second",
    role: "school_user",
    password: TEST_PASSWORD,
    schoolId: second.id,
  });
  school2 = await signInAs(env.app, "lead@second.test");
  // The second school is a Lead School, appointed as a hub would record one.
  const appointed = await admin.post("/api/lead-schools", {
    urn: urn2,
    focusAreas: ["assessment"],
    from: "2020-09-01",
    to: "2030-08-31",
  });
  if (appointed.statusCode !== 201) throw new Error(appointed.body);
  const created = await staff.post(E, {
    title: "Assessment in KS3",
    kind: "course",
    capacity: 10,
    pricePence: 6000,
    status: "published",
    sessions: [{ startsAt: "2026-03-17T16:00:00Z", endsAt: "2026-03-17T17:30:00Z", venue: "Fictional Hall" }],
  });
  expect(created.statusCode, created.body).toBe(201);
  eventId = created.json().id;
  sessionId = created.json().sessions[0].id;
  const a = await school.post(`${E}/${eventId}/bookings`, {
    urn,
    attendees: [{ name: "Avery Sample", email: "avery@one.test" }],
  });
  const b = await school2.post(`${E}/${eventId}/bookings`, {
    urn: urn2,
    attendees: [
      { name: "Blake Sample", email: "blake@two.test" },
      { name: "Casey Sample", email: "casey@two.test" },
    ],
  });
  placeA = a.json().places[0].id;
  placeB = b.json().places[0].id;
});
afterAll(async () => {
  await env.close();
});

describe("reminders", () => {
  it("sends a week and a day before, each once, with the .ics", async () => {
    expect(await sendCpdReminders(env.deps, new Date("2026-03-10T17:00:00Z"))).toEqual({
      week: 2,
      day: 0,
      feedback: 0,
    });
    expect(await sendCpdReminders(env.deps, new Date("2026-03-10T18:00:00Z"))).toEqual({
      week: 0,
      day: 0,
      feedback: 0,
    });
    expect(await sendCpdReminders(env.deps, new Date("2026-03-16T17:00:00Z"))).toEqual({
      week: 0,
      day: 2,
      feedback: 0,
    });
    expect(await sendCpdReminders(env.deps, new Date("2026-03-17T19:00:00Z"))).toEqual({
      week: 0,
      day: 0,
      feedback: 2,
    });
    expect(await sendCpdReminders(env.deps, new Date("2026-03-17T20:00:00Z"))).toEqual({
      week: 0,
      day: 0,
      feedback: 0,
    });
    const mails = await mailsTo(env.db, "avery@one.test", hub.id);
    const subjects = mails.map((m) => m.subject);
    expect(subjects).toContain("In a week: Assessment in KS3");
    expect(subjects).toContain("Tomorrow: Assessment in KS3");
    expect(subjects).toContain("How was it? Feedback on Assessment in KS3");
    expect(mails.find((m) => m.subject.startsWith("Tomorrow"))?.attachments?.[0]?.content).toContain(
      "BEGIN:VEVENT",
    );
  });
});

describe("register and feedback", () => {
  it("refuses feedback before the event", async () => {
    const res = await school.post(`${E}/${eventId}/feedback`, {
      placeId: placeA,
      usefulness: 4,
      confidenceBefore: 2,
      confidenceAfter: 4,
    });
    expect([res.statusCode, res.json().error.message]).toEqual([
      409,
      "Feedback opens once the event has taken place",
    ]);
  });

  it("marks a session's register and reads it back", async () => {
    now = new Date("2026-03-17T16:05:00Z");
    const res = await staff.request({
      method: "PUT",
      url: `/api/cpd/sessions/${sessionId}/attendance`,
      payload: {
        marks: [
          { placeId: placeA, mark: "attended" },
          { placeId: placeB, mark: "absent" },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const marks = Object.fromEntries(
      (res.json().rows as { name: string; mark: string | null }[]).map((r) => [r.name, r.mark]),
    );
    expect(marks).toEqual({ "Avery Sample": "attended", "Blake Sample": "absent", "Casey Sample": null });
    expect((await school.get(`${E}/${eventId}/register`)).statusCode).toBe(403);
  });

  it("takes feedback once per person, for the school's own places, and sums it up", async () => {
    now = new Date("2026-03-18T09:00:00Z");
    const body = {
      placeId: placeA,
      usefulness: 5,
      confidenceBefore: 2,
      confidenceAfter: 4,
      comments: "Practical",
    };
    expect((await school2.post(`${E}/${eventId}/feedback`, body)).statusCode).toBe(404);
    expect((await school.post(`${E}/${eventId}/feedback`, body)).statusCode).toBe(201);
    expect((await school.post(`${E}/${eventId}/feedback`, body)).statusCode).toBe(409);
    const bad = await school.post(`${E}/${eventId}/feedback`, { ...body, usefulness: 9 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Choose how useful it was from 1 to 5");
    const summary = (await staff.get(`${E}/${eventId}/feedback`)).json();
    expect(summary).toMatchObject({
      responses: 1,
      attended: 1,
      usefulnessAverage: 5,
      confidenceAfterAverage: 4,
    });
    expect(summary.comments).toEqual(["Practical"]);
    const programme = (await staff.get("/api/cpd/feedback?year=2025/26")).json();
    expect(programme.overall.responses).toBe(1);
    expect(programme.events).toHaveLength(1);
  });
});

describe("supply-cover claims", () => {
  it("refuses a school that is not a Lead School", async () => {
    const res = await school.post("/api/cpd/claims", { eventId, urn, days: 1, dailyRatePence: 18000 });
    expect([res.statusCode, res.json().error.message]).toEqual([
      409,
      "Only Lead Schools can claim towards supply cover",
    ]);
  });

  it("works out the hub's contribution at the hub's rate; admins approve or reject with a reason", async () => {
    const first = await school2.post("/api/cpd/claims", {
      eventId,
      urn: urn2,
      days: 1.5,
      dailyRatePence: 18000,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      totalPence: 27000,
      contributionPercent: 50,
      contributionPence: 13500,
      status: "submitted",
    });
    expect(
      (await school2.post("/api/cpd/claims", { eventId, urn: urn2, days: 1, dailyRatePence: 18000 }))
        .statusCode,
    ).toBe(409);
    const half = await school2.post("/api/cpd/claims", {
      eventId,
      urn: urn2,
      days: 0.3,
      dailyRatePence: 18000,
    });
    expect(half.statusCode).toBe(409);
    expect(
      (await staff.post(`/api/cpd/claims/${first.json().id}/decision`, { decision: "approve" })).statusCode,
    ).toBe(403);
    const noReason = await admin.post(`/api/cpd/claims/${first.json().id}/decision`, { decision: "reject" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("Give the reason for rejecting the claim");
    const rejected = await admin.post(`/api/cpd/claims/${first.json().id}/decision`, {
      decision: "reject",
      reason: "Wrong days",
    });
    expect(rejected.json()).toMatchObject({ status: "rejected", reason: "Wrong days" });
    expect(
      (
        await admin.request({
          method: "PUT",
          url: "/api/cpd/settings",
          payload: { supplyContributionPercent: 60, cancelCutoffDays: 5 },
        })
      ).statusCode,
    ).toBe(200);
    const second = await school2.post("/api/cpd/claims", {
      eventId,
      urn: urn2,
      days: 1,
      dailyRatePence: 20000,
    });
    expect(second.json()).toMatchObject({
      totalPence: 20000,
      contributionPercent: 60,
      contributionPence: 12000,
    });
    await admin.post(`/api/cpd/claims/${second.json().id}/decision`, { decision: "approve" });
    const csv = await admin.get("/api/cpd/claims/export.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Lead Fictional Academy");
    expect(csv.body).toContain("120.00");
    expect(csv.body).not.toContain("Wrong days");
    const mine = (await school.get("/api/cpd/claims")).json().items;
    expect(mine).toEqual([]);
  });
});

describe("invoices, reach and measures", () => {
  it("sums each school's charges for the term as CSV and XLSX", async () => {
    const json = (await admin.get("/api/cpd/invoices?term=2025/26-spring")).json();
    expect(json.items).toEqual([
      expect.objectContaining({ urn: urn2, chargedPlaces: 1, freePlaces: 1, totalPence: 6000 }),
      expect.objectContaining({ urn, chargedPlaces: 1, freePlaces: 0, totalPence: 6000 }),
    ]);
    const csv = await admin.get("/api/cpd/invoices.csv?term=2025/26-spring");
    expect(csv.body).toContain("Total (£)");
    expect(csv.body).toContain("60.00");
    const xlsx = await admin.get("/api/cpd/invoices.xlsx?term=2025/26-spring");
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet("CPD invoices")?.getRow(2).getCell(2).value).toBe("Lead Fictional Academy");
    expect((await staff.get("/api/cpd/invoices")).statusCode).toBe(403);
  });

  it("counts reach and the national return, and lists schools not engaged", async () => {
    const reach = (await staff.get("/api/cpd/reach?year=2025/26")).json();
    expect(reach.nationalReturn).toEqual({ sessions: 1, attendees: 2, schoolsReached: 2 });
    const spring = reach.terms.find((t: { term: string }) => t.term === "2025/26-spring");
    expect(spring.byPhase).toEqual([
      { phase: "primary", schools: 1, staff: 1 },
      { phase: "secondary", schools: 1, staff: 1 },
    ]);
    expect(reach.notEngaged).toEqual([]);
  });

  it("measures the share of open schools reached and shows bookings on the school timeline", async () => {
    const measure = cpdMeasures.find((m) => m.id === "cpd_schools_reached_share");
    expect(await measure?.compute({ db: env.db, hubId: hub.id, on: "2026-03-18" })).toEqual({
      value: 1,
      numerator: 2,
      denominator: 2,
    });
    const ctx = contextFor(env.deps, { ...hub.actor, role: "hub_staff" });
    const entries = await cpdTimelineSources[0]?.load(ctx, String(urn));
    expect(entries?.[0]).toMatchObject({
      kind: "cpd",
      title: "Course: Assessment in KS3",
      detail: "Booked, 1 place",
    });
  });
});
