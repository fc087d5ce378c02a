import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, schools } from "../../db/schema/index";
import { contextFor } from "../../platform/context";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { applyAreaRules } from "./areas.service";
import { seedSchools } from "./schools.fixtures";

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let schoolUser: Agent;
let otherAdmin: Agent;
const ids: Record<number, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "areas");
  other = await seedHub(env.db, "areas-other");
  const rows = await seedSchools(env.db, hub.id, [
    { urn: 300001, name: "Fenwick Primary", district: "Northshire City", postcode: "NS10 1AA" },
    { urn: 300002, name: "Glebe Primary", district: null, postcode: "ns10 2bb" },
    { urn: 300003, name: "Holt Secondary", phase: "secondary", district: "Elsewhere", postcode: "NS30 1AA" },
    { urn: 300004, name: "Ivy Bank School", district: null, postcode: "NS104CC" },
    { urn: 300005, name: "Juniper Primary", district: null, postcode: null },
  ]);
  for (const r of rows) ids[r.urn] = r.id;
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
});
afterAll(() => env.close());

const del = (agent: Agent, url: string) => agent.request({ method: "DELETE", url });
const schoolRow = async (urn: number) =>
  (
    await env.db
      .select()
      .from(schools)
      .where(and(eq(schools.hubId, hub.id), eq(schools.urn, urn)))
  )[0];
const auditFor = (entity: string, entityId: string) =>
  env.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.hubId, hub.id), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id));

let cityId = "";
let northId = "";

