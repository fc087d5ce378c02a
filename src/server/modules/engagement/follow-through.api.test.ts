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
import { seedSchools } from "../schools/schools.fixtures";

// "Today" is Tuesday 10 March 2026 in London (academic year 2025/26).
const NOW = new Date("2026-03-10T10:00:00Z");
const A = 410101;
const B = 410102;
const C = 410103;
let env: TestEnv;
let hub: TestHub;
let staff: Agent;
let admin: Agent;
let schoolUser: Agent;
let otherAdmin: Agent;
const visitIds: Record<string, string> = {};

const put = (agent: Agent, url: string, payload: unknown) => agent.request({ method: "PUT", url, payload });

const record = async (urn: number, date: string, report: Record<string, unknown> | null, approve = true) => {
  const res = await staff.post("/api/visits", { urn, date, purpose: "first_conversation", recorded: true });
  expect(res.statusCode, res.body).toBe(201);
  const id: string = res.json().id;
  if (report) {
    const saved = await put(staff, `/api/visits/${id}/report`, {
      summary: "Met the head",
      nextSteps: [],
      version: 0,
      ...report,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    if (approve) expect((await admin.post(`/api/visits/${id}/report/approve`)).statusCode).toBe(200);
  }
  return id;
};

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "follow");
  const other = await seedHub(env.db, "follow-other");
  const officer = hub.users.hub_staff.id;
  await seedSchools(env.db, hub.id, [
    { urn: A, name: "Alder Primary", linkOfficerId: officer },
    { urn: B, name: "Birch Primary", linkOfficerId: officer },
    { urn: C, name: "Cedar High", phase: "secondary" },
  ]);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  visitIds.a = await record(A, "2025-10-01", {
    judgements: [{ section: "Singing", judgement: "priority", seen: "Little singing" }],
    nextSteps: [
      { text: "Plan weekly singing", owner: "school", due: "2026-01-10" },
      { text: "Send the singing strategy", owner: "hub", due: "2026-06-01" },
    ],
  });
  visitIds.b = await record(B, "2024-11-05", {});
  const next = await staff.post("/api/visits", {
    urn: A,
    date: "2026-03-12",
    purpose: "follow_up",
    time: "10:00",
  });
  expect(next.statusCode, next.body).toBe(201);
  visitIds.next = next.json().id;
  expect(
    (await put(staff, `/api/schools/${B}/rag`, { rating: "red", reason: "No music lead" })).statusCode,
  ).toBe(200);
});
afterAll(() => env.close());

describe("coverage by link officer, over two years and against targets", () => {
  it("keeps the named fields and adds link officers, two-year figures, targets and overdue follow-ups", async () => {
    const res = await staff.get("/api/engagement/coverage?year=2025/26");
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ year: "2025/26", schools: 4, visited: 1, share: 0.25 });
    expect(c.byArea).toBeInstanceOf(Array);
    expect(c.byPhase).toBeInstanceOf(Array);
    expect(c.neverVisited.map((s: { urn: number }) => s.urn)).not.toContain(B);
    expect(c.byLinkOfficer).toContainEqual(
      expect.objectContaining({ linkOfficerId: hub.users.hub_staff.id, schools: 2, visited: 1 }),
    );
    expect(c.byLinkOfficer.at(-1)).toMatchObject({
      linkOfficerId: null,
      name: "No link officer",
      schools: 2,
    });
    expect(c).toMatchObject({
      twoYearVisited: 2,
      twoYearShare: 0.5,
      targets: { yearPercent: 60, twoYearPercent: 100 },
    });
    expect(c.overdueFollowUps).toEqual([{ urn: A, name: "Alder Primary", overdue: 1 }]);
    expect(c.overdueSchools).toBe(1);
    const csv = await staff.get("/api/engagement/coverage.csv?year=2025/26");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("Link officer");
    expect(csv.body).toContain("Never visited,Cedar High (410103)");
    expect((await schoolUser.get("/api/engagement/coverage.csv?year=2025/26")).statusCode).toBe(403);
    expect((await staff.get("/api/engagement/coverage.csv?year=2025")).statusCode).toBe(400);
  });

  it("lets a hub admin change the targets, refusing staff and bad percentages field by field", async () => {
    expect((await staff.get("/api/engagement/targets")).json()).toMatchObject({
      yearPercent: 60,
      updatedAt: null,
    });
    expect(
      (await put(staff, "/api/engagement/targets", { yearPercent: 50, twoYearPercent: 90 })).statusCode,
    ).toBe(403);
    expect(
      (await put(schoolUser, "/api/engagement/targets", { yearPercent: 50, twoYearPercent: 90 })).statusCode,
    ).toBe(403);
    const bad = await put(admin, "/api/engagement/targets", { yearPercent: 150, twoYearPercent: 90 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("Give a percentage from 0 to 100");
    const ok = await put(admin, "/api/engagement/targets", { yearPercent: 70, twoYearPercent: 100 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await staff.get("/api/engagement/coverage?year=2025/26")).json().targets).toEqual({
      yearPercent: 70,
      twoYearPercent: 100,
    });
    // Another hub keeps the defaults.
    expect((await otherAdmin.get("/api/engagement/targets")).json().yearPercent).toBe(60);
  });
});

