import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schoolMusicData } from "../../db/schema/index";
import {
  type Agent,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { seedSchools } from "./schools.fixtures";

// Issue 7, item 9: every CSV Tutti writes is formula-safe. A school name typed (or imported)
// as "=HYPERLINK(...)" must reach a spreadsheet as text, never as a formula.

let env: TestEnv;
let hub: TestHub;
let staff: Agent;

const DANGEROUS = [
  '=HYPERLINK("http://evil.invalid","Click")',
  "+Plus Primary",
  "-Minus Academy",
  "@Sum School",
  "\tTabbed School",
  "\rReturn School",
];

beforeAll(async () => {
  env = await createTestEnv({ clock: () => new Date("2026-03-12T09:00:00Z") });
  hub = await seedHub(env.db, "csv");
  const rows = await seedSchools(
    env.db,
    hub.id,
    DANGEROUS.map((name, i) => ({
      urn: 300001 + i,
      name,
      town: i === 0 ? "=1+2" : "Kestwick",
      pupils: 100 + i,
    })),
  );
  const first = rows[0];
  if (!first) throw new Error("seed failed");
  await env.db
    .insert(schoolMusicData)
    .values({ hubId: hub.id, schoolId: first.id, academicYear: "2025/26", wcetPupils: 30 });
  staff = await signInAs(env.app, hub.users.hub_staff.email);
});
afterAll(() => env.close());

const mineUrn = (urn: string | undefined): boolean => Number(urn) >= 300001 && Number(urn) <= 300006;
const recordsOf = (body: Buffer): string[][] => parse(body, { bom: true, relax_quotes: true }) as string[][];

describe("CSV exports are formula-safe", () => {
  it("writes a school name or town that starts like a formula as text; numbers stay numbers", async () => {
    const res = await staff.get("/api/schools/export?format=csv&sort=urn&dir=asc");
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = recordsOf(res.rawPayload);
    const name = header?.indexOf("School") ?? -1;
    const town = header?.indexOf("Town") ?? -1;
    const pupils = header?.indexOf("Pupils") ?? -1;
    const mine = rows.filter((r) => mineUrn(r[0]));
    expect(mine.map((r) => r[name])).toEqual(DANGEROUS.map((n) => `'${n}`));
    expect(mine[0]?.[town]).toBe("'=1+2");
    expect(mine[0]?.[pupils]).toBe("100");
    expect(mine[0]?.[0]).toBe("300001");
  });

  it("does the same in the music-data template", async () => {
    const res = await staff.get("/api/schools/music-data/template?year=2025%2F26");
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = recordsOf(res.rawPayload);
    expect(header?.[1]).toBe("School");
    const mine = rows.filter((r) => mineUrn(r[0])).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(mine.map((r) => r[1])).toEqual(DANGEROUS.map((n) => `'${n}`));
    expect(mine[0]?.[2]).toBe("2025/26");
    expect(mine[0]).toContain("30");
  });
});
