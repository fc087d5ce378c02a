import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpdEvents, cpdSessions, leadSchools, schools } from "../../db/schema/index";
import { createTestEnv, seedHub, type TestEnv, type TestHub } from "../../testing/harness";
import { computeMeasure } from "./measure-catalogue";

// The two count measures of the catalogue, each on a small fixture of its own: what is counted,
// and what is not (another hub, a draft, another year, a day not reached yet, an ended term).
let env: TestEnv;
let hub: TestHub;
let other: TestHub;

const value = async (id: string, hubId: string, on: string) =>
  (await computeMeasure(id, { db: env.db, hubId, on }))?.value;

const event = async (hubId: string, status: "draft" | "published", starts: string[]) => {
  const [e] = await env.db
    .insert(cpdEvents)
    .values({
      hubId,
      ref: `ev-${Math.random().toString(36).slice(2, 8)}`,
      title: "Twilight",
      kind: "twilight",
      capacity: 20,
      status,
      startsAt: new Date(`${starts[0]}T16:00:00Z`),
      endsAt: new Date(`${starts.at(-1)}T17:30:00Z`),
    })
    .returning();
  if (!e) throw new Error("event");
  await env.db.insert(cpdSessions).values(
    starts.map((s, i) => ({
      hubId,
      eventId: e.id,
      position: i + 1,
      startsAt: new Date(`${s}T16:00:00Z`),
      endsAt: new Date(`${s}T17:30:00Z`),
    })),
  );
};

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "countmeasures");
  other = await seedHub(env.db, "countmeasuresother");
});
afterAll(() => env.close());

describe("cpd_sessions_delivered", () => {
  it("counts the sessions of published events held this academic year up to the day", async () => {
    await event(hub.id, "published", ["2025-08-30", "2025-10-01", "2026-03-09", "2026-03-11"]);
    await event(hub.id, "draft", ["2026-01-10"]);
    await event(other.id, "published", ["2026-01-10"]);
    expect(await value("cpd_sessions_delivered", hub.id, "2026-03-10")).toBe(2);
    expect(await value("cpd_sessions_delivered", hub.id, "2026-03-11")).toBe(3);
    expect(await value("cpd_sessions_delivered", hub.id, "2025-08-31")).toBe(1);
    expect(await value("cpd_sessions_delivered", other.id, "2026-03-10")).toBe(1);
  });
});

describe("lead_schools_in_office", () => {
  it("counts each school in office on the day once", async () => {
    const [b, c] = await env.db
      .insert(schools)
      .values(
        [1, 2].map((n) => ({
          hubId: hub.id,
          urn: 990_000 + n,
          laCode: "931",
          name: `Measure School ${n}`,
          phase: "primary" as const,
          status: "open" as const,
          source: "manual" as const,
        })),
      )
      .returning();
    if (!b || !c) throw new Error("schools");
    const lead = (hubId: string, schoolId: string, fromDate: string, toDate: string, endedOn?: string) => ({
      hubId,
      schoolId,
      focusAreas: ["singing"],
      fromDate,
      toDate,
      announceOn: fromDate,
      endedOn: endedOn ?? null,
    });
    await env.db
      .insert(leadSchools)
      .values([
        lead(hub.id, hub.schoolId, "2025-09-01", "2028-08-31"),
        lead(hub.id, hub.schoolId, "2026-01-01", "2026-12-31"),
        lead(hub.id, b.id, "2025-09-01", "2028-08-31", "2026-01-01"),
        lead(hub.id, c.id, "2026-04-01", "2029-03-31"),
        lead(other.id, other.schoolId, "2025-09-01", "2028-08-31"),
      ]);
    expect(await value("lead_schools_in_office", hub.id, "2026-03-10")).toBe(1);
    expect(await value("lead_schools_in_office", hub.id, "2025-12-31")).toBe(2);
    expect(await value("lead_schools_in_office", hub.id, "2026-04-01")).toBe(2);
    expect(await value("lead_schools_in_office", hub.id, "2029-09-01")).toBe(0);
  });
});
