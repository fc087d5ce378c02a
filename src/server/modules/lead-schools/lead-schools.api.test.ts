import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  areas,
  leadSchoolScores,
  schoolContacts,
  schoolMusicData,
  schools,
  visits,
} from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { addUserToHub } from "../hubs/hubs.service";
import { leadSchoolIdsInOffice } from "./lead-schools.entitlements";
import { leadSchoolMeasures } from "./lead-schools.measures";

// "Today" moves through the round's timeline: 10 March 2026 to start with.
let now = new Date("2026-03-10T10:00:00Z");
/** Moves "today", and signs in again (sessions last 14 days). */
const setToday = async (day: string) => {
  now = new Date(`${day}T10:00:00Z`);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  secondary = await signInAs(env.app, "secondary@lead.test");
};
let secondary: Agent;
let secondaryApp = "";
const schoolUser = async (email: string, name: string) => {
  const [row] = await env.db
    .select()
    .from(schools)
    .where(eq(schools.urn, urns[name] ?? 0));
  await addUserToHub(env.db, hub.actor, {
    email,
    name: `User of ${name}`,
    role: "school_user",
    password: "correct-horse-battery",
    schoolId: row?.id ?? null,
    partnerId: null,
  });
  return signInAs(env.app, email);
};
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let school: Agent;
let otherAdmin: Agent;
const urns: Record<string, number> = {};
let north = "";
let south = "";

const L = "/api/lead-schools";
const R = "/api/lead-school-rounds";
const A = "/api/lead-school-applications";
const ROUND = {
  title: "Lead Schools 2026",
  closesOn: "2026-03-20",
  shortlistOn: "2026-03-27",
  visitsFrom: "2026-04-13",
  announceOn: "2026-05-11",
  lookingFor: "A secondary in the South and a special school",
  expectations: "Lead one network meeting a term",
  benefits: "One free place at every hub CPD event",
};

const upload = (agent: Agent, id: string, kind: string, name: string, bytes: Buffer) => {
  const boundary = "lsboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return agent.request({
    method: "POST",
    url: `${A}/${id}/files?kind=${kind}`,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
};
const PDF = Buffer.from("%PDF-1.4\n% a fictional plan\n");

const addSchool = async (
  name: string,
  phase: string,
  areaId: string | null,
  status: "open" | "closed" = "open",
) => {
  const urn = 200000 + Object.keys(urns).length;
  const [row] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn,
      laCode: "931",
      laName: "Northshire",
      name,
      phase,
      status,
      areaId,
      source: "manual",
    })
    .returning();
  if (!row) throw new Error("no school");
  urns[name] = urn;
  return row;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "lead");
  other = await seedHub(env.db, "elsewhere");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  const made = await env.db
    .insert(areas)
    .values([
      { hubId: hub.id, name: "North" },
      { hubId: hub.id, name: "South" },
    ])
    .returning();
  north = made.find((a) => a.name === "North")?.id ?? "";
  south = made.find((a) => a.name === "South")?.id ?? "";
  const [own] = await env.db
    .update(schools)
    .set({ areaId: north, laName: "Northshire" })
    .where(eq(schools.id, hub.schoolId))
    .returning();
  urns.own = own?.urn ?? 0;
  await env.db.insert(schoolMusicData).values({
    hubId: hub.id,
    schoolId: hub.schoolId,
    academicYear: "2025/26",
    instrumentPupils: 84,
    fsmPupilsEngaged: 21,
    ensemblePupils: 40,
  });
  await env.db.insert(schoolContacts).values({
    hubId: hub.id,
    schoolId: hub.schoolId,
    role: "headteacher",
    name: "Ada Fictional",
    email: "head@lead-school.test",
  });
  await addSchool("North Secondary", "secondary", north);
  await addSchool("South Primary", "primary", south);
  await addSchool("South Secondary", "secondary", south);
  await addSchool("South Special", "special", south);
  await addSchool("Closed Academy", "primary", north, "closed");
});
afterAll(() => env.close());

