import { and, desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { seedSchools } from "./schools.fixtures";

let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let admin: Agent;
let staff: Agent;
let schoolUser: Agent;
let partner: Agent;
let otherAdmin: Agent;
let now = new Date("2026-03-10T09:00:00Z");
const ids: Record<string, string> = {};
let northId = "";
let cityId = "";

beforeAll(async () => {
  env = await createTestEnv({ clock: () => now });
  hub = await seedHub(env.db, "register");
  other = await seedHub(env.db, "elsewhere");
  const rows = await seedSchools(env.db, hub.id, [
    {
      urn: 200001,
      name: "Ashby Primary School",
      typeName: "Community school",
      town: "Kestwick",
      postcode: "NS10 4AB",
      pupils: 380,
      percentFsm: 21.5,
      district: "North Northshire",
      easting: 440000,
      northing: 400000,
      tags: ["wcet"],
      laestab: "9312001",
    },
    {
      urn: 200002,
      name: "Brook Lane Academy",
      phase: "secondary",
      typeName: "Academy converter",
      town: "Hallerby",
      postcode: "NS2 7QD",
      laCode: "932",
      laName: "Northshire City",
      trust: "Riverside Learning Trust",
      pupils: 1100,
      percentFsm: 30,
      district: "Northshire City",
    },
    {
      urn: 200003,
      name: "Cedar Special School",
      phase: "special",
      typeName: "Community special school",
      town: "Kestwick",
      postcode: "NS11 1ZZ",
      pupils: 90,
      status: "closed",
      tags: ["priority", "wcet"],
      easting: 441000,
      northing: 401000,
    },
    {
      urn: 200004,
      name: "Dale Infant School",
      typeName: "Voluntary aided school",
      town: "Marlow Green",
      postcode: "NS20 3CD",
      status: "proposed",
      easting: 450000,
      northing: 410000,
    },
  ]);
  for (const r of rows) ids[r.urn] = r.id;
  await seedSchools(env.db, other.id, [{ urn: 200001, name: "Ashby Primary of Elsewhere" }]);
  admin = await signInAs(env.app, hub.users.hub_admin.email);
  staff = await signInAs(env.app, hub.users.hub_staff.email);
  schoolUser = await signInAs(env.app, hub.users.school_user.email);
  partner = await signInAs(env.app, hub.users.partner_user.email);
  otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
  const north = await admin.post("/api/areas", { name: "North", postcodePrefixes: ["NS10", "NS11"] });
  const city = await admin.post("/api/areas", { name: "City", districts: ["Northshire City"] });
  northId = north.json().id;
  cityId = city.json().id;
});
afterAll(() => env.close());

type Item = { urn: number; name: string };
const urnsOf = async (agent: Agent, query: string): Promise<number[]> => {
  const res = await agent.get(`/api/schools${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Item[]).map((i) => i.urn);
};
const put = (agent: Agent, url: string, payload: unknown) => agent.request({ method: "PUT", url, payload });
const del = (agent: Agent, url: string) => agent.request({ method: "DELETE", url });
const auditFor = async (entity: string, entityId: string) =>
  env.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.hubId, hub.id), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id));

describe("the school list", () => {
  it("lists the hub's schools by name, with totals", async () => {
    const res = await staff.get("/api/schools");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items.map((i: Item) => i.name)).toEqual([
      "Ashby Primary School",
      "Brook Lane Academy",
      "Cedar Special School",
      "Dale Infant School",
      "School of register",
    ]);
    expect(body.items[0]).toMatchObject({ urn: 200001, phase: "primary", percentFsm: 21.5, tags: ["wcet"] });
  });

  it("searches by name, URN, postcode (with or without the space, any case) and town", async () => {
    expect(await urnsOf(staff, "?q=brook")).toEqual([200002]);
    expect(await urnsOf(staff, "?q=200002")).toEqual([200002]);
    expect(await urnsOf(staff, "?q=NS10%204AB")).toEqual([200001]);
    expect(await urnsOf(staff, "?q=ns104ab")).toEqual([200001]);
    expect(await urnsOf(staff, "?q=ns10%204")).toEqual([200001]);
    expect(await urnsOf(staff, "?q=hallerby")).toEqual([200002]);
    expect(await urnsOf(staff, "?q=kestwick")).toEqual([200001, 200003]);
  });

  it("treats % and _ in the search as plain characters", async () => {
    expect(await urnsOf(staff, "?q=%25")).toEqual([]);
    expect(await urnsOf(staff, "?q=_")).toEqual([]);
  });

  it("filters by phase, type, LA, trust, status and tag", async () => {
    expect(await urnsOf(staff, "?phase=special")).toEqual([200003]);
    expect(await urnsOf(staff, "?type=academy%20converter")).toEqual([200002]);
    expect(await urnsOf(staff, "?la=932")).toEqual([200002]);
    expect(await urnsOf(staff, "?trust=riverside")).toEqual([200002]);
    expect(await urnsOf(staff, "?status=closed")).toEqual([200003]);
    expect(await urnsOf(staff, "?status=proposed")).toEqual([200004]);
    expect(await urnsOf(staff, "?tag=wcet")).toEqual([200001, 200003]);
    expect(await urnsOf(staff, "?tag=priority&q=cedar")).toEqual([200003]);
  });

  it("filters by area and link officer, including none", async () => {
    await admin.patch("/api/schools/200001", { areaId: northId, linkOfficerId: hub.users.hub_staff.id });
    const withArea = await urnsOf(staff, `?area=${northId}`);
    expect(withArea).toEqual([200001]);
    expect(await urnsOf(staff, "?area=none")).not.toContain(200001);
    expect((await urnsOf(staff, "?area=none")).length).toBe(4);
    expect(await urnsOf(staff, `?linkOfficer=${hub.users.hub_staff.id}`)).toEqual([200001]);
    expect((await urnsOf(staff, "?linkOfficer=none")).length).toBe(4);
    expect((await staff.get("/api/schools?area=nowhere")).statusCode).toBe(400);
  });

  it("sorts by a column either way, unknowns last", async () => {
    expect(await urnsOf(staff, "?sort=pupils&dir=desc&q=school")).toEqual([
      200001,
      200003,
      200004,
      expect.any(Number),
    ]);
    expect((await urnsOf(staff, "?sort=pupils&dir=desc")).slice(0, 3)).toEqual([200002, 200001, 200003]);
    expect((await urnsOf(staff, "?sort=urn&q=200")).slice(0, 4)).toEqual([200001, 200002, 200003, 200004]);
    expect((await urnsOf(staff, "?sort=urn&dir=desc&q=2000")).slice(0, 2)).toEqual([200004, 200003]);
  });

  it("pages, with the total of all matches", async () => {
    const page2 = (await staff.get("/api/schools?pageSize=2&page=2")).json();
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((i: Item) => i.urn)).toEqual([200003, 200004]);
    const beyond = (await staff.get("/api/schools?pageSize=2&page=9")).json();
    expect(beyond).toMatchObject({ total: 5, items: [] });
  });

  it("shows a school user its own school only, and refuses partners", async () => {
    const res = (await schoolUser.get("/api/schools")).json();
    expect(res.total).toBe(1);
    expect(res.items[0].id).toBe(hub.schoolId);
    expect((await schoolUser.get("/api/schools?q=ashby")).json().total).toBe(0);
    expect((await partner.get("/api/schools")).statusCode).toBe(403);
  });

  it("never shows another hub's schools", async () => {
    const res = (await otherAdmin.get("/api/schools")).json();
    expect(res.items.map((i: Item) => i.name).sort()).toEqual([
      "Ashby Primary of Elsewhere",
      "School of elsewhere",
    ]);
  });
});

describe("a school's profile", () => {
  it("holds the register, area, link officer, contacts, music data and the viewer's rights", async () => {
    await put(admin, "/api/schools/200002/contacts/headteacher", {
      name: "Pat Lindqvist",
      email: "head@brook.example",
    });
    const res = await staff.get("/api/schools/200002");
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      urn: 200002,
      name: "Brook Lane Academy",
      laName: "Northshire City",
      trust: "Riverside Learning Trust",
      district: "Northshire City",
      source: "manual",
      can: { edit: true, editContacts: true, editMusicData: true },
    });
    expect(s.contacts).toEqual([
      expect.objectContaining({
        role: "headteacher",
        name: "Pat Lindqvist",
        email: "head@brook.example",
        phone: null,
      }),
    ]);
    expect(s.timeline[0]).toMatchObject({ kind: "contact", title: "Headteacher contact added" });
  });

  it("is found by URN or by id, and is 404 in another hub", async () => {
    expect((await staff.get(`/api/schools/${ids[200003]}`)).json().urn).toBe(200003);
    expect((await staff.get("/api/schools/999999")).statusCode).toBe(404);
    const elsewhere = await otherAdmin.get("/api/schools/200002");
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain("Brook Lane");
    expect((await otherAdmin.get(`/api/schools/${ids[200002]}`)).statusCode).toBe(404);
    expect((await otherAdmin.patch("/api/schools/200002", { tags: ["x"] })).statusCode).toBe(404);
    // The other hub's school with the same URN is its own.
    expect((await otherAdmin.get("/api/schools/200001")).json().name).toBe("Ashby Primary of Elsewhere");
  });

  it("shows a school user its own school with contacts, and no other school", async () => {
    await put(staff, `/api/schools/${hub.schoolId}/contacts/music_lead`, {
      name: "Ren Castell",
      phone: "01632 960111",
    });
    const own = await schoolUser.get(`/api/schools/${hub.schoolId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().contacts).toEqual([
      expect.objectContaining({ role: "music_lead", name: "Ren Castell" }),
    ]);
    expect(own.json().can).toEqual({ edit: false, editContacts: true, editMusicData: true });
    expect((await schoolUser.get("/api/schools/200002")).statusCode).toBe(404);
    expect((await partner.get(`/api/schools/${hub.schoolId}`)).statusCode).toBe(403);
  });
});

