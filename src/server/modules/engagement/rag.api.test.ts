import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, hubs, ragCurrent, ragRatings, schoolMusicData } from "../../db/schema/index";
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

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let schoolUser: Agent;
let partner: Agent;
let otherAdmin: Agent;
const ids: Record<number, string> = {};

const put = (agent: Agent, url: string, payload: unknown) => agent.request({ method: "PUT", url, payload });

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "rag");
  other = await seedHub(env.db, "rag-other");
  const rows = await seedSchools(env.db, hub.id, [
    { urn: 410001, name: "Alder Primary" },
    { urn: 410002, name: "Birch Primary" },
    { urn: 410003, name: "Cedar Secondary", phase: "secondary" },
    { urn: 410004, name: "Damson Primary" },
  ]);
  for (const r of rows) ids[r.urn] = r.id;
  const now = new Date();
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const fmt = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, "0")}`;
  const thisYear = fmt(start);
  const lastYear = fmt(start - 1);
  // Birch: music not in the plan and no WCET this year → two criteria fire (red).
  // Damson: learners fell from 50 to 20 → one fires (amber). Alder: nothing fires.
  const figures = (
    schoolId: string,
    academicYear: string,
    over: Partial<typeof schoolMusicData.$inferInsert>,
  ) => ({
    hubId: hub.id,
    schoolId,
    academicYear,
    sdpMusic: true,
    wcetPupils: 30,
    instrumentPupils: 40,
    curriculumMinutesKs2: 60,
    ...over,
  });
  await env.db
    .insert(schoolMusicData)
    .values([
      figures(ids[410001] ?? "", thisYear, {}),
      figures(ids[410002] ?? "", thisYear, { sdpMusic: false, wcetPupils: 0 }),
      figures(ids[410004] ?? "", thisYear, { instrumentPupils: 20 }),
      figures(ids[410004] ?? "", lastYear, { instrumentPupils: 50 }),
    ]);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
});
afterAll(() => env.close());

describe("a school's RAG rating", () => {
  it("starts unrated, with a suggestion showing which criteria fired", async () => {
    const res = await staff.get("/api/schools/410002/rag");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.current).toBeNull();
    expect(body.history).toEqual([]);
    expect(body.suggestion.rating).toBe("red");
    const firedIds = body.suggestion.criteria
      .filter((c: { fired: boolean }) => c.fired)
      .map((c: { id: string }) => c.id);
    expect(firedIds).toEqual(["music_not_in_sdp", "no_wcet"]);
    expect((await staff.get("/api/schools/410001/rag")).json().suggestion.rating).toBe("green");
    expect((await staff.get("/api/schools/410004/rag")).json().suggestion).toMatchObject({
      rating: "amber",
      criteria: expect.arrayContaining([
        expect.objectContaining({ id: "participation_falling", fired: true }),
      ]),
    });
    // Cedar has no figures this year: "no music data" fires (WCET is not asked of a secondary).
    const cedar = (await staff.get("/api/schools/410003/rag")).json().suggestion;
    expect(
      cedar.criteria.filter((c: { fired: boolean }) => c.fired).map((c: { id: string }) => c.id),
    ).toEqual(["no_music_data"]);
  });

  it("confirms a rating with a reason: current, history and an audit entry", async () => {
    const res = await put(staff, "/api/schools/410002/rag", {
      rating: "red",
      reason: "  Plan has no music  ",
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.current).toMatchObject({
      rating: "red",
      reason: "Plan has no music",
      setBy: "hub_staff of rag",
    });
    expect(body.history).toHaveLength(1);
    expect(body.history[0]).toMatchObject({ rating: "red", suggested: "red" });
    const audit = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "school_rag"), eq(auditLog.entityId, ids[410002] ?? "")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ rating: "red", reason: "Plan has no music" });
  });

  it("overrides a suggestion with a reason and keeps the earlier rating in the history", async () => {
    const res = await put(admin, "/api/schools/410002/rag", {
      rating: "amber",
      reason: "New music lead started; plan being rewritten",
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.current).toMatchObject({ rating: "amber", setBy: "hub_admin of rag" });
    expect(body.history.map((h: { rating: string }) => h.rating)).toEqual(["amber", "red"]);
    expect(body.history[0].suggested).toBe("red");
  });

  it("refuses a rating without a reason, naming the field in our own words", async () => {
    for (const payload of [{ rating: "red" }, { rating: "red", reason: "   " }]) {
      const res = await put(staff, "/api/schools/410001/rag", payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe("Give a reason for the rating");
      expect(res.json().error.details.fields[0].path).toBe("reason");
    }
    const bad = await put(staff, "/api/schools/410001/rag", { rating: "purple", reason: "Because" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("Choose a rating: red, amber or green");
    expect(bad.json().error.details.fields[0].path).toBe("rating");
    expect((await staff.get("/api/schools/410001/rag")).json().current).toBeNull();
  });

  it("keeps every rating of parallel requests in the history, the current one the last written", async () => {
    const ratings = ["red", "amber", "green", "amber", "red", "green", "amber", "red"] as const;
    const results = await Promise.all(
      ratings.map((rating, i) =>
        put(i % 2 ? admin : staff, "/api/schools/410001/rag", { rating, reason: `Parallel ${i}` }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(ratings.map(() => 200));
    const body = (await staff.get("/api/schools/410001/rag")).json();
    expect(body.history).toHaveLength(ratings.length);
    expect(new Set(body.history.map((h: { reason: string }) => h.reason)).size).toBe(ratings.length);
    expect(body.current.reason).toBe(body.history[0].reason);
    const rows = await env.db
      .select()
      .from(ragRatings)
      .where(eq(ragRatings.schoolId, ids[410001] ?? ""));
    expect(rows).toHaveLength(ratings.length);
    // The board's current rating is the newest history row, whatever order the requests committed in.
    const [current] = await env.db
      .select()
      .from(ragCurrent)
      .where(eq(ragCurrent.schoolId, ids[410001] ?? ""));
    expect(current?.ratingId).toBe(Math.max(...rows.map((r) => r.id)));
    expect(current?.rating).toBe(body.current.rating);
  });

  it("refuses anonymous, school users and partners, and answers 404 for another hub's school", async () => {
    expect((await anonymous(env.app).get("/api/schools/410002/rag")).statusCode).toBe(401);
    for (const agent of [schoolUser, partner]) {
      expect((await agent.get(`/api/schools/${hub.schoolId}/rag`)).statusCode).toBe(403);
      expect(
        (await put(agent, `/api/schools/${hub.schoolId}/rag`, { rating: "green", reason: "x" })).statusCode,
      ).toBe(403);
    }
    const cross = await otherAdmin.get("/api/schools/410002/rag");
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain("Birch");
    expect(
      (await put(otherAdmin, "/api/schools/410002/rag", { rating: "green", reason: "x" })).statusCode,
    ).toBe(404);
    expect((await staff.get("/api/schools/999999/rag")).statusCode).toBe(404);
  });
});

describe("the hub's RAG criteria", () => {
  it("lists every criterion, the visit ones available but off until the hub turns them on", async () => {
    const res = await staff.get("/api/engagement/rag-criteria");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ redAt: 2, amberAt: 1, updatedAt: null });
    const byId = Object.fromEntries(body.criteria.map((c: { id: string }) => [c.id, c]));
    expect(byId.curriculum_time_low).toMatchObject({ enabled: true, threshold: 60, available: true });
    expect(byId.no_recent_visit).toMatchObject({ enabled: false, available: true });
    expect(byId.open_priority_next_steps).toMatchObject({ enabled: false, available: true });
  });

  it("a hub admin changes thresholds and counts, and the suggestion follows", async () => {
    const res = await put(admin, "/api/engagement/rag-criteria", {
      criteria: [
        { id: "no_wcet", enabled: false, threshold: null },
        { id: "curriculum_time_low", enabled: true, threshold: 90 },
      ],
      redAt: 3,
      amberAt: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().redAt).toBe(3);
    // Birch: no WCET is now off; plan (no) and curriculum 60 < 90 fire: 2 < 3 → amber.
    const birch = (await staff.get("/api/schools/410002/rag")).json().suggestion;
    expect(birch.rating).toBe("amber");
    expect(birch.criteria.find((c: { id: string }) => c.id === "no_wcet")).toBeUndefined();
    expect(birch.criteria.find((c: { id: string }) => c.id === "curriculum_time_low")).toMatchObject({
      fired: true,
      label: "Curriculum time under 90 minutes a week in a key stage",
    });
    // Another hub keeps the defaults.
    expect((await otherAdmin.get("/api/engagement/rag-criteria")).json().redAt).toBe(2);
  });

  it("refuses staff, school users, partners and anonymous changing criteria, and bad input", async () => {
    const ok = { criteria: [], redAt: 2, amberAt: 1 };
    expect((await put(staff, "/api/engagement/rag-criteria", ok)).statusCode).toBe(403);
    expect((await put(schoolUser, "/api/engagement/rag-criteria", ok)).statusCode).toBe(403);
    expect((await put(partner, "/api/engagement/rag-criteria", ok)).statusCode).toBe(403);
    expect((await put(anonymous(env.app), "/api/engagement/rag-criteria", ok)).statusCode).toBe(401);
    expect((await schoolUser.get("/api/engagement/rag-criteria")).statusCode).toBe(403);
    const amber = await put(admin, "/api/engagement/rag-criteria", { criteria: [], redAt: 1, amberAt: 2 });
    expect(amber.statusCode).toBe(400);
    expect(amber.json().error.message).toBe("Amber cannot need more criteria than red");
    expect(amber.json().error.details.fields[0].path).toBe("amberAt");
    const range = await put(admin, "/api/engagement/rag-criteria", {
      criteria: [{ id: "participation_falling", enabled: true, threshold: 500 }],
      redAt: 2,
      amberAt: 1,
    });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.details.fields[0].path).toBe("criteria.0.threshold");
    const unknown = await put(admin, "/api/engagement/rag-criteria", {
      criteria: [{ id: "nope", enabled: true, threshold: null }],
      redAt: 2,
      amberAt: 1,
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe("the RAG board and the school list's filters", () => {
  it("groups schools by current rating with their suggestions, paged and filtered", async () => {
    await put(staff, "/api/schools/410004/rag", { rating: "green", reason: "Learners returning next term" });
    const res = await staff.get("/api/engagement/rag-board?pageSize=2");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items).toHaveLength(2);
    const all = (await staff.get("/api/engagement/rag-board")).json();
    const order = all.items.map(
      (i: { current: { rating: string } | null }) => i.current?.rating ?? "unrated",
    );
    expect(order).toEqual(
      [...order].sort(
        (a, b) =>
          ["red", "amber", "green", "unrated"].indexOf(a) - ["red", "amber", "green", "unrated"].indexOf(b),
      ),
    );
    const counts = all.counts;
    expect(counts.red + counts.amber + counts.green + counts.unrated).toBe(5);
    expect(counts.unrated).toBe(2);
    const damson = all.items.find((i: { urn: number }) => i.urn === 410004);
    expect(damson).toMatchObject({ current: { rating: "green" }, suggestion: { rating: "amber" } });
    const unrated = (await staff.get("/api/engagement/rag-board?rating=unrated")).json();
    expect(unrated.items.map((i: { urn: number }) => i.urn).sort()).toContain(410003);
    expect(unrated.total).toBe(2);
    const secondary = (await staff.get("/api/engagement/rag-board?phase=secondary")).json();
    expect(secondary.items.map((i: { name: string }) => i.name)).toEqual(["Cedar Secondary"]);
    expect((await staff.get("/api/engagement/rag-board?rating=purple")).statusCode).toBe(400);
  });

  it("flags red schools for targeted support and the school list filters on rating", async () => {
    await put(admin, "/api/schools/410003/rag", { rating: "red", reason: "No music timetabled in year 9" });
    const board = (await staff.get("/api/engagement/rag-board?rating=red")).json();
    expect(board.items.find((i: { urn: number }) => i.urn === 410003)).toMatchObject({
      targetedSupport: true,
    });
    const urns = async (q: string) =>
      (await staff.get(`/api/schools?${q}`)).json().items.map((i: { urn: number }) => i.urn) as number[];
    const red = await urns("rag=red");
    expect(red).toContain(410003);
    expect(await urns("targetedSupport=true")).toEqual(red);
    expect(await urns("rag=green")).toContain(410004);
    const unrated = await urns("rag=unrated");
    expect(unrated).not.toContain(410003);
    expect(unrated).toHaveLength(1);
    // A school user's list ignores rating filters: its own school shows whatever its rating.
    const own = await schoolUser.get("/api/schools?rag=red");
    expect(own.statusCode).toBe(200);
    expect(own.json().items).toHaveLength(1);
  });

  it("a rating write raises the hub's schools version (the list stays fresh)", async () => {
    const version = async () =>
      (await env.db.select({ v: hubs.schoolsVersion }).from(hubs).where(eq(hubs.id, hub.id)))[0]?.v ?? 0;
    const before = await version();
    await put(staff, "/api/schools/410003/rag", { rating: "amber", reason: "Timetable fixed" });
    expect(await version()).toBeGreaterThan(before);
  });

  it("refuses school users, partners, anonymous; another hub sees none of this hub's schools", async () => {
    expect((await schoolUser.get("/api/engagement/rag-board")).statusCode).toBe(403);
    expect((await partner.get("/api/engagement/rag-board")).statusCode).toBe(403);
    expect((await anonymous(env.app).get("/api/engagement/rag-board")).statusCode).toBe(401);
    const cross = await otherAdmin.get("/api/engagement/rag-board");
    expect(cross.statusCode).toBe(200);
    expect(cross.body).not.toContain("Birch");
    expect(cross.json().total).toBe(1);
  });
});
