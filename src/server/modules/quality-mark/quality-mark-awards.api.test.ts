import { Resvg } from "@resvg/resvg-js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, schools } from "../../db/schema/index";
import { appJobs } from "../../jobs";
import { contextFor } from "../../platform/context";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  TEST_PASSWORD,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { readPdf } from "../../testing/pdf-text";
import { addUserToHub } from "../hubs/hubs.service";
import { promptRenewals } from "./quality-mark.jobs";
import { qualityMarkMeasures } from "./quality-mark.measures";
import { qualityMarkTimelineSources } from "./quality-mark.timeline";

const W = "/api/quality-mark/awards";
let now = new Date("2026-03-10T10:00:00Z");

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let school: Agent;
let partner: Agent;
let secondSchool: Agent;
let otherAdmin: Agent;
let urn = 0;
let awardId = "";

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "qma");
  other = await seedHub(env.db, "qma-other");
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  urn = own?.urn ?? 0;
  const [second] = await env.db
    .insert(schools)
    .values({
      hubId: hub.id,
      urn: 990201,
      laCode: "931",
      name: "Old Award Primary",
      phase: "primary",
      status: "open",
      source: "manual",
    })
    .returning();
  await addUserToHub(env.db, hub.actor, {
    email: "second@qma.test",
    name: "Second",
    role: "school_user",
    password: TEST_PASSWORD,
    schoolId: second?.id ?? null,
    partnerId: null,
  });
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  school = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  secondSchool = await signInAs(env.app, "second@qma.test");
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
});
afterAll(() => env.close());

describe("POST /api/quality-mark/awards (a past award)", () => {
  it("records an award by URN, level and date: 201 with its id, year and validity", async () => {
    const res = await admin.post(W, { urn, level: "gold", awardedOn: "2025-03-14" });
    expect(res.statusCode).toBe(201);
    awardId = res.json().id;
    expect(res.json()).toMatchObject({
      urn,
      schoolName: "School of qma",
      level: "gold",
      awardedOn: "2025-03-14",
      academicYear: "2024/25",
      validUntil: "2027-08-31",
      status: "current",
      applicationId: null,
    });
  });

  it("refuses other roles, an unknown URN, a level not in the list and a date to come", async () => {
    expect((await staff.post(W, { urn, level: "gold", awardedOn: "2025-03-14" })).statusCode).toBe(403);
    expect((await school.post(W, { urn, level: "gold", awardedOn: "2025-03-14" })).statusCode).toBe(403);
    const unknown = await admin.post(W, { urn: 999997, level: "gold", awardedOn: "2025-03-14" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].path).toBe("urn");
    const badLevel = await admin.post(W, { urn, level: "diamond", awardedOn: "2025-03-14" });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.message).toContain("Choose a level");
    expect((await admin.post(W, { urn, level: "gold", awardedOn: "2026-13-01" })).statusCode).toBe(400);
    expect((await admin.post(W, { urn, level: "gold", awardedOn: "2026-05-01" })).statusCode).toBe(400);
    // Another hub's admin cannot award this hub's school.
    expect((await otherAdmin.post(W, { urn, level: "gold", awardedOn: "2025-03-14" })).statusCode).toBe(400);
  });
});

