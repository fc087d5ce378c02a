import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Definition, QuestionnaireResponse, Template } from "../../../shared/schemas/questionnaires";
import { auditLog, schoolMusicData, schools } from "../../db/schema/index";
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

// The done-when: publish v1, answer it, publish v2, and the v1 answers stay as they were.

const T = "/api/questionnaires/templates";
const R = "/api/questionnaires/responses";
const clock = () => new Date("2026-01-15T10:00:00Z"); // academic year 2025/26

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let partner: Agent;
let otherAdmin: Agent;
let secondSchoolId = "";

beforeAll(async () => {
  env = await createTestEnv({ clock });
  hub = await seedHub(env.db, "qv");
  other = await seedHub(env.db, "qv-other");
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: 990001,
      laCode: "931",
      name: "Second Primary",
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  secondSchoolId = second?.id ?? "";
  await env.db.insert(schoolMusicData).values({
    hubId: hub.id,
    schoolId: hub.schoolId,
    academicYear: "2025/26",
    wcetPupils: 58,
  });
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
});
afterAll(() => env.close());

const create = async (
  definition: Definition = auditDefinition(),
  title = "Music audit",
): Promise<Template> => {
  const res = await staff.post(T, { title, purpose: "audit", definition });
  expect(res.statusCode).toBe(201);
  return res.json();
};
const publish = (id: string) => staff.post(`${T}/${id}/publish`, {});
const start = async (agent: Agent, templateId: string, schoolId?: string) =>
  agent.post(R, { templateId, ...(schoolId ? { schoolId } : {}) });