describe("POST /api/lead-schools (an appointment made before Tutti)", () => {
  it("records a Lead School with its focus areas and term, and lists it", async () => {
    const res = await admin.post(L, {
      urn: urns["North Secondary"],
      focusAreas: ["notation", "transition"],
      from: "2025-09-01",
      to: "2028-08-31",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      urn: urns["North Secondary"],
      schoolName: "North Secondary",
      setting: ["secondary"],
      area: "North",
      focusAreas: ["notation", "transition"],
      from: "2025-09-01",
      to: "2028-08-31",
      inOffice: true,
    });
    expect(res.json().id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a closed school, unknown focus areas, a term that ends before it starts, and an unknown URN", async () => {
    const closed = await admin.post(L, {
      urn: urns["Closed Academy"],
      focusAreas: ["notation"],
      from: "2026-01-01",
      to: "2027-01-01",
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toMatch(/closed/);
    const code = await admin.post(L, {
      urn: urns["South Primary"],
      focusAreas: ["Singing"],
      from: "2026-01-01",
      to: "2027-01-01",
    });
    expect(code.statusCode).toBe(400);
    const none = await admin.post(L, {
      urn: urns["South Primary"],
      focusAreas: [],
      from: "2026-01-01",
      to: "2027-01-01",
    });
    expect(none.statusCode).toBe(400);
    const order = await admin.post(L, {
      urn: urns["South Primary"],
      focusAreas: ["notation"],
      from: "2027-01-01",
      to: "2026-01-01",
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.details.fields).toContainEqual({
      path: "to",
      message: "The term ends on or after it starts",
    });
    const unknown = await admin.post(L, {
      urn: 999999,
      focusAreas: ["notation"],
      from: "2026-01-01",
      to: "2027-01-01",
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("is for hub admins only", async () => {
    const body = {
      urn: urns["South Primary"],
      focusAreas: ["notation"],
      from: "2026-01-01",
      to: "2027-01-01",
    };
    expect((await staff.post(L, body)).statusCode).toBe(403);
    expect((await school.post(L, body)).statusCode).toBe(403);
    expect((await anonymous(env.app).post(L, body)).statusCode).toBe(401);
  });
});

describe("GET /api/lead-schools", () => {
  it("pages, filters and exports; another hub sees none of them", async () => {
    const page = await staff.get(`${L}?focusArea=notation`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    expect((await staff.get(`${L}?focusArea=inclusive`)).json().total).toBe(0);
    expect((await staff.get(`${L}?setting=primary`)).json().total).toBe(0);
    expect((await staff.get(`${L}?areaId=${north}`)).json().total).toBe(1);
    expect((await staff.get(`${L}?q=north`)).json().total).toBe(1);
    const csv = await staff.get(`${L}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("North Secondary");
    expect(csv.body).toContain("notation;transition");
    const elsewhere = await otherAdmin.get(`${L}?status=all`);
    expect(elsewhere.json().total).toBe(0);
    expect((await school.get(L)).statusCode).toBe(403);
  });
});

describe("GET /api/lead-schools/coverage", () => {
  it("lists the gaps in words over the Lead Schools in office today", async () => {
    const res = await staff.get(`${L}/coverage`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.on).toBe("2026-03-10");
    expect(body.leads).toBe(1);
    const kinds = body.gaps.map((g: { kind: string }) => g.kind);
    expect(kinds.filter((k: string) => k === "focus_area")).toHaveLength(5);
    expect(body.gaps).toContainEqual({
      kind: "area_primary",
      area: "North",
      areaId: north,
      message: "North has no primary Lead School.",
    });
    expect(body.gaps).toContainEqual({
      kind: "la_specialist",
      laCode: "931",
      message: expect.stringMatching(/Northshire \(931\)/),
    });
    expect(body.areas.map((a: { name: string }) => a.name)).toEqual(["North", "South"]);
    expect(body.matrix).toHaveLength(7);
  });

  it("shows how a candidate would change the matrix and the gaps", async () => {
    const res = await staff.get(`${L}/coverage?candidateUrn=${urns["South Special"]}&focusAreas=inclusive`);
    expect(res.statusCode).toBe(200);
    const w = res.json().whatIf;
    expect(w.schoolName).toBe("South Special");
    expect(w.closes.map((g: { kind: string }) => g.kind)).toEqual([
      "focus_area",
      "specialist",
      "la_specialist",
    ]);
    expect(w.newCells).toContainEqual({ focusArea: "inclusive", area: "South", setting: "specialist" });
    const bad = await staff.get(`${L}/coverage?candidateUrn=${urns["South Special"]}&focusAreas=bogus`);
    expect(bad.statusCode).toBe(400);
  });

  it("of another hub shows nothing of this one", async () => {
    const res = await otherAdmin.get(`${L}/coverage`);
    expect(res.json().leads).toBe(0);
    expect(res.body).not.toContain("North Secondary");
  });
});

let roundId = "";
let appId = "";

describe("rounds", () => {
  it("refuses dates out of order, naming the field", async () => {
    const res = await admin.post(R, { ...ROUND, shortlistOn: "2026-03-19" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toContainEqual({
      path: "shortlistOn",
      message: "Schools are told of the shortlist after applications close",
    });
    expect((await admin.post(R, { ...ROUND, announceOn: "2026-04-01" })).statusCode).toBe(400);
  });

  it("opens a round (hub admin) with default criteria; staff may not", async () => {
    expect((await staff.post(R, ROUND)).statusCode).toBe(403);
    const res = await admin.post(R, {
      ...ROUND,
      areaIdsWanted: [south],
      settingsWanted: ["secondary", "specialist"],
    });
    expect(res.statusCode).toBe(201);
    roundId = res.json().id;
    expect(res.json()).toMatchObject({ stage: "open", areasWanted: [{ id: south, name: "South" }] });
    expect(res.json().criteria.length).toBeGreaterThan(0);
    expect((await staff.get(R)).json()).toHaveLength(1);
    expect((await otherAdmin.get(`${R}/${roundId}`)).statusCode).toBe(404);
  });

  it("has a public page anyone reads, with the timeline, expectations and benefits", async () => {
    const res = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/lead-school-rounds/${roundId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: "Lead Schools 2026",
      closesOn: "2026-03-20",
      expectations: "Lead one network meeting a term",
      benefits: "One free place at every hub CPD event",
      applyHref: `/lead-schools/rounds/${roundId}/apply`,
    });
    expect(res.json()).not.toHaveProperty("criteria");
    expect(
      (await anonymous(env.app).get(`/api/public/hubs/${other.slug}/lead-school-rounds/${roundId}`))
        .statusCode,
    ).toBe(404);
  });
});

describe("applying", () => {
  it("starts an application with the register's figures filled in, and resumes it", async () => {
    const res = await school.post(`${R}/${roundId}/applications`);
    expect(res.statusCode).toBe(201);
    appId = res.json().id;
    expect(res.json()).toMatchObject({ status: "draft", schoolName: "School of lead" });
    expect(res.json().answers).toMatchObject({
      instrumentPupils: 84,
      fsmPupilsEngaged: 21,
      extraCurricularPupils: 40,
    });
    expect(res.json().eligibility.eligible).toBe(false);
    const again = await school.post(`${R}/${roundId}/applications`);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(appId);
    expect((await staff.post(`${R}/${roundId}/applications`)).statusCode).toBe(403);
  });

  it("saves the draft, and takes PDF documents only, by their content", async () => {
    const saved = await school.request({
      method: "PUT",
      url: `${A}/${appId}`,
      payload: {
        focusAreas: ["singing_in_parts", "assessment"],
        trackRecord: "Choirs in every year",
        instrumentPupils: 90,
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().answers).toMatchObject({ trackRecord: "Choirs in every year", instrumentPupils: 90 });
    const plan = await upload(school, appId, "plan", "plan.pdf", PDF);
    expect(plan.statusCode).toBe(200);
    expect(plan.json().files).toMatchObject([{ kind: "plan", name: "plan.pdf" }]);
    const disguised = await upload(school, appId, "letter_slt", "letter.pdf", Buffer.from("just some text"));
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.message).toMatch(/PDF or a Word document/);
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ff9f0100050001ff5b6f6a0000000049454e44ae426082",
      "hex",
    );
    expect((await upload(school, appId, "letter_slt", "letter.png", png)).statusCode).toBe(415);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(school, appId, "letter_slt", "big.pdf", big)).statusCode).toBe(413);
  });

  it("shows what stops submitting, and refuses to submit until eligible", async () => {
    const got = await school.get(`${A}/${appId}`);
    expect(got.json().eligibility.problems.map((p: { message: string }) => p.message)).toEqual([
      "Upload the letter of support from the senior leadership team.",
      "Upload the letter of support from the governors.",
    ]);
    const res = await school.post(`${A}/${appId}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveLength(2);
  });

  it("submits once", async () => {
    await upload(school, appId, "letter_slt", "slt.pdf", PDF);
    await upload(school, appId, "letter_governors", "governors.pdf", PDF);
    const res = await school.post(`${A}/${appId}/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "submitted", eligibility: { eligible: true } });
    expect((await school.post(`${A}/${appId}/submit`)).statusCode).toBe(409);
    expect((await school.request({ method: "PUT", url: `${A}/${appId}`, payload: {} })).statusCode).toBe(409);
    const file = res.json().files[0];
    const dl = await school.get(`${A}/${appId}/files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("a secondary without KS4 music is not eligible; with it, it submits", async () => {
    secondary = await schoolUser("secondary@lead.test", "South Secondary");
    // Parallel starts make one application.
    const starts = await Promise.all([1, 2, 3].map(() => secondary.post(`${R}/${roundId}/applications`)));
    expect(starts.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(starts.map((r) => r.json().id)).size).toBe(1);
    secondaryApp = starts[0]?.json().id;
    for (const kind of ["plan", "letter_slt", "letter_governors"])
      await upload(secondary, secondaryApp, kind, `${kind}.pdf`, PDF);
    const put = (body: unknown) =>
      secondary.request({ method: "PUT", url: `${A}/${secondaryApp}`, payload: body });
    const no = await put({ focusAreas: ["extra_curricular"], ks4Provision: false });
    expect(no.json().eligibility.problems.map((p: { code: string }) => p.code)).toEqual(["ks4"]);
    expect((await secondary.post(`${A}/${secondaryApp}/submit`)).statusCode).toBe(400);
    await put({ focusAreas: ["extra_curricular"], ks4Provision: true });
    // Submitted once, even by parallel requests.
    const submits = await Promise.all([1, 2, 3].map(() => secondary.post(`${A}/${secondaryApp}/submit`)));
    expect(submits.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it("refuses a late application, with the closing date", async () => {
    const lateAgent = await schoolUser("late@lead.test", "South Primary");
    const draft = await lateAgent.post(`${R}/${roundId}/applications`);
    expect(draft.statusCode).toBe(201);
    // It cannot see the other school's application, nor list it.
    expect((await lateAgent.get(`${A}/${appId}`)).statusCode).toBe(404);
    expect((await lateAgent.get(A)).json().items.map((a: { id: string }) => a.id)).toEqual([draft.json().id]);
    now = new Date("2026-03-21T10:00:00Z");
    const res = await lateAgent.post(`${A}/${draft.json().id}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe("Applications to this round closed on 20 March 2026");
  });
});

describe("review", () => {
  const scores = (n: number) => ({
    scores: ["focus", "track_record", "curriculum", "local_needs", "inclusion"].map((criterionId) => ({
      criterionId,
      score: n,
      comment: `Scored ${n}`,
    })),
  });
  it("each reviewer scores independently; the moderator sees all and the mean", async () => {
    const put = (a: Agent, body: unknown) =>
      a.request({ method: "PUT", url: `${A}/${appId}/reviews/mine`, payload: body });
    const s = await put(staff, scores(3));
    expect(s.statusCode).toBe(200);
    expect(s.json().reviews).toHaveLength(1);
    expect(s.json().reviews[0]).toMatchObject({ total: 15 });
    expect((await put(admin, scores(5))).statusCode).toBe(200);
    expect((await staff.get(`${A}/${appId}/reviews`)).json().reviews).toHaveLength(1);
    const all = await admin.get(`${A}/${appId}/reviews`);
    expect(all.json()).toMatchObject({ meanTotal: 20 });
    expect(all.json().reviews).toHaveLength(2);
    const over = await put(staff, { scores: [{ criterionId: "focus", score: 9 }] });
    expect(over.statusCode).toBe(400);
  });

  it("never shows scores to the applicant, and refuses a reviewer from the applying school", async () => {
    const mine = await school.get(`${A}/${appId}/reviews`);
    expect(mine.statusCode).toBe(404);
    expect(mine.body).not.toContain("Scored");
    expect((await school.get(`${A}/${appId}`)).body).not.toContain("Scored");
    expect((await school.get(A)).json().items[0]).toMatchObject({ reviews: 0, meanTotal: null });
    const csv = await admin.get(`${A}/export.csv?roundId=${roundId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("School of lead");
    expect(csv.body).toContain("singing_in_parts;assessment");
    expect((await school.get(`${A}/export.csv`)).statusCode).toBe(403);
    // On the panel, a user of the applying school is refused; so is a hub member who is its contact.
    await admin.request({
      method: "PUT",
      url: `${R}/${roundId}`,
      payload: { ...ROUND, panelUserIds: [hub.users.school_user.id] },
    });
    const own = await school.request({
      method: "PUT",
      url: `${A}/${appId}/reviews/mine`,
      payload: scores(5),
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe("You cannot review your own school's application");
    await env.db.insert(schoolContacts).values({
      hubId: hub.id,
      schoolId: hub.schoolId,
      role: "governor",
      name: "Staff Governor",
      email: hub.users.hub_staff.email,
    });
    const contact = await staff.request({
      method: "PUT",
      url: `${A}/${appId}/reviews/mine`,
      payload: scores(1),
    });
    expect(contact.statusCode).toBe(403);
    await env.db.delete(schoolContacts).where(eq(schoolContacts.role, "governor"));
    // A school user of another school on the panel reads the application and scores it.
    const secondaryId = (await secondary.get("/api/me")).json().user.id;
    await admin.request({
      method: "PUT",
      url: `${R}/${roundId}`,
      payload: { ...ROUND, panelUserIds: [hub.users.school_user.id, secondaryId] },
    });
    expect((await secondary.get(`${A}/${appId}`)).json()).toMatchObject({ schoolName: "School of lead" });
    const panel = await secondary.request({
      method: "PUT",
      url: `${A}/${appId}/reviews/mine`,
      payload: scores(4),
    });
    expect(panel.statusCode).toBe(200);
    expect(panel.json().reviews.map((r: { total: number }) => r.total)).toEqual([20]);
    await env.db.delete(leadSchoolScores).where(eq(leadSchoolScores.reviewerId, secondaryId));
    expect((await otherAdmin.get(`${A}/${appId}/reviews`)).statusCode).toBe(404);
  });

  it("moderates, shortlists, and tells the school on the shortlist date", async () => {
    expect((await staff.post(`${A}/${appId}/shortlist`, { reason: "Strong" })).statusCode).toBe(403);
    const mod = await admin.post(`${A}/${appId}/moderate`, { total: 19, note: "Agreed at panel" });
    expect(mod.json()).toMatchObject({ moderatedTotal: 19, moderationNote: "Agreed at panel" });
    const res = await admin.post(`${A}/${appId}/shortlist`, { reason: "Strong singing" });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("shortlisted");
    // Before the "shortlist told" date the school still sees "submitted" and has no mail.
    expect((await school.get(`${A}/${appId}`)).json()).toMatchObject({
      status: "submitted",
      decisionReason: null,
    });
    const { tellDue } = await import("./lead-schools.tell");
    const declined = await admin.post(`${A}/${secondaryApp}/decline`, {
      reason: "Another secondary in the South was stronger",
      feedback: "Show the KS4 uptake over three years",
    });
    expect(declined.statusCode).toBe(200);
    expect((await secondary.get(`${A}/${secondaryApp}`)).json()).toMatchObject({
      status: "submitted",
      feedback: null,
    });
    expect(await tellDue(env.db, env.deps.mailer, now)).toBe(0);
    await setToday("2026-03-27");
    expect(await tellDue(env.db, env.deps.mailer, now)).toBe(3);
    expect((await secondary.get(`${A}/${secondaryApp}`)).json()).toMatchObject({
      status: "declined",
      decisionReason: "Another secondary in the South was stronger",
      feedback: "Show the KS4 uptake over three years",
    });
    const { mailsTo: mails } = await import("../../testing/mail");
    expect((await mails(env.db, "secondary@lead.test", hub.id))[0]?.text).toContain(
      "Show the KS4 uptake over three years",
    );
    expect(await tellDue(env.db, env.deps.mailer, now)).toBe(0);
    const { mailsTo } = await import("../../testing/mail");
    const mail = await mailsTo(env.db, "head@lead-school.test", hub.id);
    expect(mail[0]?.subject).toBe("School of lead is shortlisted to become a Lead School");
    expect((await school.get(`${A}/${appId}`)).json().status).toBe("shortlisted");
  });
});

describe("visit and appointment", () => {
  it("records the visit on or after 'visits from', with an engagement visit", async () => {
    const early = await staff.request({
      method: "PUT",
      url: `${A}/${appId}/visit`,
      payload: { date: "2026-04-10" },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe("Visits of this round start on 13 April 2026");
    const res = await staff.request({
      method: "PUT",
      url: `${A}/${appId}/visit`,
      payload: {
        date: "2026-04-14",
        time: "09:00",
        observations: { lessons: "Year 4 singing in three parts" },
        discussions: { pupils: "Proud of the choir" },
        figures: { instrumentPupils: 92, ofstedReport: "Good, 2024" },
        scheduleVisit: true,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      date: "2026-04-14",
      observations: { lessons: "Year 4 singing in three parts" },
    });
    const [visit] = await env.db.select().from(visits).where(eq(visits.hubId, hub.id));
    expect(visit).toMatchObject({ purpose: "lead_school", date: "2026-04-14", durationMinutes: 210 });
    expect((await school.get(`${A}/${appId}/visit`)).statusCode).toBe(403);
  });

  it("refuses to appoint what is not shortlisted, then appoints and announces on the date", async () => {
    const lateApp = (await staff.get(`${A}?status=draft`)).json().items[0];
    const notShort = await admin.post(`${A}/${lateApp.id}/appoint`, {
      focusAreas: ["notation"],
      from: "2026-09-01",
      to: "2029-08-31",
    });
    expect(notShort.statusCode).toBe(409);
    const order = await admin.post(`${A}/${appId}/appoint`, {
      focusAreas: ["singing_in_parts"],
      from: "2029-09-01",
      to: "2026-08-31",
    });
    expect(order.statusCode).toBe(400);
    const res = await admin.post(`${A}/${appId}/appoint`, {
      focusAreas: ["singing_in_parts", "assessment"],
      from: "2026-05-11",
      to: "2029-08-31",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      schoolName: "School of lead",
      roundTitle: "Lead Schools 2026",
      inOffice: false,
    });
    const pub = `/api/public/hubs/${hub.slug}/lead-schools`;
    await setToday("2026-05-10");
    expect(
      (await anonymous(env.app).get(pub)).json().leadSchools.map((l: { schoolName: string }) => l.schoolName),
    ).toEqual(["North Secondary"]);
    await setToday("2026-05-11");
    const { tellDue } = await import("./lead-schools.tell");
    expect(await tellDue(env.db, env.deps.mailer, now)).toBe(2);
    const list = (await anonymous(env.app).get(pub)).json();
    expect(list.leadSchools).toContainEqual({
      urn: urns.own,
      schoolName: "School of lead",
      area: "North",
      focusAreas: [
        { code: "singing_in_parts", label: "Singing in parts" },
        { code: "assessment", label: "Assessment" },
      ],
      from: "2026-05-11",
      to: "2029-08-31",
    });
  });

  it("the coverage of the day counts the new Lead School: its gaps are closed", async () => {
    const res = (await staff.get(`${L}/coverage`)).json();
    expect(res.leads).toBe(2);
    const fa = res.gaps
      .filter((g: { kind: string }) => g.kind === "focus_area")
      .map((g: { focusArea: string }) => g.focusArea);
    expect(fa).toEqual(["composition_improvisation", "extra_curricular", "inclusive"]);
    expect(
      res.gaps.find((g: { kind: string; area?: string }) => g.kind === "area_primary" && g.area === "North"),
    ).toBeUndefined();
    expect(await leadSchoolIdsInOffice(env.db, hub.id, "2026-05-11")).toEqual(
      new Set([hub.schoolId, expect.any(String)]),
    );
    expect((await leadSchoolIdsInOffice(env.db, hub.id, "2026-05-10")).has(hub.schoolId)).toBe(false);
    const measure = leadSchoolMeasures.find((m) => m.id === "lead_school_focus_coverage");
    expect(await measure?.compute({ db: env.db, hubId: hub.id, on: "2026-05-11" })).toEqual({
      value: 0.571,
      numerator: 4,
      denominator: 7,
    });
  });

  it("refuses to decline a draft or an appointed school, or to appoint a declined one", async () => {
    const lateApp = (await staff.get(`${A}?status=draft`)).json().items[0];
    expect((await admin.post(`${A}/${lateApp.id}/decline`, { reason: "Late" })).statusCode).toBe(409);
    expect((await admin.post(`${A}/${appId}/decline`, { reason: "x" })).statusCode).toBe(409);
    const appoint = await admin.post(`${A}/${secondaryApp}/appoint`, {
      focusAreas: ["extra_curricular"],
      from: "2026-09-01",
      to: "2029-08-31",
    });
    expect(appoint.statusCode).toBe(409);
  });
});

describe("benefits, activities and the annual review", () => {
  it("keeps the ledger; a review that does not continue ends the term", async () => {
    const lead = (await staff.get(L))
      .json()
      .items.find((l: { schoolName: string }) => l.schoolName === "School of lead");
    const benefit = await admin.post(`${L}/${lead.id}/ledger`, {
      entry: "benefit",
      kind: "project_funding",
      date: "2026-06-01",
      amount: 1500,
      text: "Singing project",
    });
    expect(benefit.statusCode).toBe(201);
    expect(
      (
        await staff.post(`${L}/${lead.id}/ledger`, {
          entry: "benefit",
          kind: "supply_cover",
          date: "2026-06-01",
          text: "",
        })
      ).statusCode,
    ).toBe(403);
    const activity = await staff.post(`${L}/${lead.id}/ledger`, {
      entry: "activity",
      kind: "network_meeting",
      date: "2026-06-10",
      count: 1,
      text: "Summer network meeting",
    });
    expect(activity.statusCode).toBe(201);
    expect(
      (
        await admin.post(`${L}/${lead.id}/ledger`, {
          entry: "review",
          kind: "annual_review",
          date: "2026-07-01",
          continues: false,
          text: "",
        })
      ).statusCode,
    ).toBe(400);
    const review = await admin.post(`${L}/${lead.id}/ledger`, {
      entry: "review",
      kind: "annual_review",
      date: "2026-07-01",
      continues: false,
      text: "No network meetings led since June",
    });
    expect(review.statusCode).toBe(201);
    expect(review.json()).toMatchObject({ endedOn: "2026-07-01" });
    expect(review.json().ledger).toHaveLength(3);
    expect((await otherAdmin.get(`${L}/${lead.id}`)).statusCode).toBe(404);
    const badge = await staff.get(`${L}/${lead.id}/badge.pdf`);
    expect(badge.statusCode).toBe(200);
    expect(badge.headers["content-type"]).toBe("application/pdf");
    expect(badge.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("school timeline", () => {
  it("shows the application, the visit and the appointment to the hub and to the school itself only", async () => {
    const { contextFor } = await import("../../platform/context");
    const { leadSchoolTimelineSources } = await import("./lead-schools.timeline");
    const load = async (actor: typeof hub.actor) =>
      (
        await Promise.all(
          leadSchoolTimelineSources.map((s) => s.load(contextFor(env.deps, actor), String(urns.own))),
        )
      ).flat();
    expect((await load(hub.actor)).map((e) => e.kind).sort()).toEqual([
      "lead_school",
      "lead_school_application",
      "lead_school_visit",
    ]);
    const own = await load({ ...hub.actor, role: "school_user", schoolId: hub.schoolId });
    expect(own.find((e) => e.kind === "lead_school_application")?.title).toMatch(/appointed/);
    const [south] = await env.db
      .select()
      .from(schools)
      .where(eq(schools.urn, urns["South Secondary"] ?? 0));
    expect(await load({ ...hub.actor, role: "school_user", schoolId: south?.id ?? null })).toEqual([]);
    expect(await load(other.actor)).toEqual([]);
  });
});
