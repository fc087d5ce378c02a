import { parse } from "csv-parse/sync";
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

// "Today" is 10 March 2026.
const NOW = new Date("2026-03-10T10:00:00Z");
const URL = "/api/engagement/my-schools.csv";
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
const FIRST = 871000;
const MANY = 205; // more than one page of `mySchools` (200)

const rowsOf = (body: string): string[][] => parse(body.replace(/^\uFEFF/, ""));

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "my-csv");
  other = await seedHub(env.db, "my-csv-other");
  [staff, admin] = await Promise.all([
    signInAs(env.app, hub.users.hub_staff.email),
    signInAs(env.app, hub.users.hub_admin.email),
  ]);
  const base = { hubId: hub.id, laCode: "931", phase: "primary" as const, source: "manual" as const };
  await env.db.insert(schools).values([
    ...Array.from({ length: MANY }, (_, i) => ({
      ...base,
      urn: FIRST + i,
      name: `Fictional Primary ${String(i).padStart(3, "0")}`,
      status: "open" as const,
      linkOfficerId: hub.users.hub_staff.id,
    })),
    // A name that a spreadsheet would run as a formula.
    {
      ...base,
      urn: FIRST + 900,
      name: '=HYPERLINK("http://x")',
      status: "open",
      linkOfficerId: hub.users.hub_staff.id,
    },
    {
      ...base,
      urn: FIRST + 901,
      name: "Closed Fictional Primary",
      status: "closed",
      linkOfficerId: hub.users.hub_staff.id,
    },
  ]);
  const rated = await staff.request({
    method: "PUT",
    url: `/api/schools/${FIRST}/rag`,
    payload: { rating: "amber", reason: "Agreed at the last visit" },
  });
  expect(rated.statusCode, rated.body).toBe(200);
  const visit = await staff.post("/api/visits", { urn: FIRST, date: "2026-04-21", purpose: "follow_up" });
  expect(visit.statusCode, visit.body).toBe(201);
});
afterAll(() => env.close());

describe("GET /api/engagement/my-schools.csv", () => {
  it("exports every one of the link officer's open schools, across pages, formula-safe", async () => {
    const res = await staff.get(URL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="my-schools.csv"/);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    const [header, ...rows] = rowsOf(res.body);
    expect(header).toEqual([
      "URN",
      "School",
      "RAG rating",
      "Last visit",
      "Next visit",
      "Next visit purpose",
      "Open next steps",
      "Overdue next steps",
    ]);
    expect(rows).toHaveLength(MANY + 1);
    expect(rows.map((r) => r[1])).not.toContain("Closed Fictional Primary");
    expect(rows.find((r) => r[0] === String(FIRST))).toEqual([
      String(FIRST),
      "Fictional Primary 000",
      "Amber",
      "",
      "2026-04-21",
      "Follow-up",
      "0",
      "0",
    ]);
    expect(rows.find((r) => r[0] === String(FIRST + 1))?.[2]).toBe("Not yet rated");
    expect(rows.find((r) => r[0] === String(FIRST + 900))?.[1]).toBe('\'=HYPERLINK("http://x")');
    // The page's JSON agrees with the file.
    const json = (await staff.get("/api/engagement/my-schools")).json();
    expect(json.total).toBe(rows.length);
  });

  it("exports another officer's schools for a hub admin, and none of this hub's to another hub", async () => {
    const byAdmin = rowsOf((await admin.get(`${URL}?linkOfficer=${hub.users.hub_staff.id}`)).body);
    expect(byAdmin).toHaveLength(MANY + 2);
    expect(rowsOf((await admin.get(URL)).body)).toHaveLength(1); // the admin is nobody's officer
    const otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
    const cross = await otherAdmin.get(`${URL}?linkOfficer=${hub.users.hub_staff.id}`);
    expect(cross.statusCode).toBe(200);
    expect(rowsOf(cross.body)).toHaveLength(1);
    expect(cross.body).not.toContain("Fictional Primary");
  });

  it("refuses school and partner users, and a link officer that is not an id", async () => {
    const [school, partner] = await Promise.all([
      signInAs(env.app, hub.users.school_user.email),
      signInAs(env.app, hub.users.partner_user.email),
    ]);
    expect((await school.get(URL)).statusCode).toBe(403);
    expect((await partner.get(URL)).statusCode).toBe(403);
    const bad = await staff.get(`${URL}?linkOfficer=someone`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("Choose a link officer");
  });
});