describe("downloads", () => {
  it("the certificate: A4 landscape with the school, level, year and hub", async () => {
    const res = await school.get(`${W}/${awardId}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.pages).toHaveLength(1);
    const [page] = pdf.pages;
    expect(page?.width).toBe(842);
    expect(page?.height).toBe(595);
    for (const text of ["School of qma", "Gold quality mark", "2024/25", "Hub qma"])
      expect(page?.text).toContain(text);
  });

  it("the badge as SVG: well-formed, with the level, year and hub, names escaped", async () => {
    const res = await staff.get(`${W}/${awardId}/badge.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(res.body).toMatch(/^<\?xml[^>]*\?>\s*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain(">GOLD<");
    expect(res.body).toContain(">2024/25<");
    // resvg parses the XML strictly: an invalid SVG throws.
    expect(new Resvg(res.body).render().width).toBe(512);
  });

  it("the badge as PNG at each size for print and web; other sizes refused", async () => {
    for (const size of [128, 1024]) {
      const res = await school.get(`${W}/${awardId}/badge.png?size=${size}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("image/png");
      const png = res.rawPayload;
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
    const bad = await school.get(`${W}/${awardId}/badge.png?size=99999`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("Choose a size");
  });

  it("anyone but hub users and the school's own users gets 404", async () => {
    for (const path of ["certificate.pdf", "badge.svg", "badge.png?size=128"]) {
      expect((await secondSchool.get(`${W}/${awardId}/${path}`)).statusCode).toBe(404);
      expect((await partner.get(`${W}/${awardId}/${path}`)).statusCode).toBe(404);
      expect((await otherAdmin.get(`${W}/${awardId}/${path}`)).statusCode).toBe(404);
      expect((await anonymous(env.app).get(`${W}/${awardId}/${path}`)).statusCode).toBe(401);
      expect((await admin.get(`${W}/${awardId}/${path}`)).statusCode).toBe(200);
    }
  });
});

describe("lists, the public page and renewals", () => {
  it("a school lists only its own awards; the hub lists and exports all, filtered by status", async () => {
    await admin.post(W, { urn: 990201, level: "bronze", awardedOn: "2021-10-01" });
    expect((await secondSchool.get(W)).json().items.map((a: { level: string }) => a.level)).toEqual([
      "bronze",
    ]);
    expect((await school.get(W)).json().items.map((a: { id: string }) => a.id)).toEqual([awardId]);
    const expired = (await staff.get(`${W}?status=expired`)).json();
    expect(expired.items.map((a: { schoolName: string }) => a.schoolName)).toEqual(["Old Award Primary"]);
    const csv = await staff.get(`${W}/export.csv?status=current`);
    expect(csv.body).toContain("School of qma");
    expect(csv.body).not.toContain("Old Award Primary");
    expect((await partner.get(W)).statusCode).toBe(403);
  });

  it("the presentation list: the year's awarded schools by level, as a PDF for hub users", async () => {
    const res = await staff.get(`${W.replace("/awards", "")}/presentation.pdf?year=2024/25`);
    expect(res.statusCode).toBe(200);
    const text = (await readPdf(res.rawPayload)).pages.map((p) => p.text).join("\n");
    expect(text).toContain("Schools to be presented: quality mark 2024/25");
    expect(text).toContain("Gold (1)");
    expect(text).toContain("School of qma");
    expect(text).not.toContain("Old Award Primary");
    expect((await school.get("/api/quality-mark/presentation.pdf")).statusCode).toBe(403);
  });

  it("the public page lists current awards only: school, URN, level and year", async () => {
    const res = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/quality-mark`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [{ urn, schoolName: "School of qma", level: "gold", academicYear: "2024/25" }],
    });
    expect(res.body).not.toContain(awardId);
    expect((await anonymous(env.app).get("/api/public/hubs/no-such-hub/quality-mark")).statusCode).toBe(404);
  });

  it("the public HTML page: a table per level with school, URN and year, nothing else; 404 for an unknown hub", async () => {
    const res = await anonymous(env.app).get(`/h/${hub.slug}/quality-mark`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.body).toContain('<html lang="en-GB">');
    expect(res.body).toContain("<h1>Schools holding the music quality mark</h1>");
    expect(res.body).toContain("Gold (1 school)");
    expect(res.body).toContain(`<th scope="row">School of qma</th><td>${urn}</td><td>2024/25</td>`);
    // The expired award and every internal id stay out.
    expect(res.body).not.toContain("Old Award Primary");
    expect(res.body).not.toContain(awardId);
    expect(res.body).not.toContain(hub.schoolId);
    // Signed in or not, the same page (a shared cache may keep it).
    expect((await admin.get(`/h/${hub.slug}/quality-mark`)).body).toBe(res.body);
    const empty = await anonymous(env.app).get(`/h/${other.slug}/quality-mark`);
    expect(empty.body).toContain("No school holds a current quality mark");
    const unknown = await anonymous(env.app).get("/h/no-such-hub/quality-mark");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("Page not found");
    // The hub's public page links to it.
    const profile = (await anonymous(env.app).get(`/api/public/hubs/${hub.slug}`)).json();
    expect(profile.pages).toContainEqual(expect.objectContaining({ href: `/h/${hub.slug}/quality-mark` }));
  });

  it("prompts the school once to renew when its award is about to expire", async () => {
    expect(appJobs().schedules.map((s) => s.name)).toContain("quality-mark-renewals");
    expect(await promptRenewals(env.deps)).toBe(0);
    now = new Date("2027-07-01T09:00:00Z");
    expect(await promptRenewals(env.deps)).toBe(1);
    expect(await promptRenewals(env.deps)).toBe(0);
    const mails = await env.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, hub.users.school_user.email));
    expect(mails.map((m) => m.subject)).toContain("Quality mark: time to renew School of qma's Gold award");
    now = new Date("2026-03-10T10:00:00Z");
  });

  it("the plan measure and the timeline source", async () => {
    const [measure] = qualityMarkMeasures;
    expect(measure?.id).toBe("quality_mark_cohort_applied_share");
    const v = await measure?.compute({ db: env.db, hubId: hub.id, on: "2026-03-10" });
    expect(v).toEqual({ value: 0, numerator: 0, denominator: 2 });
    const ctx = contextFor(env.deps, { ...hub.actor, role: "school_user", schoolId: hub.schoolId });
    const entries = await qualityMarkTimelineSources[0]?.load(ctx, String(urn));
    expect(entries?.map((e) => e.title)).toEqual(["Gold quality mark awarded"]);
    expect(await qualityMarkTimelineSources[0]?.load(ctx, "990201")).toEqual([]);
  });
});