describe("my schools", () => {
  it("lists the link officer's schools with rating, last and next visit, and open and overdue steps", async () => {
    const res = await staff.get("/api/engagement/my-schools");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({
      urn: A,
      rating: null,
      lastVisit: "2025-10-01",
      nextVisit: { id: visitIds.next, date: "2026-03-12", purpose: "follow_up" },
      openSteps: 2,
      overdueSteps: 1,
    });
    expect(body.items[1]).toMatchObject({ urn: B, rating: "red", lastVisit: "2024-11-05", nextVisit: null });
  });

  it("shows another officer's schools to hub users, nothing of another hub, and refuses school users", async () => {
    const asAdmin = await admin.get(`/api/engagement/my-schools?linkOfficer=${hub.users.hub_staff.id}`);
    expect(asAdmin.json().total).toBe(2);
    expect((await admin.get("/api/engagement/my-schools")).json().total).toBe(0);
    const cross = await otherAdmin.get(`/api/engagement/my-schools?linkOfficer=${hub.users.hub_staff.id}`);
    expect(cross.json().total).toBe(0);
    expect((await schoolUser.get("/api/engagement/my-schools")).statusCode).toBe(403);
  });
});

describe("the visit list's filters", () => {
  it("filters by targeted support (rated red), link officer and school", async () => {
    const red = (await staff.get("/api/visits?targetedSupport=true")).json();
    expect(red.items.map((v: { urn: number }) => v.urn)).toEqual([B]);
    expect(red.total).toBe(1);
    const mine = (await staff.get(`/api/visits?linkOfficer=${hub.users.hub_staff.id}`)).json();
    expect(mine.total).toBe(3);
    expect((await staff.get(`/api/visits?urn=${A}`)).json().total).toBe(2);
    const csv = await staff.get("/api/visits/export.csv?targetedSupport=true");
    expect(csv.body).toContain("Birch Primary");
    expect(csv.body).not.toContain("Alder Primary");
  });
});

describe("visit-based RAG criteria", () => {
  it("are available and fire once the hub turns them on", async () => {
    const saved = await put(admin, "/api/engagement/rag-criteria", {
      criteria: [
        { id: "no_recent_visit", enabled: true, threshold: 12 },
        { id: "open_priority_next_steps", enabled: true, threshold: null },
      ],
      redAt: 2,
      amberAt: 1,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const fired = async (urn: number) =>
      Object.fromEntries(
        (await staff.get(`/api/schools/${urn}/rag`))
          .json()
          .suggestion.criteria.map((c: { id: string; fired: boolean }) => [c.id, c.fired]),
      );
    expect(await fired(A)).toMatchObject({ no_recent_visit: false, open_priority_next_steps: true });
    // Birch was last visited 16 months ago; Cedar never.
    expect(await fired(B)).toMatchObject({ no_recent_visit: true, open_priority_next_steps: false });
    expect(await fired(C)).toMatchObject({ no_recent_visit: true });
    const board = (await staff.get("/api/engagement/rag-board?pageSize=50")).json();
    const alder = board.items.find((i: { urn: number }) => i.urn === A);
    expect(
      alder.suggestion.criteria.find((c: { id: string }) => c.id === "open_priority_next_steps").fired,
    ).toBe(true);
  });
});

describe("home cards", () => {
  it("shows hub staff this week's visits and their overdue next steps", async () => {
    const cards = (await staff.get("/api/home")).json().cards;
    const week = cards.find((c: { kind: string }) => c.kind === "visits-this-week");
    expect(week).toMatchObject({ from: "2026-03-09", to: "2026-03-15" });
    expect(week.visits).toEqual([
      expect.objectContaining({
        date: "2026-03-12",
        time: "10:00",
        schoolName: "Alder Primary",
        purpose: "Follow-up",
      }),
    ]);
    const overdue = cards.find((c: { kind: string }) => c.kind === "overdue-next-steps");
    expect(overdue).toMatchObject({ mine: true, total: 1 });
    expect(overdue.steps[0]).toMatchObject({
      text: "Plan weekly singing",
      schoolName: "Alder Primary",
      due: "2026-01-10",
    });
    const adminOverdue = (await admin.get("/api/home"))
      .json()
      .cards.find((c: { kind: string }) => c.kind === "overdue-next-steps");
    expect(adminOverdue).toMatchObject({ mine: false, total: 1 });
    const schoolCards = (await schoolUser.get("/api/home")).json().cards.map((c: { kind: string }) => c.kind);
    expect(schoolCards).not.toContain("overdue-next-steps");
  });
});

describe("coverage after a change", () => {
  it("moves as soon as a report is approved (the cached figures are recomputed)", async () => {
    const before = (await staff.get("/api/engagement/coverage?year=2025/26")).json();
    await record(C, "2026-02-03", {});
    const after = (await staff.get("/api/engagement/coverage?year=2025/26")).json();
    expect(after.visited).toBe(before.visited + 1);
    expect(after.neverVisited.map((s: { urn: number }) => s.urn)).not.toContain(C);
  });
});

it("has the school rows it was given", async () => {
  expect((await env.db.select().from(schools).where(eq(schools.hubId, hub.id))).length).toBe(4);
});