describe("changing a school", () => {
  it("sets the area by hand, then by the rules, auditing only what changed", async () => {
    const hand = await admin.patch("/api/schools/200002", { areaId: northId });
    expect(hand.statusCode, hand.body).toBe(200);
    expect(hand.json()).toMatchObject({ areaId: northId, areaName: "North", areaSource: "hand" });
    const [entry] = await auditFor("school", ids[200002] ?? "");
    expect(entry?.before).toEqual({ areaId: null, areaName: null, areaSource: null });
    expect(entry?.after).toEqual({ areaId: northId, areaName: "North", areaSource: "hand" });

    const byRule = await admin.patch("/api/schools/200002", { areaByRule: true });
    expect(byRule.json()).toMatchObject({ areaId: cityId, areaName: "City", areaSource: "rule" });
    expect(byRule.json().timeline[0]).toMatchObject({
      kind: "area",
      title: "Area set to City by the area rules",
    });
    expect(byRule.json().timeline[1]).toMatchObject({ kind: "area", title: "Area set to North" });
  });

  it("sets the link officer and tags, and refuses someone who cannot be one", async () => {
    const res = await staff.patch("/api/schools/200003", {
      linkOfficerId: hub.users.hub_admin.id,
      tags: ["lead", "lead", "priority"],
    });
    expect(res.json()).toMatchObject({
      linkOfficerId: hub.users.hub_admin.id,
      linkOfficerName: "hub_admin of register",
      tags: ["lead", "priority"],
    });
    const [entry] = await auditFor("school", ids[200003] ?? "");
    expect(entry?.before).toEqual({ linkOfficerId: null, linkOfficerName: null, tags: ["priority", "wcet"] });
    expect(entry?.actorId).toBe(hub.users.hub_staff.id);

    for (const userId of [hub.users.partner_user.id, hub.users.school_user.id, other.users.hub_staff.id]) {
      const bad = await staff.patch("/api/schools/200003", { linkOfficerId: userId });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.fields).toEqual([
        { path: "linkOfficerId", message: expect.stringMatching(/hub admin or hub staff/) },
      ]);
    }
    const badArea = await staff.patch("/api/schools/200003", {
      areaId: "00000000-0000-4000-8000-000000000001",
    });
    expect(badArea.json().error.details.fields[0].path).toBe("areaId");
  });

  it("writes no audit entry when nothing changes, and refuses empty patches and school users", async () => {
    const before = (await auditFor("school", ids[200003] ?? "")).length;
    await staff.patch("/api/schools/200003", { tags: ["lead", "priority"] });
    expect((await auditFor("school", ids[200003] ?? "")).length).toBe(before);
    expect((await staff.patch("/api/schools/200003", {})).statusCode).toBe(400);
    expect((await schoolUser.patch(`/api/schools/${hub.schoolId}`, { tags: ["x"] })).statusCode).toBe(403);
  });

  it("hides tags and the hub's internal history from school users", async () => {
    await staff.patch(`/api/schools/${hub.schoolId}`, { tags: ["needs support"], areaId: northId });
    const own = (await schoolUser.get(`/api/schools/${hub.schoolId}`)).json();
    expect(own.tags).toEqual([]);
    expect(own.timeline.map((t: { kind: string }) => t.kind)).not.toContain("tags");
    const hubView = (await staff.get(`/api/schools/${hub.schoolId}`)).json();
    expect(hubView.tags).toEqual(["needs support"]);
    expect(hubView.timeline.map((t: { kind: string }) => t.kind)).toContain("tags");
  });
});