describe("areas", () => {
  it("creates areas with their rules, tidied", async () => {
    const city = await staff.post("/api/areas", {
      name: "City",
      districts: ["Northshire City"],
      postcodePrefixes: ["ns1", "NS2"],
    });
    expect(city.statusCode, city.body).toBe(201);
    expect(city.json()).toMatchObject({
      name: "City",
      districts: ["Northshire City"],
      postcodePrefixes: ["NS1", "NS2"],
      schoolCount: 0,
    });
    cityId = city.json().id;
    const north = await admin.post("/api/areas", { name: "North", postcodePrefixes: ["NS10", "NS10"] });
    expect(north.json().postcodePrefixes).toEqual(["NS10"]);
    northId = north.json().id;
    expect((await auditFor("area", cityId))[0]?.after).toMatchObject({ name: "City" });
  });

  it("refuses a second area of the same name (any case) with a field error, and bad prefixes", async () => {
    const dup = await admin.post("/api/areas", { name: "city" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.fields).toEqual([{ path: "name", message: expect.any(String) }]);
    const bad = await admin.post("/api/areas", { name: "South", postcodePrefixes: ["NORTH"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe("postcodePrefixes.0");
    // The same name in another hub is fine.
    expect((await otherAdmin.post("/api/areas", { name: "City" })).statusCode).toBe(201);
  });

  it("applies the rules to every school not placed by hand: district first, then outward code", async () => {
    const res = await staff.post("/api/areas/apply-rules");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ changed: 3, unchanged: 3 });
    expect((await schoolRow(300001))?.areaId).toBe(cityId);
    expect((await schoolRow(300002))?.areaId).toBe(northId);
    expect((await schoolRow(300004))?.areaId).toBe(northId);
    expect((await schoolRow(300004))?.areaSource).toBe("rule");
    expect((await schoolRow(300003))?.areaId).toBeNull();
    const [entry] = await auditFor("school", ids[300001] ?? "");
    expect(entry?.after).toEqual({ areaId: cityId, areaName: "City", areaSource: "rule" });
    expect((await staff.post("/api/areas/apply-rules")).json()).toEqual({ changed: 0, unchanged: 6 });
  });

  it("lists areas with school counts", async () => {
    const res = await staff.get("/api/areas");
    expect(res.json().map((a: { name: string; schoolCount: number }) => [a.name, a.schoolCount])).toEqual([
      ["City", 1],
      ["North", 2],
    ]);
    expect((await schoolUser.get("/api/areas")).statusCode).toBe(403);
  });

  it("renames an area and changes its rules; refuses a taken name", async () => {
    const res = await staff.patch(`/api/areas/${northId}`, {
      name: "North and Fens",
      postcodePrefixes: ["NS10", "NS30"],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: "North and Fens",
      postcodePrefixes: ["NS10", "NS30"],
      schoolCount: 2,
    });
    const [entry] = await auditFor("area", northId);
    expect(entry?.before).toEqual({ name: "North", postcodePrefixes: ["NS10"] });
    expect((await staff.patch(`/api/areas/${northId}`, { name: "CITY" })).statusCode).toBe(409);
    const renamed = await staff.patch(`/api/areas/${northId}`, { name: "north and fens" });
    expect(renamed.json()).toMatchObject({ name: "north and fens", postcodePrefixes: ["NS10", "NS30"] });
    expect((await otherAdmin.patch(`/api/areas/${northId}`, { name: "Mine" })).statusCode).toBe(404);
  });

  it("assigns by hand by URN, which the rules then leave alone", async () => {
    const res = await staff.post("/api/areas/assign", { urns: [300003, 300001], areaId: cityId });
    expect(res.json()).toEqual({ changed: 2, unchanged: 0 });
    expect(await schoolRow(300003)).toMatchObject({ areaId: cityId, areaSource: "hand" });
    expect(await schoolRow(300001)).toMatchObject({ areaId: cityId, areaSource: "hand" });
    expect((await staff.post("/api/areas/assign", { urns: [300003], areaId: cityId })).json()).toEqual({
      changed: 0,
      unchanged: 1,
    });
    // NS30 now belongs to North and Fens by rule, but 300003 was placed by hand.
    await staff.post("/api/areas/apply-rules");
    expect((await schoolRow(300003))?.areaId).toBe(cityId);
    const [entry] = await auditFor("school", ids[300003] ?? "");
    expect(entry?.after).toMatchObject({ areaId: cityId, areaName: "City", areaSource: "hand" });
  });

  it("assigns by filter, or clears, in one go", async () => {
    const res = await staff.post("/api/areas/assign", {
      filter: { phase: "primary", q: "primary" },
      areaId: null,
    });
    expect(res.json()).toEqual({ changed: 3, unchanged: 0 });
    expect(await schoolRow(300005)).toMatchObject({ areaId: null, areaSource: "hand" });
    expect(
      (
        await staff.post("/api/areas/assign", {
          urns: [300001],
          areaId: "00000000-0000-4000-8000-000000000001",
        })
      ).statusCode,
    ).toBe(400);
    expect((await staff.post("/api/areas/assign", { areaId: cityId })).statusCode).toBe(400);
    // Another hub cannot put this hub's schools anywhere.
    const cross = await otherAdmin.post("/api/areas/assign", { urns: [300001, 300002], areaId: null });
    expect(cross.json()).toEqual({ changed: 0, unchanged: 0 });
  });

  it("applies the rules to some schools only (as the importer does)", async () => {
    await env.db.update(schools).set({ areaSource: null, areaId: null }).where(eq(schools.hubId, hub.id));
    const ctx = contextFor(env.deps, hub.actor);
    const result = await applyAreaRules(ctx, [ids[300002] ?? "", ids[300003] ?? ""]);
    expect(result).toEqual({ changed: 2, unchanged: 0 });
    expect((await schoolRow(300002))?.areaId).toBe(northId);
    expect((await schoolRow(300003))?.areaId).toBe(northId);
    expect((await schoolRow(300004))?.areaId).toBeNull();
  });

  it("deletes an area: its schools become unassigned, each change audited", async () => {
    expect((await otherAdmin.request({ method: "DELETE", url: `/api/areas/${northId}` })).statusCode).toBe(
      404,
    );
    const res = await del(staff, `/api/areas/${northId}`);
    expect(res.statusCode).toBe(204);
    expect(await schoolRow(300002)).toMatchObject({ areaId: null, areaSource: null });
    const [entry] = await auditFor("school", ids[300002] ?? "");
    expect(entry?.after).toEqual({ areaId: null, areaName: null, areaSource: null });
    expect((await auditFor("area", northId))[0]).toMatchObject({
      action: "delete",
      before: expect.objectContaining({ schools: 2 }),
    });
    expect((await staff.get("/api/areas")).json().map((a: { name: string }) => a.name)).toEqual(["City"]);
    expect((await del(staff, `/api/areas/${northId}`)).statusCode).toBe(404);
  });
});
