import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionnaireResponse } from "../../../shared/schemas/questionnaires";
import { schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { auditDefinition } from "./questionnaires.fixtures";

const T = "/api/questionnaires/templates";
const R = "/api/questionnaires/responses";

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let school: Agent;
let partner: Agent;
let otherAdmin: Agent;
let otherSchoolUser: Agent;
let secondSchoolId = "";
let templateId = "";

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "qr");
  other = await seedHub(env.db, "qr-other");
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: 990002,
      laCode: "931",
      name: "Second Primary",
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  secondSchoolId = second?.id ?? "";
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  otherSchoolUser = await signInAs(env.app, other.users.school_user.email);
  const t = await staff.post(T, { title: "Music audit", purpose: "audit", definition: auditDefinition() });
  templateId = t.json().id;
  await staff.post(`${T}/${templateId}/publish`, {});
});
afterAll(() => env.close());

const startFor = async (agent: Agent, schoolId?: string): Promise<QuestionnaireResponse> => {
  const res = await agent.post(R, { templateId, ...(schoolId ? { schoolId } : {}) });
  expect([200, 201]).toContain(res.statusCode);
  return res.json();
};

const multipartFile = (name: string, type: string, bytes: Buffer) => {
  const boundary = "qrboundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
};

describe("filling in", () => {
  it("starts a draft for the school user's own school, and resumes it", async () => {
    const first = await school.post(R, { templateId });
    expect(first.statusCode).toBe(201);
    const again = await school.post(R, { templateId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(first.json()).toMatchObject({ status: "draft", schoolName: "School of qr", version: 1 });
    // Unanswered questions stay unanswered: no register figure for this school this year.
    expect(first.json().answers).toEqual({});
  });

  it("makes one draft of two parallel starts for the same school", async () => {
    const [a, b] = await Promise.all([
      staff.post(R, { templateId, schoolId: secondSchoolId }),
      staff.post(R, { templateId, schoolId: secondSchoolId }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual(expect.arrayContaining([200]));
    expect(a.json().id).toBe(b.json().id);
    const drafts = (
      await staff.get(`${R}?templateId=${templateId}&schoolId=${secondSchoolId}&status=draft`)
    ).json();
    expect(drafts).toHaveLength(1);
  });

  it("refuses a school user another school, a hub user without a school, and unpublished templates", async () => {
    expect((await school.post(R, { templateId, schoolId: secondSchoolId })).statusCode).toBe(404);
    const noSchool = await staff.post(R, { templateId });
    expect(noSchool.statusCode).toBe(400);
    expect(noSchool.json().error.message).toBe("Choose a school");
    const draft = await staff.post(T, { title: "Unpublished", purpose: "other" });
    const unpublished = await staff.post(R, { templateId: draft.json().id, schoolId: secondSchoolId });
    expect(unpublished.statusCode).toBe(409);
    expect(unpublished.json().error.message).toBe("This questionnaire has not been published yet");
    expect((await partner.post(R, { templateId })).statusCode).toBe(403);
    expect((await anonymous(env.app).post(R, { templateId })).statusCode).toBe(401);
    expect((await otherAdmin.post(R, { templateId, schoolId: hub.schoolId })).statusCode).toBe(404);
    expect((await school.post(R, { templateId: "nope" })).json().error.message).toContain(
      "Choose a questionnaire",
    );
  });

  it("autosaves answers by merging them, even from parallel requests", async () => {
    const r = await startFor(staff, secondSchoolId);
    const saves = await Promise.all([
      staff.patch(`${R}/${r.id}`, { answers: { lead: "Ms Rowan Teal" } }),
      staff.patch(`${R}/${r.id}`, { answers: { choir: "yes" } }),
      staff.patch(`${R}/${r.id}`, { answers: { notes: "Hall booked on Tuesdays" } }),
      staff.patch(`${R}/${r.id}`, { answers: { priorities: ["singing"] } }),
    ]);
    expect(saves.map((s) => s.statusCode)).toEqual([200, 200, 200, 200]);
    const now: QuestionnaireResponse = (await staff.get(`${R}/${r.id}`)).json();
    expect(now.answers).toEqual({
      lead: "Ms Rowan Teal",
      choir: "yes",
      notes: "Hall booked on Tuesdays",
      priorities: ["singing"],
    });
    // Choir is "yes", so its size is shown and required; the register figure is required too.
    expect(now.errors).toEqual({
      wcet: "Answer this question",
      "choir-size": "Answer this question",
    });
    // null clears an answer.
    const cleared = await staff.patch(`${R}/${r.id}`, { answers: { notes: null } });
    expect(cleared.json().answers.notes).toBeNull();
  });

  it("refuses answers to questions the version does not have, and shapes no form takes", async () => {
    const r = await startFor(school);
    const unknown = await school.patch(`${R}/${r.id}`, { answers: { favourite: "jazz" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe("This questionnaire has no such question");
    const shape = await school.patch(`${R}/${r.id}`, { answers: { lead: { nested: true } } });
    expect(shape.statusCode).toBe(400);
    const forged = await school.patch(`${R}/${r.id}`, {
      answers: { plan: { fileId: "00000000-0000-4000-8000-000000000001", name: "x.pdf" } },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.message).toBe("Upload the file with this form");
  });

  it("submits only when the rule finds nothing wrong; a hidden required question is not required", async () => {
    const r = await startFor(school);
    await school.patch(`${R}/${r.id}`, {
      answers: { lead: "", choir: "yes", "choir-size": 900, "visit-date": "2026-02-30" },
    });
    const refused = await school.post(`${R}/${r.id}/submit`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe("4 answers need attention before you submit");
    expect(refused.json().error.details.fields).toEqual([
      { path: "lead", message: "Answer this question" },
      { path: "wcet", message: "Answer this question" },
      { path: "choir-size", message: "Enter a number from 1 to 500" },
      { path: "visit-date", message: "Enter a real date, for example 14/03/2026" },
    ]);
    // Choir "no" hides the size question: its (wrong) answer is no longer asked for, and is dropped.
    await school.patch(`${R}/${r.id}`, {
      answers: { lead: "Mr Ash Vale", wcet: 30, choir: "no", "visit-date": "2026-03-14" },
    });
    const ok = await school.post(`${R}/${r.id}/submit`, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe("submitted");
    expect(ok.json().answers).toEqual({
      lead: "Mr Ash Vale",
      wcet: 30,
      choir: "no",
      "visit-date": "2026-03-14",
    });
    const late = await school.patch(`${R}/${r.id}`, { answers: { lead: "Someone else" } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe("This response has been submitted and can no longer be changed");
    expect((await school.post(`${R}/${r.id}/submit`, {})).statusCode).toBe(409);
  });

  it("keeps another school's and another hub's responses out of reach", async () => {
    const theirs = await startFor(staff, secondSchoolId);
    expect((await school.get(`${R}/${theirs.id}`)).statusCode).toBe(404);
    expect((await school.patch(`${R}/${theirs.id}`, { answers: { lead: "x" } })).statusCode).toBe(404);
    expect((await school.post(`${R}/${theirs.id}/submit`, {})).statusCode).toBe(404);
    expect((await otherAdmin.get(`${R}/${theirs.id}`)).statusCode).toBe(404);
    expect((await otherSchoolUser.get(`${R}/${theirs.id}`)).statusCode).toBe(404);
    expect((await partner.get(`${R}/${theirs.id}`)).statusCode).toBe(403);
    const mine = (await school.get(R)).json();
    expect(mine.every((x: QuestionnaireResponse) => x.schoolId === hub.schoolId)).toBe(true);
    expect(
      (await school.get(`${R}?schoolId=${secondSchoolId}`))
        .json()
        .map((x: { schoolId: string }) => x.schoolId),
    ).not.toContain(secondSchoolId);
    expect((await otherAdmin.get(R)).json()).toEqual([]);
    expect((await otherAdmin.get("/api/questionnaires/available")).json()).toEqual([]);
    expect(
      (await school.get("/api/questionnaires/available")).json().map((x: { id: string }) => x.id),
    ).toContain(templateId);
  });
});

describe("files", () => {
  it("stores a PDF as the answer, refuses a disguised file, and serves it back to the school only", async () => {
    const r = await startFor(staff, secondSchoolId);
    const pdf = multipartFile("plan.pdf", "application/pdf", Buffer.from("%PDF-1.4\n% a fictional plan\n"));
    const up = await staff.request({ method: "POST", url: `${R}/${r.id}/files?questionId=plan`, ...pdf });
    expect(up.statusCode).toBe(200);
    const answer = up.json().answers.plan;
    expect(answer.name).toBe("plan.pdf");
    const down = await staff.get(`${R}/${r.id}/files/${answer.fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers["content-type"]).toBe("application/pdf");
    expect(down.body).toContain("a fictional plan");
    expect((await school.get(`${R}/${r.id}/files/${answer.fileId}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`${R}/${r.id}/files/${answer.fileId}`)).statusCode).toBe(404);

    const disguised = multipartFile("plan.pdf", "application/pdf", Buffer.from("just some text"));
    const refused = await staff.request({
      method: "POST",
      url: `${R}/${r.id}/files?questionId=plan`,
      ...disguised,
    });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.message).toBe(
      "This is a CSV file, not a PDF, an image, a Word document or an Excel workbook. The file must be a PDF, an image, a Word document or an Excel workbook.",
    );
    const wrongQuestion = await staff.request({
      method: "POST",
      url: `${R}/${r.id}/files?questionId=lead`,
      ...pdf,
    });
    expect(wrongQuestion.statusCode).toBe(400);
    expect(wrongQuestion.json().error.message).toBe("This question does not take a file");
    const notMultipart = await staff.post(`${R}/${r.id}/files?questionId=plan`, { file: "x" });
    expect(notMultipart.statusCode).toBe(415);
  });
});

describe("export", () => {
  it("writes one row per response and one column per question, as CSV (formula-safe) and XLSX", async () => {
    const t = await staff.post(T, {
      title: "CPD feedback",
      purpose: "cpd_feedback",
      definition: auditDefinition(),
    });
    const id = t.json().id;
    await staff.post(`${T}/${id}/publish`, {});
    const a = await staff.post(R, { templateId: id, schoolId: secondSchoolId });
    await staff.patch(`${R}/${a.json().id}`, {
      answers: {
        lead: '=HYPERLINK("http://x.invalid")',
        choir: "yes",
        "choir-size": 24,
        confidence: 3,
        priorities: ["singing", "cpd"],
      },
    });
    const b = await school.post(R, { templateId: id });
    await school.patch(`${R}/${b.json().id}`, {
      answers: { lead: "Mx Lark, music lead", wcet: 12, choir: "no" },
    });
    await school.post(`${R}/${b.json().id}/submit`, {});

    const csv = await staff.get(`${T}/${id}/responses/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toContain("cpd-feedback-responses-");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "School,URN,Status,Version,Submitted,Who leads music?,Pupils in whole-class ensemble tuition,Does the school have a choir?,How many pupils sing in it?,How confident are staff teaching music?,Priorities this year,Where is the school on its music journey?,Preferred visit date,Anything else?,Music development plan",
    );
    const second = lines.find((l) => l.startsWith("Second Primary"));
    expect(second).toContain(
      `"'=HYPERLINK(""http://x.invalid"")",,Yes,24,3 – Very confident,Singing; Staff CPD`,
    );
    expect(second).toContain(",Draft,1,");
    expect(lines.find((l) => l.startsWith("School of qr"))).toContain(`Submitted,1,`);

    const xlsx = await staff.get(`${T}/${id}/responses/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Responses");
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(6).value).toBe("Who leads music?");
    const values = [2, 3].map((n) => sheet?.getRow(n).getCell(7).value);
    expect(values).toEqual(expect.arrayContaining([12, null]));

    expect((await school.get(`${T}/${id}/responses/export?format=csv`)).statusCode).toBe(403);
    expect((await otherAdmin.get(`${T}/${id}/responses/export?format=csv`)).statusCode).toBe(404);
    expect((await staff.get(`${T}/${id}/responses/export?format=pdf`)).statusCode).toBe(400);
  });
});
