import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HomeCard, HomeResponse } from "../../../shared/schemas/home";
import { auditLog, jobs, schoolMusicData, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { seedSchools } from "../schools/schools.fixtures";

const NOW = new Date("2026-12-02T09:00:00Z"); // academic year 2026/27
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
});
afterAll(() => env.close());

const cardOf = <K extends HomeCard["kind"]>(body: HomeResponse, kind: K): Extract<HomeCard, { kind: K }> => {
  const card = body.cards.find((c) => c.kind === kind);
  if (!card) throw new Error(`no ${kind} card in ${JSON.stringify(body.cards.map((c) => c.kind))}`);
  return card as Extract<HomeCard, { kind: K }>;
};

/** The school list's total for a figure's link ("/schools?status=open&phase=primary"). */
const listTotal = async (agent: Agent, href: string): Promise<number> => {
  const search = href.split("?")[1] ?? "";
  const res = await agent.get(`/api/schools?${search}`);
  expect(res.statusCode).toBe(200);
  return res.json().total;
};

/** A hub with 7 more schools: phases, statuses, link officers and this year's music data varied. */
const seedFigures = async (hub: TestHub) => {
  const staffId = hub.users.hub_staff.id;
  const base = 300000 + Math.floor(Math.random() * 600000);
  const rows = await seedSchools(env.db, hub.id, [
    { urn: base + 1, name: "Alder Grove Academy", phase: "secondary", linkOfficerId: staffId },
    { urn: base + 2, name: "Birch Lane Primary", phase: "primary", linkOfficerId: staffId },
    { urn: base + 3, name: "Cedar Fields Primary", phase: "primary" },
    { urn: base + 4, name: "Damson Special School", phase: "special" },
    { urn: base + 5, name: "Elm Road Infants", phase: "primary", status: "closed" },
    { urn: base + 6, name: "Fir Tree Free School", phase: "secondary", status: "proposed" },
    { urn: base + 7, name: "Gorse Hill Primary", phase: "primary", linkOfficerId: staffId },
  ]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const withData = ["Alder Grove Academy", "Birch Lane Primary"].map((n) => byName.get(n)?.id ?? "");
  await env.db.insert(schoolMusicData).values([
    ...withData.map((schoolId) => ({ hubId: hub.id, schoolId, academicYear: "2026/27", wcetPupils: 30 })),
    // last year's figures do not count for this year
    { hubId: hub.id, schoolId: byName.get("Cedar Fields Primary")?.id ?? "", academicYear: "2025/26" },
  ]);
  return { base, byName };
};

describe("GET /api/home", () => {
  it("refuses anyone not signed in", async () => {
    const res = await anonymous(env.app).get("/api/home");
    expect(res.statusCode).toBe(401);
  });

  it("gives a hub admin the hub's figures, each equal to the school list it links to", async () => {
    const hub = await seedHub(env.db, "home-figures");
    await seedFigures(hub);
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const res = await admin.get("/api/home");
    expect(res.statusCode).toBe(200);
    const figures = cardOf(res.json(), "hub-figures");
    expect(figures.academicYear).toBe("2026/27");
    // The harness's open primary plus 7 seeded: 6 open (4 primary, 1 secondary, 1 special).
    expect(figures.openSchools.count).toBe(6);
    expect(Object.fromEntries(figures.byPhase.map((p) => [p.phase, p.count]))).toEqual({
      primary: 4,
      secondary: 1,
      special: 1,
    });
    expect(Object.fromEntries(figures.byStatus.map((s) => [s.status, s.count]))).toEqual({
      open: 6,
      closed: 1,
      proposed: 1,
    });
    expect(figures.noLinkOfficer.count).toBe(3); // harness school, Cedar Fields, Damson
    expect(figures.missingMusicData.count).toBe(4); // open minus Alder Grove and Birch Lane
    expect(figures.missingMusicData.href).toBe("/schools?status=open&missingMusicData=2026%2F27");
    // Every figure counts exactly what its link lists.
    for (const f of [
      figures.openSchools,
      figures.noLinkOfficer,
      figures.missingMusicData,
      ...figures.byPhase,
      ...figures.byStatus,
    ])
      expect(await listTotal(admin, f.href), f.label).toBe(f.count);
  });

  it("shows hub staff the schools they are link officer for, and school-side activity only", async () => {
    const hub = await seedHub(env.db, "home-staff");
    await seedFigures(hub);
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    await admin.patch(`/api/users/${hub.users.partner_user.id}`, { active: false });
    await admin.request({
      method: "PUT",
      url: `/api/schools/${hub.schoolId}/contacts/headteacher`,
      payload: { name: "Morgan Example", email: "head@school.example" },
    });
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    const body: HomeResponse = (await staff.get("/api/home")).json();
    const mine = cardOf(body, "my-schools");
    expect(mine.total).toBe(3);
    expect(mine.schools.map((s) => s.name)).toEqual([
      "Alder Grove Academy",
      "Birch Lane Primary",
      "Gorse Hill Primary",
    ]);
    expect(await listTotal(staff, mine.href)).toBe(3);
    const activity = cardOf(body, "recent-activity");
    expect(activity.href).toBeNull();
    expect(activity.entries[0]?.summary).toBe("School of home-staff: headteacher contact added");
    expect(activity.entries.map((e) => e.entity)).not.toContain("membership");
    // The admin sees the deactivation too, in words, and the link to the whole log.
    const adminActivity = cardOf((await admin.get("/api/home")).json(), "recent-activity");
    expect(adminActivity.href).toBe("/admin/audit");
    expect(adminActivity.entries.map((e) => e.summary)).toContain("partner_user of home-staff: deactivated");
    expect(JSON.stringify(adminActivity)).not.toContain(hub.users.partner_user.id);
  });

  it("counts the last GIAS import's opened, closed and renamed schools", async () => {
    const hub = await seedHub(env.db, "home-gias");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const before = cardOf((await admin.get("/api/home")).json(), "gias-changes");
    expect(before.lastImportAt).toBeNull();
    const started = new Date("2026-11-30T10:00:00Z");
    const finished = new Date("2026-11-30T10:01:00Z");
    await env.db.insert(jobs).values({
      hubId: hub.id,
      kind: "gias-import",
      status: "succeeded",
      fileName: "edubasealldata.csv",
      result: { created: 4, updated: 3, closed: 2, unchanged: 10, skipped: 0 },
      createdAt: started,
      finishedAt: finished,
    });
    const at = new Date("2026-11-30T10:00:30Z");
    await env.db.insert(auditLog).values([
      {
        hubId: hub.id,
        at,
        action: "update",
        entity: "school",
        entityId: hub.schoolId,
        before: { name: "Old" },
        after: { name: "New" },
      },
      {
        hubId: hub.id,
        at,
        action: "update",
        entity: "school",
        entityId: hub.schoolId,
        before: { pupils: 1 },
        after: { pupils: 2 },
      },
      // a rename by hand after the import is not the import's
      {
        hubId: hub.id,
        at: new Date("2026-12-01T10:00:00Z"),
        action: "update",
        entity: "school",
        entityId: hub.schoolId,
        before: { name: "A" },
        after: { name: "B" },
      },
    ]);
    const card = cardOf((await admin.get("/api/home")).json(), "gias-changes");
    expect(card).toMatchObject({
      lastImportAt: finished.toISOString(),
      fileName: "edubasealldata.csv",
      opened: 4,
      closed: 2,
      renamed: 1,
    });
  });

  it("tells a school user about their school, their link officer and this year's missing figures", async () => {
    const hub = await seedHub(env.db, "home-school");
    await env.db
      .update(schools)
      .set({ linkOfficerId: hub.users.hub_staff.id, town: "Northtown" })
      .where(and(eq(schools.hubId, hub.id), eq(schools.id, hub.schoolId)));
    const user = await signInAs(env.app, hub.users.school_user.email);
    const body: HomeResponse = (await user.get("/api/home")).json();
    expect(body.cards.map((c) => c.kind)).toEqual(["our-school"]);
    const card = cardOf(body, "our-school");
    expect(card.school).toMatchObject({
      name: "School of home-school",
      town: "Northtown",
      href: "/our-school",
    });
    expect(card.linkOfficer).toEqual({ name: "hub_staff of home-school", email: hub.users.hub_staff.email });
    expect(card.asks).toEqual([
      {
        label: "Enter your school's music figures for 2026/27",
        href: "/our-school#music-heading",
        due: null,
      },
    ]);
    const saved = await user.request({
      method: "PUT",
      url: `/api/schools/${hub.schoolId}/music-data/2026-27`,
      payload: { singingPupils: 20 },
    });
    expect(saved.statusCode).toBe(200);
    expect(cardOf((await user.get("/api/home")).json(), "our-school").asks).toEqual([]);
  });

  it("tells a partner user their organisation and whom at the hub to write to", async () => {
    const hub = await seedHub(env.db, "home-partner");
    const user = await signInAs(env.app, hub.users.partner_user.email);
    const body: HomeResponse = (await user.get("/api/home")).json();
    expect(body.cards.map((c) => c.kind)).toEqual(["partner"]);
    expect(cardOf(body, "partner")).toEqual({
      kind: "partner",
      organisation: "Partner of home-partner",
      hubName: hub.name,
      hubContact: { name: "hub_admin of home-partner", email: hub.users.hub_admin.email },
      canDo: [
        {
          label: "Write to hub_admin of home-partner at the hub",
          href: `mailto:${hub.users.hub_admin.email}`,
        },
      ],
    });
    // Nothing of the hub's figures or other schools reaches a partner.
    expect(JSON.stringify(body)).not.toContain("School of home-partner");
  });
});

describe("GET /api/schools?missingMusicData", () => {
  it("lists the schools with no music data for that year, and refuses a malformed year", async () => {
    const hub = await seedHub(env.db, "home-missing");
    await seedFigures(hub);
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const res = await admin.get("/api/schools?missingMusicData=2026/27&sort=name");
    expect(res.statusCode).toBe(200);
    expect((res.json().items as { name: string }[]).map((s) => s.name)).toEqual([
      "Cedar Fields Primary",
      "Damson Special School",
      "Elm Road Infants",
      "Fir Tree Free School",
      "Gorse Hill Primary",
      "School of home-missing",
    ]);
    const bad = await admin.get("/api/schools?missingMusicData=2026");
    expect(bad.statusCode).toBe(400);
  });
});