describe("versions", () => {
  it("keeps v1 answers unchanged after v2 is published, and a new response uses v2", async () => {
    const t = await create();
    expect((await publish(t.id)).json()).toEqual({ version: 1, created: true });

    const started = await start(school, t.id);
    expect(started.statusCode).toBe(201);
    const v1: QuestionnaireResponse = started.json();
    expect(v1.version).toBe(1);
    // "Figure from the register": prefilled from the school's music data for 2025/26.
    expect(v1.answers.wcet).toBe(58);
    const answers = { lead: "Ms Rowan Teal", choir: "no", confidence: 2, priorities: ["singing", "cpd"] };
    expect((await school.patch(`${R}/${v1.id}`, { answers })).statusCode).toBe(200);
    expect((await school.post(`${R}/${v1.id}/submit`, {})).statusCode).toBe(200);

    // v2: the lead question is reworded, a required question is added, confidence is dropped.
    const v2def = auditDefinition();
    const [first] = v2def.sections;
    if (!first) throw new Error("fixture");
    first.questions = first.questions
      .filter((q) => q.id !== "confidence")
      .map((q) => (q.id === "lead" ? { ...q, label: "Name of the music lead" } : q));
    first.questions.push({ id: "budget", kind: "number", label: "Music budget (£)", required: true, min: 0 });
    expect((await staff.patch(`${T}/${t.id}`, { definition: v2def })).statusCode).toBe(200);
    // Saving a draft publishes nothing: the school's response still reads v1.
    expect((await school.get(`${R}/${v1.id}`)).json().version).toBe(1);
    expect((await publish(t.id)).json()).toEqual({ version: 2, created: true });

    const after: QuestionnaireResponse = (await school.get(`${R}/${v1.id}`)).json();
    expect(after.version).toBe(1);
    expect(after.status).toBe("submitted");
    expect(after.answers).toEqual({ ...answers, wcet: 58 });
    expect(after.definition).toEqual(auditDefinition());
    expect(after.definition.sections[0]?.questions.map((q) => q.label)).toContain("Who leads music?");

    const fresh: QuestionnaireResponse = (await start(school, t.id)).json();
    expect(fresh.id).not.toBe(v1.id);
    expect(fresh.version).toBe(2);
    expect(fresh.definition).toEqual(v2def);
    expect(fresh.errors.budget).toBe("Answer this question");

    const tpl: Template = (await staff.get(`${T}/${t.id}`)).json();
    expect(tpl.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(tpl.hasUnpublishedChanges).toBe(false);
  });

  it("publishes an unchanged draft as no new version, and refuses a draft with problems", async () => {
    const t = await create();
    expect((await publish(t.id)).json()).toEqual({ version: 1, created: true });
    expect((await publish(t.id)).json()).toEqual({ version: 1, created: false });

    const bad = await staff.patch(`${T}/${t.id}`, {
      definition: {
        sections: [
          {
            id: "s",
            title: "S",
            questions: [{ id: "c", kind: "single_choice", label: "Pick", required: true, options: [] }],
          },
        ],
      },
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().problems[0].message).toBe("“Pick” needs at least two options");
    const refused = await publish(t.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(
      "This questionnaire cannot be published yet: “Pick” needs at least two options",
    );
    expect(refused.json().error.details.fields[0].path).toBe("sections.0.questions.0.options");
  });

  it("gives each of two parallel publishes of different drafts its own version number", async () => {
    const t = await create();
    await publish(t.id);
    const def = auditDefinition();
    def.sections[0]?.questions.push({ id: "extra", kind: "short_text", label: "Extra", required: false });
    await staff.patch(`${T}/${t.id}`, { definition: def });
    const results = await Promise.all([publish(t.id), publish(t.id), publish(t.id)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const made = results.map((r) => r.json()).filter((r) => r.created);
    expect(made).toEqual([{ version: 2, created: true }]);
  });

  it("records publishing and submitting in the audit log", async () => {
    const t = await create();
    await publish(t.id);
    const r: QuestionnaireResponse = (await start(staff, t.id, secondSchoolId)).json();
    await staff.patch(`${R}/${r.id}`, { answers: { lead: "Mr Ash Vale", wcet: 0, choir: "no" } });
    expect((await staff.post(`${R}/${r.id}/submit`, {})).statusCode).toBe(200);
    const entries = await env.db.select().from(auditLog).where(eq(auditLog.hubId, hub.id));
    const publishEntry = entries.find(
      (e) => e.entity === "questionnaire_version" && e.after?.templateId === t.id,
    );
    expect(publishEntry?.after).toMatchObject({ version: 1, title: "Music audit" });
    const submitEntry = entries.find((e) => e.entity === "questionnaire_response" && e.entityId === r.id);
    expect(submitEntry?.after).toMatchObject({ status: "submitted", version: 1, schoolId: secondSchoolId });
    expect(submitEntry?.actorId).toBe(hub.users.hub_staff.id);
  });
});

describe("templates", () => {
  it("lists templates by purpose with counts, for hub users only", async () => {
    const t = await create(auditDefinition(), "Lead School application 2026");
    await staff.patch(`${T}/${t.id}`, { purpose: "lead_school_application" });
    const list = (await admin.get(`${T}?purpose=lead_school_application`)).json();
    expect(list.map((x: Template) => x.title)).toEqual(["Lead School application 2026"]);
    expect(list[0]).toMatchObject({ latestVersion: null, hasUnpublishedChanges: true, responses: 0 });
    expect((await school.get(T)).statusCode).toBe(403);
    expect((await partner.get(T)).statusCode).toBe(403);
    expect((await anonymous(env.app).get(T)).statusCode).toBe(401);
    expect((await otherAdmin.get(T)).json()).toEqual([]);
    expect((await otherAdmin.get(`${T}/${t.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.patch(`${T}/${t.id}`, { title: "Taken" })).statusCode).toBe(404);
  });

  it("refuses bad input in our own words", async () => {
    const res = await staff.post(T, { title: " ", purpose: "survey" });
    expect(res.statusCode).toBe(400);
    const messages = res.json().error.details.fields.map((f: { message: string }) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining(["A questionnaire needs a title", "Choose what the questionnaire is for"]),
    );
    const year = await staff.post(T, { title: "Audit", purpose: "audit", academicYear: "2025-2026" });
    expect(year.json().error.message).toContain("Academic year must look like 2025/26");
    expect((await staff.get(`${T}/not-an-id`)).statusCode).toBe(400);
  });

  it("copies a template to another year from its latest published version", async () => {
    const t = await create();
    await publish(t.id);
    await staff.patch(`${T}/${t.id}`, { academicYear: "2025/26", definition: { sections: [] } });
    const res = await staff.post(`${T}/${t.id}/duplicate`, { academicYear: "2026/27" });
    expect(res.statusCode).toBe(201);
    const copy: Template = res.json();
    expect(copy).toMatchObject({
      title: "Music audit 2026/27",
      academicYear: "2026/27",
      latestVersion: null,
      purpose: "audit",
    });
    expect(copy.draft).toEqual(auditDefinition());
    expect(copy.id).not.toBe(t.id);
  });

  it("exports a template as JSON that another hub imports", async () => {
    const t = await create(auditDefinition(), "Quality mark self-evaluation");
    const file = await staff.get(`${T}/${t.id}/export`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toContain("Quality mark self-evaluation.questionnaire.json");
    const imported = await otherAdmin.post(`${T}/import`, { text: file.body });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ title: "Quality mark self-evaluation", latestVersion: null });
    expect(imported.json().draft).toEqual(auditDefinition());
    expect((await otherAdmin.get(T)).json().map((x: Template) => x.id)).toEqual([imported.json().id]);
  });

  it("refuses a bad import file with where and why", async () => {
    const notJson = await staff.post(`${T}/import`, { text: "title,purpose\nAudit,audit" });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.message).toBe(
      "The file is not JSON: choose a questionnaire file exported from Tutti",
    );

    const wrongFormat = await staff.post(`${T}/import`, { text: JSON.stringify({ title: "x" }) });
    expect(wrongFormat.json().error.message).toBe("Format: This is not a Tutti questionnaire file");

    const good = JSON.parse((await staff.get(`${T}/${(await create()).id}/export`)).body);
    good.definition.sections[1].questions[2].kind = "slider";
    delete good.definition.sections[0].questions[0].required;
    const bad = await staff.post(`${T}/import`, { text: JSON.stringify(good) });
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().error.details.fields.map((f: { message: string }) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Definition, Section 2, question 3, kind: Choose a kind of question",
        "Definition, Section 1, question 1, required: Say whether the question must be answered",
      ]),
    );

    const unusable = JSON.parse((await staff.get(`${T}/${(await create()).id}/export`)).body);
    unusable.definition.sections[0].questions[3].condition.questionId = "nowhere";
    const refused = await staff.post(`${T}/import`, { text: JSON.stringify(unusable) });
    expect(refused.json().error.message).toBe(
      "The questionnaire in the file cannot be used: “How many pupils sing in it?” can only depend on a question asked before it",
    );
    expect((await school.post(`${T}/import`, { text: JSON.stringify(good) })).statusCode).toBe(403);
  });

  it("lets nobody but hub users publish, and no other hub", async () => {
    const t = await create();
    expect((await school.post(`${T}/${t.id}/publish`, {})).statusCode).toBe(403);
    expect((await partner.post(`${T}/${t.id}/publish`, {})).statusCode).toBe(403);
    expect((await otherAdmin.post(`${T}/${t.id}/publish`, {})).statusCode).toBe(404);
    expect((await otherAdmin.post(`${T}/${t.id}/duplicate`, {})).statusCode).toBe(404);
    expect((await otherAdmin.get(`${T}/${t.id}/export`)).statusCode).toBe(404);
    const rows = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "questionnaire_version"), eq(auditLog.hubId, other.id)));
    expect(rows).toEqual([]);
  });
});
