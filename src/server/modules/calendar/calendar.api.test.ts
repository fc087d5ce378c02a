import { and, eq } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, calendarFeedTokens, memberships } from "../../db/schema/index";
import { type CalendarScope, registerCalendarProvider } from "../../platform/calendar";
import { hashToken } from "../../platform/tokens";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let schoolUser: Agent;
let unregister: () => void;
const asked: CalendarScope[] = [];

const pathOf = (url: string) => new URL(url).pathname;
const eventsOf = (text: string) =>
  Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");

beforeAll(async () => {
  env = await createTestEnv({ clock: () => new Date("2026-10-20T09:00:00Z") });
  hub = await seedHub(env.db, "cal");
  other = await seedHub(env.db, "elsewhere");
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  // A test module: each person sees an event named for their role; the hub has one public event.
  unregister = registerCalendarProvider({
    name: "test-visits",
    events: async (_db, scope) => {
      asked.push(scope);
      const base = {
        sequence: 1,
        status: "confirmed" as const,
        start: new Date("2026-11-03T10:00:00Z"), // after the clocks went back: 10:00 GMT
        end: new Date("2026-11-03T11:00:00Z"),
        updatedAt: new Date("2026-10-01T00:00:00Z"),
      };
      if (scope.kind === "public")
        return [{ ...base, uid: `open-${scope.hubId}@tutti`, summary: "Open rehearsal" }];
      return [{ ...base, uid: `visit-${scope.userId}@tutti`, summary: `Visit for ${scope.role}` }];
    },
  });
});
afterAll(async () => {
  unregister();
  await env.close();
});

describe("POST /api/me/calendar-token", () => {
  it("gives the user a secret feed URL, kept only as a hash, and audits it without the token", async () => {
    const res = await staff.post("/api/me/calendar-token");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { url } = res.json() as { url: string };
    expect(url).toMatch(/^http:\/\/tutti\.test\/api\/calendar\/feeds\/[A-Za-z0-9_-]{40,}\.ics$/);
    const token =
      pathOf(url)
        .split("/")
        .pop()
        ?.replace(/\.ics$/, "") ?? "";
    const rows = await env.db
      .select()
      .from(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, hub.users.hub_staff.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const audit = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "calendar_feed"), eq(auditLog.entityId, hub.users.hub_staff.id)));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses anonymous callers", async () => {
    expect((await anonymous(env.app).post("/api/me/calendar-token")).statusCode).toBe(401);
  });
});

describe("GET /api/calendar/feeds/:token.ics", () => {
  it("serves the person's events without a session, in London time, parsed by a second library", async () => {
    const { url } = (await schoolUser.post("/api/me/calendar-token")).json() as { url: string };
    const res = await anonymous(env.app).get(pathOf(url));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("private, max-age=300");
    expect(res.body).toContain("DTSTART;TZID=Europe/London:20261103T100000");
    const [event, ...rest] = eventsOf(res.body);
    expect(rest).toEqual([]);
    expect(event?.summary).toBe("Visit for school_user");
    expect(event?.start.toISOString()).toBe("2026-11-03T10:00:00.000Z");
    expect(asked.at(-1)).toEqual({
      kind: "user",
      hubId: hub.id,
      userId: hub.users.school_user.id,
      role: "school_user",
      schoolId: hub.schoolId,
      partnerId: null,
    });
  });

  it("stops the old URL when the user mints a new one", async () => {
    const first = pathOf(((await staff.post("/api/me/calendar-token")).json() as { url: string }).url);
    const second = pathOf(((await staff.post("/api/me/calendar-token")).json() as { url: string }).url);
    expect(second).not.toBe(first);
    expect((await anonymous(env.app).get(first)).statusCode).toBe(404);
    expect((await anonymous(env.app).get(second)).statusCode).toBe(200);
  });

  it("stops the feed of someone no longer a member of the hub", async () => {
    const partner = await signInAs(env.app, hub.users.partner_user.email);
    const feed = pathOf(((await partner.post("/api/me/calendar-token")).json() as { url: string }).url);
    expect((await anonymous(env.app).get(feed)).statusCode).toBe(200);
    await env.db
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.userId, hub.users.partner_user.id), eq(memberships.hubId, hub.id)));
    expect((await anonymous(env.app).get(feed)).statusCode).toBe(404);
  });

  it("answers 404 for an unknown token and 400 for one that cannot be a token", async () => {
    const unknown = await anonymous(env.app).get(`/api/calendar/feeds/${"x".repeat(43)}.ics`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await anonymous(env.app).get("/api/calendar/feeds/short.ics")).statusCode).toBe(400);
  });

  it("a user of another hub gets a feed of their own hub only", async () => {
    const otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
    const feed = pathOf(((await otherAdmin.post("/api/me/calendar-token")).json() as { url: string }).url);
    const res = await anonymous(env.app).get(feed);
    expect(res.body).not.toContain(hub.id);
    expect(asked.at(-1)).toMatchObject({ kind: "user", hubId: other.id, userId: other.users.hub_admin.id });
  });

  it("is rate-limited per address", async () => {
    const url = `/api/calendar/feeds/${"y".repeat(43)}.ics`;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await env.app.inject({ method: "GET", url, remoteAddress: "203.0.113.77" })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another address is not held back.
    const elsewhere = await env.app.inject({
      method: "GET",
      url,
      headers: { "x-forwarded-for": "203.0.113.78" },
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});
