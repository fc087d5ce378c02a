import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QmAnswerInput, QmApplication } from "../../../shared/schemas/quality-mark";
import { mailMessages, schoolMusicData, schools, visits } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { addUserToHub } from "../hubs/hubs.service";

const A = "/api/quality-mark/applications";
// 10 March 2026: academic year 2025/26.
const NOW = new Date("2026-03-10T10:00:00Z");

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let school: Agent;
let partner: Agent;
let secondSchool: Agent;
let otherAdmin: Agent;
let secondSchoolId = "";
let trustSchoolId = "";
let schoolUrn = 0;

const multipartFile = (name: string, type: string, bytes: Buffer) => {
  const boundary = "qmboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
};
const PDF = Buffer.from("%PDF-1.4\n% a fictional curriculum map\n");

const mailTo = async (email: string) =>
  (await env.db.select().from(mailMessages).where(eq(mailMessages.to, email))).map((m) => m.subject);

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "qm");
  other = await seedHub(env.db, "qm-other");
  await env.db.update(schools).set({ trust: "Harmony Learning Trust" }).where(eq(schools.id, hub.schoolId));
  const inserted = await env.db
    .insert(schools)
    .values([
      {
        hubId: hub.id,
        urn: 990101,
        laCode: "931",
        name: "Second Primary",
        phase: "primary",
        status: "open",
        source: "manual",
      },
      {
        hubId: hub.id,
        urn: 990102,
        laCode: "931",
        name: "Trust Academy",
        phase: "secondary",
        status: "open",
        source: "manual",
        trust: "Harmony Learning Trust",
      },
    ])
    .returning();
  secondSchoolId = inserted[0]?.id ?? "";
  trustSchoolId = inserted[1]?.id ?? "";
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  schoolUrn = own?.urn ?? 0;
  await addUserToHub(env.db, hub.actor, {
    email: "second-school@qm.test",
    name: "Second school user",
    role: "school_user",
    password: TEST_PASSWORD,
    schoolId: secondSchoolId,
    partnerId: null,
  });
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  secondSchool = await signInAs(env.app, "second-school@qm.test");
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
});
afterAll(() => env.close());

let app: QmApplication;

const answerAll = (a: QmApplication, evidence: QmAnswerInput["evidence"]) =>
  Object.fromEntries(
    a.standards.map((s) => [s.id, { self: "met", commentary: `We do: ${s.title}`, evidence }]),
  );

