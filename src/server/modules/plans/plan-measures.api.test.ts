import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  mailMessages,
  ragCurrent,
  ragRatings,
  schoolContacts,
  schoolMusicData,
  schools,
  visitReports,
  visits,
} from "../../db/schema/index";
import type { PlanMeasure } from "../../platform/measures";
import { createTestEnv, seedHub, type TestEnv, type TestHub } from "../../testing/harness";
import { engagementMeasures } from "../engagement/engagement.measures";
import { schoolsMeasures } from "../schools/schools.measures";

// Each measure on a small fixture: a hub of four open schools (two primary, two secondary) and
// one closed, with a few visits, mails, ratings and music figures. The day is 10 March 2026 (2025/26).
const ON = "2026-03-10";
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
const ids: Record<string, string> = {};

const measure = (id: string): PlanMeasure => {
  const m = [...engagementMeasures, ...schoolsMeasures].find((x) => x.id === id);
  if (!m) throw new Error(id);
  return m;
};
const value = (id: string, hubId = hub.id, on = ON) => measure(id).compute({ db: env.db, hubId, on });

const visit = async (
  school: string,
  date: string,
  report: "approved" | "draft" | null,
  status: "scheduled" | "cancelled" = "scheduled",
) => {
  const [v] = await env.db
    .insert(visits)
    .values({ hubId: hub.id, schoolId: ids[school] ?? "", date, purpose: "follow_up", status })
    .returning();
  if (v && report)
    await env.db.insert(visitReports).values({ hubId: hub.id, visitId: v.id, status: report, summary: "s" });
};

beforeAll(async () => {
  env = await createTestEnv();
  hub = await seedHub(env.db, "measures");
  other = await seedHub(env.db, "measuresother");
  ids.p1 = hub.schoolId; // the seeded school: primary, open
  const add = async (key: string, phase: string, status: "open" | "closed" = "open") => {
    const [s] = await env.db
      .insert(schools)
      .values({
        hubId: hub.id,
        urn: 700000 + Object.keys(ids).length,
        laCode: "931",
        name: key,
        phase,
        status,
        source: "manual",
      })
      .returning();
    ids[key] = s?.id ?? "";
  };
  await add("p2", "primary");
  await add("s1", "secondary");
  await add("s2", "all_through");
  await add("closed", "primary", "closed");
});
afterAll(() => env.close());

describe("engagement measures", () => {
  it("schools_visited_share counts visits this year with an approved report, per phase and over two years", async () => {
    expect(await value("schools_visited_share")).toEqual({ value: 0, numerator: 0, denominator: 4 });
    await visit("p1", "2025-10-01", "approved");
    await visit("p1", "2025-11-01", "approved"); // the same school twice counts once
    await visit("p2", "2026-01-15", "draft"); // a draft does not count
    await visit("s1", "2026-02-01", "approved", "cancelled"); // nor a cancelled visit
    await visit("s2", "2025-03-01", "approved"); // last year: only the two-year measure
    await visit("closed", "2026-01-01", "approved"); // a closed school is not counted
    await visit("s1", "2026-04-01", "approved"); // after the day asked about
    expect(await value("schools_visited_share")).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
    expect(await value("schools_visited_primary_share")).toEqual({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
    expect(await value("schools_visited_secondary_share")).toEqual({
      value: 0,
      numerator: 0,
      denominator: 2,
    });
    expect(await value("schools_visited_two_years_share")).toEqual({
      value: 0.5,
      numerator: 2,
      denominator: 4,
    });
    expect(await value("schools_visited_share", hub.id, "2026-04-02")).toMatchObject({ numerator: 2 });
    expect(await value("schools_visited_share", other.id)).toEqual({
      value: 0,
      numerator: 0,
      denominator: 1,
    });
  });

  it("schools_communicated_share counts a visit held or an e-mail to a school's contact this year", async () => {
    // p1 and p2 had visits this year (a draft report still means the visit was held).
    expect(await value("schools_communicated_share")).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    await env.db.insert(schoolContacts).values([
      { hubId: hub.id, schoolId: ids.s1 ?? "", role: "headteacher", name: "A Head", email: "Head@S1.test" },
      { hubId: hub.id, schoolId: ids.s2 ?? "", role: "music_lead", name: "A Lead", email: "lead@s2.test" },
    ]);
    await env.db.insert(mailMessages).values([
      {
        hubId: hub.id,
        to: "head@s1.test",
        subject: "News",
        text: "t",
        status: "stored",
        createdAt: new Date("2026-02-01T09:00:00Z"),
      },
      {
        hubId: hub.id,
        to: "lead@s2.test",
        subject: "News",
        text: "t",
        status: "failed",
        createdAt: new Date("2026-02-01T09:00:00Z"),
      },
      {
        hubId: other.id,
        to: "lead@s2.test",
        subject: "Other hub",
        text: "t",
        status: "sent",
        createdAt: new Date("2026-02-01T09:00:00Z"),
      },
      {
        hubId: hub.id,
        to: "lead@s2.test",
        subject: "Last year",
        text: "t",
        status: "sent",
        createdAt: new Date("2025-06-01T09:00:00Z"),
      },
    ]);
    expect(await value("schools_communicated_share")).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
  });

  it("schools_rag_rated_share counts open schools with a current rating", async () => {
    expect(await value("schools_rag_rated_share")).toEqual({ value: 0, numerator: 0, denominator: 4 });
    const [r] = await env.db
      .insert(ragRatings)
      .values({ hubId: hub.id, schoolId: ids.p2 ?? "", rating: "amber", reason: "r" })
      .returning();
    await env.db.insert(ragCurrent).values({
      hubId: hub.id,
      schoolId: ids.p2 ?? "",
      ratingId: r?.id ?? 0,
      rating: "amber",
      setAt: new Date(),
    });
    expect(await value("schools_rag_rated_share")).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
  });
});

describe("schools measures", () => {
  it("music_in_sdp_share and continuation_rate read this year's music data", async () => {
    await env.db.insert(schoolMusicData).values([
      {
        hubId: hub.id,
        schoolId: ids.p1 ?? "",
        academicYear: "2025/26",
        sdpMusic: true,
        wcetPupils: 60,
        continuingPupils: 15,
      },
      {
        hubId: hub.id,
        schoolId: ids.p2 ?? "",
        academicYear: "2025/26",
        sdpMusic: false,
        wcetPupils: 30,
        continuingPupils: null,
      },
      {
        hubId: hub.id,
        schoolId: ids.s1 ?? "",
        academicYear: "2024/25",
        sdpMusic: true,
        wcetPupils: 40,
        continuingPupils: 40,
      },
      {
        hubId: hub.id,
        schoolId: ids.s2 ?? "",
        academicYear: "2025/26",
        sdpMusic: true,
        wcetPupils: 40,
        continuingPupils: 5,
      },
    ]);
    expect(await value("music_in_sdp_share")).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(await value("continuation_rate")).toEqual({ value: 0.2, numerator: 20, denominator: 100 });
    expect(await value("continuation_rate", other.id)).toEqual({ value: 0, numerator: 0, denominator: 0 });
  });
});