describe("contacts", () => {
  it("lets a school user keep its own contacts; audited with values", async () => {
    const res = await put(schoolUser, `/api/schools/${hub.schoolId}/contacts/headteacher`, {
      name: "Morgan Ellery",
      email: "",
      phone: "01632 960222",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      role: "headteacher",
      name: "Morgan Ellery",
      email: null,
      phone: "01632 960222",
    });
    const updated = await put(schoolUser, `/api/schools/${hub.schoolId}/contacts/headteacher`, {
      name: "Morgan Ellery",
      email: "m.ellery@school.example",
    });
    expect(updated.json().email).toBe("m.ellery@school.example");
    const urn = (await staff.get(`/api/schools/${hub.schoolId}`)).json().urn;
    const entries = await auditFor("school_contact", `${urn}:headteacher`);
    expect(entries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(entries[0]?.before).toEqual({ email: null, phone: "01632 960222" });
    expect(entries[0]?.after).toEqual({ email: "m.ellery@school.example", phone: null });

    expect((await del(schoolUser, `/api/schools/${hub.schoolId}/contacts/headteacher`)).statusCode).toBe(204);
    expect((await auditFor("school_contact", `${urn}:headteacher`))[0]?.action).toBe("delete");
    const after = (await staff.get(`/api/schools/${hub.schoolId}`)).json();
    expect(after.contacts.map((c: { role: string }) => c.role)).toEqual(["music_lead"]);
    expect(after.timeline[0]).toMatchObject({ kind: "contact", title: "Headteacher contact removed" });
  });

  it("refuses another school's contacts to a school user, bad input and partners", async () => {
    expect((await put(schoolUser, "/api/schools/200001/contacts/slt", { name: "X" })).statusCode).toBe(404);
    const bad = await put(staff, "/api/schools/200001/contacts/slt", { name: "", email: "nope" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(["email", "name"]);
    expect((await put(staff, "/api/schools/200001/contacts/caretaker", { name: "X" })).statusCode).toBe(400);
    expect((await put(partner, "/api/schools/200001/contacts/slt", { name: "X" })).statusCode).toBe(403);
  });
});

describe("music data", () => {
  it("checks figures against pupils on roll and each other, naming the field", async () => {
    const res = await put(staff, "/api/schools/200001/music-data/2025-26", { wcetPupils: 412 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe("Pupils in WCET (412) cannot be more than pupils on roll (380)");
    expect(res.json().error.details.fields).toEqual([
      { path: "wcetPupils", message: "Pupils in WCET (412) cannot be more than pupils on roll (380)" },
    ]);
    const more = await put(staff, "/api/schools/200001/music-data/2025-26", {
      wcetPupils: 40,
      continuingPupils: 50,
      wcetTerms: 13,
      fsmPupilsEngaged: 400,
    });
    expect(more.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      "wcetTerms",
      "fsmPupilsEngaged",
      "continuingPupils",
    ]);
    expect((await put(staff, "/api/schools/200001/music-data/2025-27", { wcetPupils: 1 })).statusCode).toBe(
      400,
    );
    expect((await put(staff, "/api/schools/200001/music-data/2025-26", { wcetPupils: -1 })).statusCode).toBe(
      400,
    );
  });

  it("stamps provenance on changed figures only, and keeps the rest", async () => {
    now = new Date("2026-03-10T09:00:00Z");
    const first = await put(staff, "/api/schools/200001/music-data/2025-26", {
      wcetPupils: 60,
      singingPupils: 200,
      sdpMusic: true,
    });
    expect(first.statusCode, first.body).toBe(200);
    const staffStamp = {
      by: hub.users.hub_staff.id,
      byName: "hub_staff of register",
      at: now.toISOString(),
      source: "web",
    };
    expect(first.json()).toMatchObject({
      academicYear: "2025/26",
      wcetPupils: 60,
      singingPupils: 200,
      sdpMusic: true,
      gcseEntries: null,
    });
    expect(first.json().provenance).toEqual({
      wcetPupils: staffStamp,
      singingPupils: staffStamp,
      sdpMusic: staffStamp,
    });

    now = new Date("2026-03-12T12:00:00Z");
    const second = await put(admin, "/api/schools/200001/music-data/2025-26", {
      wcetPupils: 60,
      singingPupils: 210,
      continuingPupils: 20,
    });
    const adminStamp = {
      by: hub.users.hub_admin.id,
      byName: "hub_admin of register",
      at: now.toISOString(),
      source: "web",
    };
    expect(second.json()).toMatchObject({
      wcetPupils: 60,
      singingPupils: 210,
      continuingPupils: 20,
      sdpMusic: true,
    });
    expect(second.json().provenance).toEqual({
      wcetPupils: staffStamp,
      sdpMusic: staffStamp,
      singingPupils: adminStamp,
      continuingPupils: adminStamp,
    });
    const entries = await auditFor("school_music_data", "200001:2025/26");
    expect(entries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(entries[0]?.before).toEqual({ singingPupils: 200, continuingPupils: null });
    expect(entries[0]?.after).toEqual({ singingPupils: 210, continuingPupils: 20, source: "web" });
  });

  it("refuses figures that do not apply to the school's phase, naming them", async () => {
    const res = await put(staff, "/api/schools/200001/music-data/2025-26", {
      singingPupils: 40,
      gcseEntries: 3,
      curriculumMinutesKs3: 60,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      "GCSE music entries: this figure does not apply to a primary school",
    );
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      "gcseEntries",
      "curriculumMinutesKs3",
    ]);
    expect((await put(staff, "/api/schools/200002/music-data/2025-26", { gcseEntries: 3 })).statusCode).toBe(
      200,
    );
    expect((await put(staff, "/api/schools/200002/music-data/2025-26", { wcetPupils: 3 })).statusCode).toBe(
      400,
    );
  });

  it("checks a partial update against the figures already held", async () => {
    const res = await put(staff, "/api/schools/200001/music-data/2025-26", { continuingPupils: 61 });
    expect(res.json().error.details.fields[0].path).toBe("continuingPupils");
  });

  it("lists every year newest first on the profile, with the timeline", async () => {
    await put(staff, "/api/schools/200001/music-data/2023-24", { wcetPupils: 30 });
    const s = (await staff.get("/api/schools/200001")).json();
    expect(s.musicData.map((m: { academicYear: string }) => m.academicYear)).toEqual(["2025/26", "2023/24"]);
    const titles = s.timeline.map((t: { title: string }) => t.title);
    expect(titles).toContain("Music data 2025/26 entered by hub_staff of register");
    expect(titles).toContain("Music data 2025/26 updated by hub_admin of register");
  });

  it("lets a school user enter its own school's figures only", async () => {
    expect(
      (await put(schoolUser, `/api/schools/${hub.schoolId}/music-data/2025-26`, { singingPupils: 30 }))
        .statusCode,
    ).toBe(200);
    expect(
      (await put(schoolUser, "/api/schools/200001/music-data/2025-26", { singingPupils: 30 })).statusCode,
    ).toBe(404);
    expect(
      (await put(otherAdmin, `/api/schools/${ids[200001]}/music-data/2025-26`, { singingPupils: 30 }))
        .statusCode,
    ).toBe(404);
  });
});

describe("export", () => {
  it("downloads the filtered list as CSV, UTF-8 with a BOM, columns named for people", async () => {
    const res = await staff.get("/api/schools/export?format=csv&phase=primary&sort=urn&dir=desc");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="schools-${hub.slug}-2026-03-12.csv"`,
    );
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(
      "URN,LAEstab,School,Phase,Type,Status,LA,Town,Postcode,Pupils,% FSM,Trust,Area,Link officer,Tags",
    );
    expect(lines.length).toBe(4);
    const rows = lines.slice(1).filter((l) => l.startsWith("2000"));
    expect(rows.length).toBe(2);
    expect(rows[0]).toMatch(
      /^200004,,Dale Infant School,Primary,Voluntary aided school,Proposed to open,Northshire,Marlow Green,NS20 3CD,,,,,,$/,
    );
    expect(rows[1]).toBe(
      "200001,9312001,Ashby Primary School,Primary,Community school,Open,Northshire,Kestwick,NS10 4AB,380,21.5,,North,hub_staff of register,wcet",
    );
  });

  it("downloads XLSX with a bold, frozen header", async () => {
    const res = await admin.get("/api/schools/export?format=xlsx&q=kestwick");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/filename="schools-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Schools");
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(1).getCell(1).value).toBe("URN");
    expect(sheet?.getRow(1).getCell(15).value).toBe("Tags");
    expect(sheet?.getRow(1).font?.bold ?? sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getColumn(3).width).toBe(44);
    expect(sheet?.getRow(2).getCell(3).value).toBe("Ashby Primary School");
    expect(sheet?.getRow(2).getCell(10).value).toBe(380);
    expect(sheet?.getRow(3).getCell(3).value).toBe("Cedar Special School");
  });

  it("is for hub users only", async () => {
    expect((await schoolUser.get("/api/schools/export")).statusCode).toBe(403);
    expect((await partner.get("/api/schools/export")).statusCode).toBe(403);
  });
});

describe("map", () => {
  it("plots schools with a grid reference and counts the rest", async () => {
    const res = (await staff.get("/api/schools/map?colour=pupils")).json();
    expect(res.unplotted).toBe(2);
    expect(res.points).toEqual([
      {
        urn: 200001,
        name: "Ashby Primary School",
        phase: "primary",
        areaName: "North",
        easting: 440000,
        northing: 400000,
        value: 380,
      },
      {
        urn: 200003,
        name: "Cedar Special School",
        phase: "special",
        areaName: null,
        easting: 441000,
        northing: 401000,
        value: 90,
      },
      {
        urn: 200004,
        name: "Dale Infant School",
        phase: "primary",
        areaName: null,
        easting: 450000,
        northing: 410000,
        value: null,
      },
    ]);
  });

  it("colours by a music figure of the latest year, or a chosen year, or nothing", async () => {
    const latest = (await staff.get("/api/schools/map?colour=wcetPupils&q=ashby")).json();
    expect(latest.points[0].value).toBe(60);
    const older = (await staff.get("/api/schools/map?colour=wcetPupils&year=2023/24&q=ashby")).json();
    expect(older.points[0].value).toBe(30);
    const phase = (await staff.get("/api/schools/map?colour=phase&q=ashby")).json();
    expect(phase.points[0].value).toBeNull();
    expect((await staff.get("/api/schools/map?colour=percentFsm&q=ashby")).json().points[0].value).toBe(21.5);
  });
});

describe("link officers", () => {
  it("lists active hub admins and staff with their school counts", async () => {
    const res = await staff.get("/api/link-officers");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        userId: hub.users.hub_admin.id,
        name: "hub_admin of register",
        email: hub.users.hub_admin.email,
        role: "hub_admin",
        schoolCount: 1,
      },
      {
        userId: hub.users.hub_staff.id,
        name: "hub_staff of register",
        email: hub.users.hub_staff.email,
        role: "hub_staff",
        schoolCount: 1,
      },
    ]);
  });

  it("assigns by URN and by filter, counting what changed, and unassigns", async () => {
    const byUrn = await admin.post("/api/link-officers/assign", {
      urns: [200001, 200002, 999999],
      userId: hub.users.hub_staff.id,
    });
    expect(byUrn.json()).toEqual({ changed: 1, unchanged: 1 });
    const byFilter = await admin.post("/api/link-officers/assign", {
      filter: { q: "kestwick" },
      userId: hub.users.hub_staff.id,
    });
    expect(byFilter.json()).toEqual({ changed: 1, unchanged: 1 });
    expect(await urnsOf(staff, `?linkOfficer=${hub.users.hub_staff.id}`)).toEqual([200001, 200002, 200003]);
    const [entry] = await auditFor("school", ids[200003] ?? "");
    expect(entry?.after).toEqual({
      linkOfficerId: hub.users.hub_staff.id,
      linkOfficerName: "hub_staff of register",
    });
    const off = await admin.post("/api/link-officers/assign", { urns: [200002], userId: null });
    expect(off.json()).toEqual({ changed: 1, unchanged: 0 });
    expect(await urnsOf(staff, "?linkOfficer=none&q=brook")).toEqual([200002]);
  });

  it("refuses a user who cannot be a link officer, and never touches another hub", async () => {
    const bad = await admin.post("/api/link-officers/assign", {
      urns: [200001],
      userId: hub.users.school_user.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe("userId");
    const cross = await otherAdmin.post("/api/link-officers/assign", {
      urns: [200002],
      userId: other.users.hub_staff.id,
    });
    expect(cross.json()).toEqual({ changed: 0, unchanged: 0 });
    expect((await staff.get("/api/schools/200002")).json().linkOfficerId).toBeNull();
    expect((await admin.post("/api/link-officers/assign", { userId: null })).statusCode).toBe(400);
  });
});
