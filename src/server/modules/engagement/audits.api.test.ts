import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchoolAudits, VisitAudit } from "../../../shared/schemas/phases";
import type {
  Answers,
  Definition,
  QuestionnaireResponse,
  Template,
} from "../../../shared/schemas/questionnaires";
import { schools, visits } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { DEFAULT_AUDIT_TITLE, defaultAuditDefinition } from "./audits.default";

const NOW = new Date("2026-03-10T10:00:00Z");
const R = "/api/questionnaires/responses";
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let partner: Agent;
let otherStaff: Agent;
let otherSchool: Agent;
let urn: number;
let secondId: string;
let templateId: string;
let visitId: string;

/** An answer to every question of the definition (what a school would give). */
const answersFor = (d: Definition): Answers => {
  const out: Answers = {};
  for (const q of d.sections.flatMap((s) => s.questions)) {
    if (q.kind === "yes_no") out[q.id] = "yes";
    else if (q.kind === "scale") out[q.id] = 3;
    else if (q.kind === "number") out[q.id] = 45;
    else if (q.kind === "single_choice") out[q.id] = q.options?.[0]?.value ?? "";
    else out[q.id] = "Our fictional answer";
  }
  return out;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "audits");
  other = await seedHub(env.db, "audits-other");
  [staff, admin, school, partner, otherStaff, otherSchool] = await Promise.all([
    signInAs(env.app, hub.users.hub_staff.email),
    signInAs(env.app, hub.users.hub_admin.email),
    signInAs(env.app, hub.users.school_user.email),
    signInAs(env.app, hub.users.partner_user.email),
    signInAs(env.app, other.users.hub_staff.email),
    signInAs(env.app, other.users.school_user.email),
  ]);
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  urn = own?.urn ?? 0;
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: 890001,
      laCode: "931",
      name: "Second Fictional Primary",
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  secondId = second?.id ?? "";
  const [visit] = await env.db
    .insert(visits)
    .values({ hubId: hub.id, schoolId: hub.schoolId, date: "2026-03-24", purpose: "first_conversation" })
    .returning();
  visitId = visit?.id ?? "";
});
afterAll(() => env.close());

describe("the default pre-visit audit", () => {
  it("has the nine sections of a supportive conversation, and the question kinds the issue names", () => {
    const d = defaultAuditDefinition();
    expect(d.sections.map((s) => s.title)).toEqual([
      "Curriculum and timetable time",
      "Singing",
      "Whole-class and instrumental teaching",
      "Ensembles and co-curricular music",
      "Inclusion and SEND",
      "Assessment and progression",
      "Leadership and the school development plan",
      "Staff skills and CPD",
      "Partnerships",
    ]);
    const kinds = new Set(d.sections.flatMap((s) => s.questions.map((q) => q.kind)));
    for (const k of ["short_text", "long_text", "single_choice", "scale", "number", "yes_no"])
      expect(kinds).toContain(k);
    const scale = d.sections.flatMap((s) => s.questions).find((q) => q.kind === "scale");
    expect(scale?.levels?.map((l) => l.value)).toEqual([1, 2, 3, 4]);
    expect(scale?.levels?.every((l) => l.label.length > 0)).toBe(true);
  });

  it("is set up by a hub admin once (201, then 200), published as version 1", async () => {
    const first = await admin.post("/api/engagement/audits/default");
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ title: DEFAULT_AUDIT_TITLE, version: 1, created: true });
    templateId = first.json().templateId;
    const again = await admin.post("/api/engagement/audits/default");
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ templateId, created: false });
    expect((await staff.post("/api/engagement/audits/default")).statusCode).toBe(403);
    expect((await school.post("/api/engagement/audits/default")).statusCode).toBe(403);
  });

  it("two admins setting it up at once make one questionnaire", async () => {
    const otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
    const both = await Promise.all([
      otherAdmin.post("/api/engagement/audits/default"),
      otherAdmin.post("/api/engagement/audits/default"),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(both.map((r) => r.json().templateId)).size).toBe(1);
  });
});