describe("the framework", () => {
  it("is made on first use with the default levels and themes", async () => {
    const res = await school.get("/api/quality-mark/framework");
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.academicYear).toBe("2025/26");
    expect(f.version).toBe(1);
    expect(f.levels.map((l: { code: string }) => l.code)).toEqual(["bronze", "silver", "gold", "platinum"]);
    expect(f.levels[0].standards).toHaveLength(7);
  });

  it("refuses levels out of order and repeated codes, with the field named", async () => {
    const std = { id: "x-1", theme: "singing", title: "Sing", guidance: "", evidenceExpected: "" };
    const res = await admin.request({
      method: "PUT",
      url: "/api/quality-mark/framework",
      payload: {
        academicYear: "2025/26",
        levels: [
          { code: "silver", label: "Silver", standards: [std] },
          { code: "bronze", label: "Bronze", standards: [std] },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain("levels.1.code");
    expect(paths).toContain("levels.1.standards.0.id");
  });
});

describe("an application from draft to award", () => {
  it("starts a draft for the school user's own school, judged against the current version", async () => {
    const res = await school.post(A, { level: "bronze" });
    expect(res.statusCode).toBe(201);
    app = res.json();
    expect(app).toMatchObject({
      status: "draft",
      level: "bronze",
      academicYear: "2025/26",
      frameworkVersion: 1,
    });
    expect(app.standards).toHaveLength(7);
    expect(app.support).toMatchObject({ ready: false, supportedLevel: null });
    expect((await school.post(A, { level: "silver" })).statusCode).toBe(409);
  });

  it("keeps the version it was made under when the framework changes (a standard added, one removed)", async () => {
    const f = (await admin.get("/api/quality-mark/framework")).json();
    const removed: string = f.levels[0].standards.shift().id;
    f.levels[0].standards.push({
      id: "b-new",
      theme: "singing",
      title: "A new standard",
      guidance: "",
      evidenceExpected: "",
    });
    const saved = await admin.request({
      method: "PUT",
      url: "/api/quality-mark/framework",
      payload: { academicYear: "2025/26", levels: f.levels },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(2);
    const again = (await school.get(`${A}/${app.id}`)).json();
    expect(again.frameworkVersion).toBe(1);
    expect(again.standards.map((s: { id: string }) => s.id)).not.toContain("b-new");
    expect(again.standards.map((s: { id: string }) => s.id)).toContain(removed);
    const latest = (await admin.get("/api/quality-mark/framework")).json();
    expect(latest.levels[0].standards.map((s: { id: string }) => s.id)).not.toContain(removed);
  });

  it("refuses evidence that is not a PDF, image or office file, whatever its name", async () => {
    const sid = app.standards[0]?.id ?? "";
    const bad = multipartFile("plan.pdf", "application/pdf", Buffer.from("just some text pretending"));
    const res = await school.request({
      method: "POST",
      url: `${A}/${app.id}/files?standardId=${sid}`,
      ...bad,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain(
      "must be a PDF, an image, a Word document or an Excel workbook",
    );
  });

  it("refuses evidence over 10 MB", async () => {
    const sid = app.standards[0]?.id ?? "";
    const big = multipartFile(
      "big.pdf",
      "application/pdf",
      Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 10)]),
    );
    const res = await school.request({
      method: "POST",
      url: `${A}/${app.id}/files?standardId=${sid}`,
      ...big,
    });
    expect(res.statusCode).toBe(413);
  });

  it("takes a PDF as evidence of a standard, and lets hub users download it", async () => {
    const sid = app.standards[0]?.id ?? "";
    const res = await school.request({
      method: "POST",
      url: `${A}/${app.id}/files?standardId=${sid}`,
      ...multipartFile("curriculum map.pdf", "application/pdf", PDF),
    });
    expect(res.statusCode).toBe(200);
    app = res.json();
    const file = app.files[0];
    expect(file?.name).toBe("curriculum map.pdf");
    expect(app.answers[sid]?.evidence).toEqual([
      { kind: "file", fileId: file?.id, name: "curriculum map.pdf" },
    ]);
    const dl = await staff.get(`${A}/${app.id}/files/${file?.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["content-type"]).toBe("application/pdf");
    expect((await secondSchool.get(`${A}/${app.id}/files/${file?.id}`)).statusCode).toBe(404);
  });

  it("refuses the music development plan as evidence until the hub has it on record", async () => {
    const sid = app.standards[1]?.id ?? "";
    const body = { answers: { [sid]: { self: "met", commentary: "", evidence: [{ kind: "plan" }] } } };
    const refused = await school.request({ method: "PUT", url: `${A}/${app.id}/answers`, payload: body });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].path).toBe(`answers.${sid}.evidence.0`);
    await env.db
      .insert(schoolMusicData)
      .values({ hubId: hub.id, schoolId: hub.schoolId, academicYear: "2025/26", sdpMusic: true });
    const ok = await school.request({ method: "PUT", url: `${A}/${app.id}/answers`, payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().hasMusicPlan).toBe(true);
  });

  it("shows what is missing before submitting, and refuses to submit until it is there", async () => {
    const a = (await school.get(`${A}/${app.id}`)).json() as QmApplication;
    expect(a.support.unanswered).toHaveLength(6);
    const refused = await school.post(`${A}/${app.id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe("Answer this standard before submitting");
    const [first, ...rest] = a.standards;
    const answers = {
      ...answerAll({ ...a, standards: rest }, [{ kind: "link", url: "https://school.example.test/music" }]),
      [first?.id ?? ""]: {
        self: "met",
        commentary: "Timetabled",
        evidence: a.answers[first?.id ?? ""]?.evidence ?? [],
      },
    };
    const saved = await school.request({
      method: "PUT",
      url: `${A}/${app.id}/answers`,
      payload: { answers },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().support).toEqual({
      unanswered: [],
      lackingEvidence: [],
      supportedLevel: "bronze",
      ready: true,
    });
    const sent = await school.post(`${A}/${app.id}/submit`);
    expect(sent.statusCode).toBe(200);
    expect(sent.json().status).toBe("submitted");
    expect(await mailTo(hub.users.school_user.email)).toContain(
      "Quality mark: your Bronze application has been received",
    );
    const locked = await school.request({
      method: "PUT",
      url: `${A}/${app.id}/answers`,
      payload: { answers: {} },
    });
    expect(locked.statusCode).toBe(409);
  });

  it("a school sees only its own applications", async () => {
    expect((await secondSchool.get(`${A}/${app.id}`)).statusCode).toBe(404);
    expect((await secondSchool.get(A)).json().total).toBe(0);
    expect((await school.get(A)).json().items.map((i: { id: string }) => i.id)).toEqual([app.id]);
    expect((await partner.get(`${A}/${app.id}`)).statusCode).toBe(403);
    expect((await otherAdmin.get(`${A}/${app.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(A)).json().total).toBe(0);
  });

  it("refuses an assessor who works at the applying school or in its trust", async () => {
    const staffId = hub.users.hub_staff.id;
    const setHome = (schoolId: string | null) =>
      admin.request({ method: "PUT", url: `/api/quality-mark/assessors/${staffId}`, payload: { schoolId } });
    expect((await setHome(hub.schoolId)).statusCode).toBe(200);
    const same = await admin.post(`${A}/${app.id}/assessor`, { userId: staffId });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.message).toContain("works at the applying school");
    await setHome(trustSchoolId);
    const trust = await admin.post(`${A}/${app.id}/assessor`, { userId: staffId });
    expect(trust.statusCode).toBe(409);
    expect(trust.json().error.message).toContain("trust");
    // Reviewing unassigned does not get round it either.
    const review = await staff.request({
      method: "PUT",
      url: `${A}/${app.id}/reviews`,
      payload: { reviews: [{ standardId: app.standards[0]?.id, decision: "accept" }] },
    });
    expect(review.statusCode).toBe(409);
    await setHome(secondSchoolId);
    const ok = await admin.post(`${A}/${app.id}/assessor`, { userId: staffId });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().assessorName).toBe("hub_staff of qm");
    // A school user is not an assessor, nor is anyone of another hub.
    const notMember = await admin.post(`${A}/${app.id}/assessor`, { userId: hub.users.school_user.id });
    expect(notMember.statusCode).toBe(400);
  });

  it("only the assigned assessor reviews; a query or rejection needs a comment", async () => {
    const sid = app.standards[1]?.id ?? "";
    const byAdmin = await admin.request({
      method: "PUT",
      url: `${A}/${app.id}/reviews`,
      payload: { reviews: [{ standardId: sid, decision: "accept" }] },
    });
    expect(byAdmin.statusCode).toBe(403);
    const noComment = await staff.request({
      method: "PUT",
      url: `${A}/${app.id}/reviews`,
      payload: { reviews: [{ standardId: sid, decision: "query" }] },
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details.fields[0].path).toBe("reviews.0.comment");
  });

  it("schedules an assessment visit through engagement visits", async () => {
    const res = await staff.post(`${A}/${app.id}/visit`, { date: "2026-04-20", time: "10:00" });
    expect(res.statusCode).toBe(200);
    expect(res.json().visit).toMatchObject({ date: "2026-04-20", status: "scheduled" });
    const [v] = await env.db
      .select()
      .from(visits)
      .where(and(eq(visits.hubId, hub.id), eq(visits.purpose, "quality_mark")));
    expect(v?.schoolId).toBe(hub.schoolId);
    expect(v?.attendeeIds).toEqual([hub.users.hub_staff.id]);
  });

  it("a query goes back to the school, which answers and resubmits", async () => {
    const [s0, s1, ...rest] = app.standards;
    const res = await staff.request({
      method: "PUT",
      url: `${A}/${app.id}/reviews`,
      payload: {
        reviews: [
          { standardId: s0?.id, decision: "accept" },
          { standardId: s1?.id, decision: "query", comment: "Which year groups sing weekly?" },
          ...rest.map((s) => ({ standardId: s.id, decision: "accept" })),
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("queried");
    expect(await mailTo(hub.users.school_user.email)).toContain("Quality mark: the assessor has a question");
    const seen = (await school.get(`${A}/${app.id}`)).json();
    expect(seen.reviews[s1?.id ?? ""]).toMatchObject({
      decision: "query",
      comment: "Which year groups sing weekly?",
      by: "",
    });
    const unanswered = await school.post(`${A}/${app.id}/submit`);
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json().error.details.fields[0].path).toBe(`answers.${s1?.id}.queryAnswer`);
    const answer = { ...seen.answers[s1?.id ?? ""], queryAnswer: "Every year group, in Monday's assembly" };
    const saved = await school.request({
      method: "PUT",
      url: `${A}/${app.id}/answers`,
      payload: { answers: { [s1?.id ?? ""]: answer } },
    });
    expect(saved.statusCode).toBe(200);
    const again = await school.post(`${A}/${app.id}/submit`);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe("submitted");
    expect(again.json().reviews[s1?.id ?? ""]).toBeUndefined();
  });

  it("no award without the moderator: not before assessment, not by staff, not by the assessor", async () => {
    const early = await admin.post(`${A}/${app.id}/decision`, { outcome: "award" });
    expect(early.statusCode).toBe(409);
    const s1 = app.standards[1]?.id ?? "";
    const done = await staff.request({
      method: "PUT",
      url: `${A}/${app.id}/reviews`,
      payload: { reviews: [{ standardId: s1, decision: "accept" }] },
    });
    expect(done.json().status).toBe("assessed");
    expect((await staff.post(`${A}/${app.id}/decision`, { outcome: "award" })).statusCode).toBe(403);
    expect((await school.post(`${A}/${app.id}/decision`, { outcome: "award" })).statusCode).toBe(403);
    expect((await otherAdmin.post(`${A}/${app.id}/decision`, { outcome: "award" })).statusCode).toBe(404);
    const above = await admin.post(`${A}/${app.id}/decision`, { outcome: "award", level: "gold" });
    expect(above.statusCode).toBe(400);
  });

  it("the moderator confirms the award; the school is told and downloads its certificate", async () => {
    const res = await admin.post(`${A}/${app.id}/decision`, { outcome: "award" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "awarded", outcomeLevel: "bronze" });
    const awardId = res.json().awardId;
    expect(awardId).toBeTruthy();
    expect(await mailTo(hub.users.school_user.email)).toContain(
      `Quality mark: School of qm is awarded Bronze`,
    );
    const awards = (await school.get(`/api/quality-mark/awards?urn=${schoolUrn}`)).json();
    expect(awards.items[0]).toMatchObject({
      id: awardId,
      level: "bronze",
      academicYear: "2025/26",
      validUntil: "2028-08-31",
      status: "current",
    });
    const pdf = await school.get(`/api/quality-mark/awards/${awardId}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect((await admin.post(`${A}/${app.id}/decision`, { outcome: "award" })).statusCode).toBe(409);
  });
});

describe("lower levels and not yet", () => {
  let second: QmApplication;
  it("a lower award needs reasons; not yet needs feedback", async () => {
    const start = await secondSchool.post(A, { level: "silver" });
    expect(start.statusCode).toBe(201);
    second = start.json();
    await secondSchool.request({
      method: "PUT",
      url: `${A}/${second.id}/answers`,
      payload: { answers: answerAll(second, [{ kind: "link", url: "https://second.example.test/e" }]) },
    });
    expect((await secondSchool.post(`${A}/${second.id}/submit`)).statusCode).toBe(200);
    // The staff member works at Second Primary now: the admin assesses, so someone else must moderate.
    const reviewed = await admin.request({
      method: "PUT",
      url: `${A}/${second.id}/reviews`,
      payload: { reviews: second.standards.map((s) => ({ standardId: s.id, decision: "accept" })) },
    });
    expect(reviewed.json().status).toBe("assessed");
    const self = await admin.post(`${A}/${second.id}/decision`, {
      outcome: "not_yet",
      feedback: "More singing",
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain("cannot moderate their own assessment");
  });

  it("another admin moderates: lower level refused without reasons, then not yet refused without feedback", async () => {
    await addUserToHub(env.db, hub.actor, {
      email: "moderator@qm.test",
      name: "Moderator of qm",
      role: "hub_admin",
      password: TEST_PASSWORD,
      schoolId: null,
      partnerId: null,
    });
    const moderator = await signInAs(env.app, "moderator@qm.test");
    const lower = await moderator.post(`${A}/${second.id}/decision`, { outcome: "award", level: "bronze" });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().error.details.fields[0].path).toBe("reasons");
    const noFeedback = await moderator.post(`${A}/${second.id}/decision`, { outcome: "not_yet" });
    expect(noFeedback.statusCode).toBe(400);
    const ok = await moderator.post(`${A}/${second.id}/decision`, {
      outcome: "award",
      level: "bronze",
      reasons: "Ensemble work is not yet weekly",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: "awarded",
      outcomeLevel: "bronze",
      outcomeReasons: "Ensemble work is not yet weekly",
    });
  });
});

describe("at the same time", () => {
  let trustApp: QmApplication;
  let trustSchool: Agent;
  it("two parallel starts for one school: one draft, one refused", async () => {
    await addUserToHub(env.db, hub.actor, {
      email: "trust-school@qm.test",
      name: "Trust school user",
      role: "school_user",
      password: TEST_PASSWORD,
      schoolId: trustSchoolId,
      partnerId: null,
    });
    trustSchool = await signInAs(env.app, "trust-school@qm.test");
    const other = await signInAs(env.app, "trust-school@qm.test");
    const results = await Promise.all([
      trustSchool.post(A, { level: "bronze" }),
      other.post(A, { level: "bronze" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    trustApp = (results.find((r) => r.statusCode === 201)?.json() ?? {}) as QmApplication;
    expect((await trustSchool.get(A)).json().total).toBe(1);
  });

  it("two moderators confirming at once make one award", async () => {
    await trustSchool.request({
      method: "PUT",
      url: `${A}/${trustApp.id}/answers`,
      payload: { answers: answerAll(trustApp, [{ kind: "link", url: "https://trust.example.test/e" }]) },
    });
    expect((await trustSchool.post(`${A}/${trustApp.id}/submit`)).statusCode).toBe(200);
    const reviewed = await staff.request({
      method: "PUT",
      url: `${A}/${trustApp.id}/reviews`,
      payload: { reviews: trustApp.standards.map((s) => ({ standardId: s.id, decision: "accept" })) },
    });
    expect(reviewed.json().status).toBe("assessed");
    const moderator = await signInAs(env.app, "moderator@qm.test");
    const before = (await admin.get("/api/quality-mark/awards")).json().total;
    const results = await Promise.all([
      admin.post(`${A}/${trustApp.id}/decision`, { outcome: "award" }),
      moderator.post(`${A}/${trustApp.id}/decision`, { outcome: "award" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await admin.get("/api/quality-mark/awards")).json().total).toBe(before + 1);
  });
});

describe("the hub's list", () => {
  it("pages, filters and exports as CSV", async () => {
    const list = await staff.get(`${A}?status=awarded&level=silver&pageSize=1`);
    expect(list.json()).toMatchObject({ total: 1, pageSize: 1 });
    expect(list.json().items[0].schoolName).toBe("Second Primary");
    const csv = await staff.get(`${A}/export.csv?status=awarded`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith("\uFEFFURN,School,Phase")).toBe(true);
    expect(csv.body).toContain("Second Primary");
    expect(csv.body).toContain("School of qm");
    expect((await school.get(`${A}/export.csv`)).statusCode).toBe(403);
  });

  it("figures count applied and awarded by level, phase and area, and the cohort share", async () => {
    const res = await staff.get("/api/quality-mark/figures?year=2025/26");
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({ academicYear: "2025/26", cohort: 3, applied: 3, awarded: 3 });
    expect(f.appliedShare).toBe(1);
    expect(f.byLevel.find((l: { key: string }) => l.key === "bronze")).toEqual({
      key: "bronze",
      applied: 2,
      awarded: 3,
    });
    expect(f.byPhase).toEqual([
      { key: "primary", applied: 2, awarded: 2 },
      { key: "secondary", applied: 1, awarded: 1 },
    ]);
    const csv = await staff.get("/api/quality-mark/figures.csv?year=2025/26");
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("2025/26,Phase,secondary,1,1");
    expect((await school.get("/api/quality-mark/figures.csv")).statusCode).toBe(403);
  });
});
