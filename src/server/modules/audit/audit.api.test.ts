import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, schools } from "../../db/schema/index";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../../testing/harness";

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe("audit log", () => {
  it("records who changed what, with before and after, and pages newest first", async () => {
    const hub = await seedHub(env.db, "audit");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const patched = await admin.patch(`/api/users/${hub.users.hub_staff.id}`, { role: "hub_admin" });
    expect(patched.statusCode).toBe(200);
    const page = await admin.get("/api/audit?pageSize=1&entity=membership&action=update");
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      action: "update",
      entity: "membership",
      entityId: hub.users.hub_staff.id,
      actorName: "hub_admin of audit",
      before: { role: "hub_staff" },
      after: { role: "hub_admin" },
    });
    const all = await admin.get("/api/audit?pageSize=200");
    const times = (all.json().items as { at: string }[]).map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("writes nothing when the change is refused: the audit entry shares the change's transaction", async () => {
    const hub = await seedHub(env.db, "audit-tx");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const before = (await admin.get("/api/audit?pageSize=200")).json().total;
    // demoting the last admin is refused after the membership was read in the transaction
    const refused = await admin.patch(`/api/users/${hub.users.hub_admin.id}`, { role: "hub_staff" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe("A hub needs at least one active hub admin");
    expect((await admin.get("/api/audit?pageSize=200")).json().total).toBe(before);
  });

  it("never shows another hub's entries", async () => {
    const a = await seedHub(env.db, "audit-a");
    const b = await seedHub(env.db, "audit-b");
    const adminB = await signInAs(env.app, b.users.hub_admin.email);
    const body = (await adminB.get("/api/audit?pageSize=200")).body;
    expect(body).not.toContain(a.users.hub_staff.email);
    expect(body).not.toContain(a.id);
  });
});

describe("the audit log in words", () => {
  it("names what changed, with a link, and never an internal id", async () => {
    const hub = await seedHub(env.db, "audit-words");
    await env.db
      .update(schools)
      .set({ name: "Alder Grove Academy", urn: 412345 })
      .where(eq(schools.id, hub.schoolId));
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    await admin.request({
      method: "PUT",
      url: `/api/schools/${hub.schoolId}/contacts/headteacher`,
      payload: { name: "Morgan Example" },
    });
    await admin.request({
      method: "PUT",
      url: `/api/schools/${hub.schoolId}/contacts/headteacher`,
      payload: { name: "Morgan Sample" },
    });
    await admin.patch(`/api/schools/${hub.schoolId}`, { linkOfficerId: hub.users.hub_staff.id });
    await admin.patch(`/api/users/${hub.users.hub_staff.id}`, { role: "hub_admin" });
    const page = (await admin.get("/api/audit?pageSize=4")).json();
    expect(page.items.map((e: { summary: string; href: string | null }) => [e.summary, e.href])).toEqual([
      ["hub_staff of audit-words: role changed to Hub admin", "/admin/users"],
      ["Alder Grove Academy: link officer changed", "/schools/412345"],
      ["Alder Grove Academy: headteacher contact changed", "/schools/412345"],
      ["Alder Grove Academy: headteacher contact added", "/schools/412345"],
    ]);
    for (const e of page.items) {
      expect(e.summary).not.toContain(hub.schoolId);
      expect(e.summary).not.toContain(hub.users.hub_staff.id);
    }
    expect(page.items[2].kindLabel).toBe("School contact");
  });

  it("filters by person, kind and London day, and refuses a malformed date or person", async () => {
    const hub = await seedHub(env.db, "audit-filter");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const base = { hubId: hub.id, action: "update" as const, entity: "school", entityId: hub.schoolId };
    await env.db.insert(auditLog).values([
      // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time)
      {
        ...base,
        actorId: hub.users.hub_staff.id,
        at: new Date("2026-06-30T23:30:00Z"),
        after: { tags: ["a"] },
      },
      {
        ...base,
        actorId: hub.users.hub_admin.id,
        at: new Date("2026-07-01T12:00:00Z"),
        after: { tags: ["b"] },
      },
      {
        ...base,
        actorId: hub.users.hub_staff.id,
        at: new Date("2026-07-02T12:00:00Z"),
        after: { tags: ["c"] },
      },
    ]);
    const get = async (q: string) => (await admin.get(`/api/audit?${q}`)).json();
    expect((await get("from=2026-07-01&to=2026-07-01")).total).toBe(2);
    expect((await get(`from=2026-07-01&to=2026-07-02&actor=${hub.users.hub_staff.id}`)).total).toBe(2);
    expect((await get(`entity=school&actor=${hub.users.hub_admin.id}`)).total).toBe(1);
    expect((await get("entity=membership&from=2026-07-01&to=2026-07-02")).total).toBe(0);
    expect((await admin.get("/api/audit?from=1%20July")).statusCode).toBe(400);
    expect((await admin.get("/api/audit?actor=someone")).statusCode).toBe(400);
    const people = (await admin.get("/api/audit/people")).json().items.map((p: { name: string }) => p.name);
    expect(people).toContain("hub_staff of audit-filter");
  });

  it("exports the filtered log as formula-safe CSV, in words", async () => {
    const hub = await seedHub(env.db, "audit-export");
    await env.db.update(schools).set({ name: "=HYPERLINK(1)" }).where(eq(schools.id, hub.schoolId));
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    await admin.request({
      method: "PUT",
      url: `/api/schools/${hub.schoolId}/contacts/music_lead`,
      payload: { name: "Robin Example" },
    });
    const res = await admin.get("/api/audit/export?entity=school_contact");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="audit-log-audit-export-/);
    const rows: string[][] = parse(res.body.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["When (London time)", "Who", "Action", "Kind", "What changed", "Fields"]);
    expect(rows.length).toBe(2);
    expect(rows[1]?.slice(1)).toEqual([
      "hub_admin of audit-export",
      "Added",
      "School contact",
      "'=HYPERLINK(1): music lead contact added",
      "name; email; phone",
    ]);
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await staff.get("/api/audit/export")).statusCode).toBe(403);
  });
});