describe("a school completes its audit; hub staff read it before the visit", () => {
  let response: QuestionnaireResponse;

  it("the school user sees it waiting, not started", async () => {
    const mine: SchoolAudits = (await school.get("/api/engagement/audits/mine")).json();
    expect(mine).toMatchObject({ urn, schoolName: "School of audits" });
    expect(mine.audits).toEqual([
      expect.objectContaining({ templateId, status: "not_started", responseId: null, version: 1 }),
    ]);
    expect((await staff.get("/api/engagement/audits/mine")).statusCode).toBe(403);
  });

  it("saves a draft, which hub staff see as a draft", async () => {
    const start = await school.post(R, { templateId });
    expect(start.statusCode).toBe(201);
    response = start.json();
    const saved = await school.patch(`${R}/${response.id}`, { answers: { "minutes-per-week": 40 } });
    expect(saved.statusCode).toBe(200);
    const seen: SchoolAudits = (await staff.get(`/api/schools/${urn}/audits`)).json();
    expect(seen.audits).toEqual([expect.objectContaining({ responseId: response.id, status: "draft" })]);
    const notYet: VisitAudit = (await staff.get(`/api/visits/${visitId}/audit`)).json();
    expect(notYet.audit).toBeNull();
    expect(notYet.sections).toHaveLength(9);
  });

  it("refuses to submit an incomplete audit, then submits a complete one", async () => {
    expect((await school.post(`${R}/${response.id}/submit`)).statusCode).toBe(400);
    await school.patch(`${R}/${response.id}`, { answers: answersFor(response.definition) });
    const done = await school.post(`${R}/${response.id}/submit`);
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe("submitted");
  });

  it("hub staff see the submitted audit from the visit, with the sections the report judges", async () => {
    const res = await staff.get(`/api/visits/${visitId}/audit`);
    expect(res.statusCode).toBe(200);
    const body: VisitAudit = res.json();
    expect(body.audit).toMatchObject({ responseId: response.id, version: 1, title: DEFAULT_AUDIT_TITLE });
    expect(body.sections[0]).toEqual({ id: "curriculum", title: "Curriculum and timetable time" });
    const list: SchoolAudits = (await staff.get(`/api/schools/${urn}/audits`)).json();
    expect(list.audits[0]).toMatchObject({ status: "submitted", submittedAt: NOW.toISOString() });
  });

  it("a report's judgements take the audit's section titles", async () => {
    const res = await staff.request({
      method: "PUT",
      url: `/api/visits/${visitId}/report`,
      payload: {
        summary: "A warm first conversation",
        nextSteps: [],
        judgements: [{ section: "Singing", judgement: "strength" }],
        version: 0,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().judgements).toEqual([{ section: "Singing", judgement: "strength", seen: null }]);
  });

  it("keeps the school's audits from other schools, hubs and roles", async () => {
    expect((await otherSchool.get(`/api/schools/${urn}/audits`)).statusCode).toBe(404);
    expect((await otherStaff.get(`/api/schools/${urn}/audits`)).statusCode).toBe(404);
    expect((await school.get(`/api/schools/${secondId}/audits`)).statusCode).toBe(404);
    expect((await partner.get(`/api/schools/${urn}/audits`)).statusCode).toBe(403);
    expect((await school.get(`/api/visits/${visitId}/audit`)).statusCode).toBe(403);
    expect((await otherStaff.get(`/api/visits/${visitId}/audit`)).statusCode).toBe(404);
    expect((await staff.get("/api/schools/999999999/audits")).statusCode).toBe(400);
  });

  it("changing the template never changes answers already given", async () => {
    const before = (await staff.get(`${R}/${response.id}`)).json() as QuestionnaireResponse;
    const template: Template = (await admin.get(`/api/questionnaires/templates/${templateId}`)).json();
    const changed: Definition = {
      sections: template.draft.sections.map((s, i) =>
        i === 1
          ? {
              ...s,
              title: "Singing and the voice",
              questions: s.questions.map((q) => ({ ...q, label: `${q.label} (reworded)` })),
            }
          : s,
      ),
    };
    expect(
      (await admin.patch(`/api/questionnaires/templates/${templateId}`, { definition: changed })).statusCode,
    ).toBe(200);
    const published = await admin.post(`/api/questionnaires/templates/${templateId}/publish`);
    expect(published.json()).toMatchObject({ version: 2 });
    const after = (await staff.get(`${R}/${response.id}`)).json() as QuestionnaireResponse;
    expect(after.version).toBe(1);
    expect(after.definition).toEqual(before.definition);
    expect(after.answers).toEqual(before.answers);
    expect(after.definition.sections[1]?.title).toBe("Singing");
    // The visit still judges the sections the school answered; a new audit would take version 2.
    const visitAuditAfter: VisitAudit = (await staff.get(`/api/visits/${visitId}/audit`)).json();
    expect(visitAuditAfter.sections[1]?.title).toBe("Singing");
    const next = await staff.post(R, { templateId, schoolId: secondId });
    expect((next.json() as QuestionnaireResponse).definition.sections[1]?.title).toBe(
      "Singing and the voice",
    );
  });
});

describe("home card and timeline", () => {
  const cardOf = async (agent: Agent) => {
    const res = await agent.get("/api/home");
    const cards: { kind: string }[] = res.json().cards;
    return cards.find((c) => c.kind === "audits-waiting") as
      | { audience: string; total: number; items: { label: string; detail: string; href: string }[] }
      | undefined;
  };

  it("shows hub staff the submitted audit of a school whose visit is still to come", async () => {
    const card = await cardOf(staff);
    expect(card).toMatchObject({ audience: "hub", total: 1 });
    expect(card?.items[0]).toMatchObject({ label: "School of audits", detail: "Visit on 24 March 2026" });
    expect(await cardOf(partner)).toBeUndefined();
  });

  it("shows a school user nothing once their audits are submitted, and the other hub's school its own to do", async () => {
    expect(await cardOf(school)).toBeUndefined();
    const theirs = await cardOf(otherSchool);
    expect(theirs).toMatchObject({ audience: "school", total: 1 });
    expect(theirs?.items[0]?.detail).toBe("Not started yet");
  });

  it("puts the school's audits on its timeline, for those who may see them", async () => {
    const { engagementAuditTimelineSources } = await import("./audits.timeline");
    const { contextFor } = await import("../../platform/context");
    const [source] = engagementAuditTimelineSources;
    if (!source) throw new Error("no source");
    const entries = await source.load(contextFor(env.deps, hub.actor), String(urn));
    expect(entries).toEqual([
      expect.objectContaining({
        kind: "audit",
        title: `${DEFAULT_AUDIT_TITLE} submitted`,
        at: NOW.toISOString(),
      }),
    ]);
    expect(await source.load(contextFor(env.deps, other.actor), String(urn))).toEqual([]);
  });
});