describe("the validity the hub sets", () => {
  const F = "/api/quality-mark/framework";
  it("a hub admin sets the years an award is valid in the framework; staff cannot; out of range refused", async () => {
    const f = (await admin.get(`${F}?year=2023/24`)).json();
    expect(f.validityYears).toBe(3);
    const put = (agent: Agent, validityYears: unknown) =>
      agent.request({
        method: "PUT",
        url: F,
        payload: { academicYear: "2023/24", levels: f.levels, validityYears },
      });
    const zero = await put(admin, 0);
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.message).toBe("An award is valid for at least one academic year");
    expect((await put(admin, 11)).statusCode).toBe(400);
    expect((await put(admin, 2.5)).statusCode).toBe(400);
    expect((await put(staff, 2)).statusCode).toBe(403);
    const saved = await put(admin, 2);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ academicYear: "2023/24", validityYears: 2 });
    // A save that leaves it out keeps it.
    const again = await admin.request({
      method: "PUT",
      url: F,
      payload: { academicYear: "2023/24", levels: f.levels },
    });
    expect(again.json().validityYears).toBe(2);
    // Another hub's framework is its own.
    expect((await otherAdmin.get(`${F}?year=2023/24`)).json().validityYears).toBe(3);
  });

  it("an award's expiry follows the framework of its year, or the latest year before it", async () => {
    const made = await admin.post(W, { urn: 990201, level: "silver", awardedOn: "2023-10-02" });
    expect(made.json()).toMatchObject({
      academicYear: "2023/24",
      validUntil: "2025-08-31",
      status: "expired",
    });
    // 2024/25 has no framework of its own: the 2023/24 one's two years apply.
    const next = await admin.post(W, { urn: 990201, level: "bronze", awardedOn: "2025-01-10" });
    expect(next.json()).toMatchObject({
      academicYear: "2024/25",
      validUntil: "2026-08-31",
      status: "current",
    });
    // Recording a past award makes no framework for its year.
    expect((await admin.get(`${F}?year=2024/25`)).json().version).toBe(1);
  });
});

describe("the presentation event", () => {
  const PR = "/api/quality-mark/presentation";
  const newEvent = async (agent: Agent, title: string) => {
    const start = new Date(now.getTime() + 30 * 86_400_000);
    const res = await agent.post("/api/cpd/events", {
      title,
      kind: "twilight",
      capacity: 80,
      pricePence: 0,
      status: "published",
      sessions: [
        {
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 120 * 60_000).toISOString(),
          venue: "Hub Centre",
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const put = (agent: Agent, eventId: string | null, academicYear = "2024/25") =>
    agent.request({ method: "PUT", url: PR, payload: { academicYear, eventId } });

  it("lists the year's awarded schools, highest level first; none chosen yet", async () => {
    const res = await staff.get(`${PR}?year=2024/25`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      academicYear: "2024/25",
      event: null,
      schools: [
        { urn, schoolName: "School of qma", level: "gold", awardedOn: "2025-03-14" },
        { urn: 990201, schoolName: "Old Award Primary", level: "bronze", awardedOn: "2025-01-10" },
      ],
    });
    expect((await school.get(PR)).statusCode).toBe(403);
    expect((await partner.get(PR)).statusCode).toBe(403);
    expect((await staff.get(`${PR}?year=2024-25`)).statusCode).toBe(400);
  });

  it("a hub admin chooses the CPD event; the running order PDF names it; anyone else refused", async () => {
    const eventId = await newEvent(staff, "Quality mark awards evening");
    expect((await put(staff, eventId)).statusCode).toBe(403);
    expect((await put(school, eventId)).statusCode).toBe(403);
    const unknown = await put(admin, "00000000-0000-4000-8000-00000000beef");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0]).toEqual({
      path: "eventId",
      message: "Choose one of the hub's CPD events",
    });
    const elsewhere = await newEvent(otherAdmin, "Another hub's evening");
    expect((await put(admin, elsewhere)).statusCode).toBe(400);
    const saved = await put(admin, eventId);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().event).toMatchObject({ id: eventId, title: "Quality mark awards evening" });
    expect(saved.json().schools).toHaveLength(2);
    expect((await staff.get(`${PR}?year=2024/25`)).json().event.id).toBe(eventId);
    const pdf = await staff.get("/api/quality-mark/presentation.pdf?year=2024/25");
    const text = (await readPdf(pdf.rawPayload)).pages.map((p) => p.text).join("\n");
    expect(text).toContain("At Quality mark awards evening,");
    // Another hub sees nothing of it.
    const theirs = (await otherAdmin.get(`${PR}?year=2024/25`)).json();
    expect(theirs).toEqual({ academicYear: "2024/25", event: null, schools: [] });
    // Cleared.
    expect((await put(admin, null)).json().event).toBeNull();
    expect((await staff.get(`${PR}?year=2024/25`)).json().event).toBeNull();
  });
});
