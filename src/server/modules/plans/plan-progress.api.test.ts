import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schools } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";
import { readPdf } from "../../testing/pdf-text";

// "Today" is Tuesday 10 March 2026.
const NOW = new Date("2026-03-10T10:00:00Z");
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let school: Agent;
let _partner: Agent;
let _otherAdmin: Agent;
let urn: number;

const HEADER = "Objective number,Objective,Action,Lead,Target,By when,Monitor,Budget,Next year target";
const GOOD_CSV = [
  HEADER,
  "1,Reach every school,Visit schools and write up each visit,SLE,Half of schools visited,Jul 2026,Gov,Within roles,75%",
  ",,,,Every report approved within a month,30/04/2026,Exec,,",
  ",,Termly news to music leads,AML,Every school contacted,2026-08,Gov,£300,",
  "2,More singing,Singing days,HoS,Four singing days,31/03/2026,HoS,£2000,Six days",
].join("\r\n");

const boundary = "plantestboundary";
const upload = (agent: Agent, url: string, name: string, body: Buffer | string, type = "text/csv") =>
  agent.request({
    method: "POST",
    url,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      Buffer.isBuffer(body) ? body : Buffer.from(body),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });

const newPlan = async (title = "School Music Education Plan 2025–2027") => {
  const res = await admin.post("/api/plans", { title, startsOn: "2025-09-01", endsOn: "2027-08-31" });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};

type TargetJson = {
  id: string;
  text: string;
  current: number | null;
  trend: unknown[];
  currentText: string | null;
  status: string;
};
type PlanJson = {
  objectives: {
    number: number;
    title: string;
    actions: { text: string; lead: string; targets: TargetJson[] }[];
  }[];
};
const targetsOf = (plan: PlanJson) => plan.objectives.flatMap((o) => o.actions.flatMap((a) => a.targets));

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "plans");
  other = await seedHub(env.db, "plansother");
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  _partner = await signInAs(env.app, hub.users.partner_user.email);
  _otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  const [s] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  if (!s) throw new Error("no school");
  urn = s.urn;
  // A second open school that nobody visits: the visited share can reach one half.
  await env.db.insert(schools).values({
    hubId: hub.id,
    urn: urn + 1,
    laCode: "931",
    name: "Unvisited Primary",
    phase: "primary",
    status: "open",
    source: "manual",
  });
});
afterAll(() => env.close());

describe("updates, reviews and exports", () => {
  it("takes updates with evidence, runs a review that asks owners and records decisions, and exports", async () => {
    const id = await newPlan("Reviewed plan");
    await upload(admin, `/api/plans/${id}/import`, "plan.csv", GOOD_CSV);
    const [t1, t2, t3] = targetsOf((await admin.get(`/api/plans/${id}`)).json());
    if (!t1 || !t2 || !t3) throw new Error("targets");
    expect(
      (await admin.patch(`/api/plans/${id}/targets/${t1.id}`, { ownerId: hub.users.hub_staff.id }))
        .statusCode,
    ).toBe(200);
    expect(
      (await admin.patch(`/api/plans/${id}/targets/${t2.id}`, { ownerId: hub.users.school_user.id }))
        .statusCode,
    ).toBe(400);

    // Evidence: a PDF, then an update with a link and the file; the status becomes the target's.
    const file = await upload(
      staff,
      `/api/plans/${id}/files`,
      "minutes.pdf",
      "%PDF-1.4\n%minutes\n",
      "application/pdf",
    );
    expect(file.statusCode).toBe(201);
    expect(
      (await upload(staff, `/api/plans/${id}/files`, "x.exe", Buffer.from([0x4d, 0x5a, 0, 0, 1, 2])))
        .statusCode,
    ).toBe(415);
    const posted = await staff.post(`/api/plans/${id}/updates`, {
      targetId: t1.id,
      text: "Twelve visits done this term",
      links: ["https://example.test/visits"],
      fileIds: [file.json().id],
      status: "at_risk",
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({
      targetText: t1.text,
      links: ["https://example.test/visits"],
      files: [{ name: "minutes.pdf" }],
      status: "at_risk",
      authorName: "hub_staff of plans",
    });
    expect((await staff.get(`/api/plans/${id}/files/${file.json().id}`)).body).toContain("%minutes");
    expect((await staff.get(`/api/plans/${id}/updates?targetId=${t1.id}`)).json()).toHaveLength(1);
    expect((await school.post(`/api/plans/${id}/updates`, { targetId: t1.id, text: "x" })).statusCode).toBe(
      403,
    );
    expect(
      (
        await staff.post(`/api/plans/${id}/updates`, {
          targetId: t1.id,
          text: "x",
          links: ["javascript:alert(1)"],
        })
      ).statusCode,
    ).toBe(400);
    expect((await admin.get(`/api/plans/${id}/targets/${t1.id}`)).json().target.status).toBe("at_risk");

    // A review asks each owner by e-mail, and records continue / revise / retire.
    const review = await admin.post(`/api/plans/${id}/reviews`, {
      title: "Spring review",
      dueOn: "2026-03-31",
    });
    expect(review.statusCode).toBe(201);
    expect(review.json()).toMatchObject({ title: "Spring review", status: "open", asked: 1, decisions: [] });
    const [mail] = await mailsTo(env.db, hub.users.hub_staff.email, hub.id);
    expect(mail?.subject).toBe("Update asked for: Reviewed plan (Spring review)");
    expect(mail?.text).toContain(`/plans/${id}`);
    const r = review.json().id as string;
    const D = `/api/plans/${id}/reviews/${r}/decisions`;
    expect(
      (await admin.post(D, { targetId: t1.id, decision: "continue", note: "Keep going" })).statusCode,
    ).toBe(200);
    expect((await admin.post(D, { targetId: t2.id, decision: "revise" })).statusCode).toBe(400);
    const revised = await admin.post(D, {
      targetId: t2.id,
      decision: "revise",
      revised: { text: "Reports approved within six weeks" },
    });
    expect(revised.statusCode).toBe(200);
    expect((await admin.post(D, { targetId: t3.id, decision: "retire" })).statusCode).toBe(200);
    expect((await staff.post(D, { targetId: t3.id, decision: "retire" })).statusCode).toBe(403);

    const t2detail = (await admin.get(`/api/plans/${id}/targets/${t2.id}`)).json();
    expect(t2detail.target.text).toBe("Reports approved within six weeks");
    expect(t2detail.revisions[0]).toMatchObject({
      reason: "Revised at Spring review",
      before: { text: "Every report approved within a month" },
    });
    expect((await admin.get(`/api/plans/${id}/targets/${t3.id}`)).json().target.retired).toBe(true);

    const closed = await admin.post(`/api/plans/${id}/reviews/${r}/close`);
    expect(closed.json()).toMatchObject({ status: "closed" });
    expect(closed.json().decisions.map((d: { decision: string }) => d.decision)).toEqual([
      "continue",
      "revise",
      "retire",
    ]);
    expect((await admin.post(D, { targetId: t1.id, decision: "continue" })).statusCode).toBe(409);
    expect((await staff.get(`/api/plans/${id}/reviews`)).json()).toHaveLength(1);

    // The governance report for the term.
    const gov = await staff.get(`/api/plans/${id}/governance?from=2026-01-01&to=2026-04-30`);
    expect(gov.statusCode).toBe(200);
    expect(gov.json()).toMatchObject({
      updates: 1,
      atRisk: [{ targetId: t1.id, status: "at_risk" }],
      due: [
        { targetId: t2.id, byWhen: "2026-04-30" },
        { text: "Four singing days", byWhen: "2026-03-31" },
      ],
    });
    expect(gov.json().decisions).toHaveLength(3);
    expect((await staff.get(`/api/plans/${id}/governance?from=2026-05-01&to=2026-04-30`)).statusCode).toBe(
      400,
    );

    // Exports: a landscape PDF in the seed plan's columns, and XLSX.
    const pdf = await staff.get(`/api/plans/${id}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = (await readPdf(pdf.rawPayload)).pages.map((p) => p.text).join("\n");
    for (const s of [
      "Reviewed plan",
      "SMART targets",
      "Next year targets",
      "1. Reach every school",
      "Reports approved within six",
    ])
      expect(text).toContain(s);
    expect(text).not.toContain("Every school contacted"); // retired
    const xlsx = await staff.get(`/api/plans/${id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.getRow(2).getCell(1).value).toBe("1. Reach every school");
  });
});
