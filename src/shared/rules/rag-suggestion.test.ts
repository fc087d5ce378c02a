import { describe, expect, it } from "vitest";
import {
  DEFAULT_RAG_CONFIG,
  type MusicYearFacts,
  type RagCriteriaConfig,
  type RagCriterionId,
  type RagInputs,
  ratingFor,
  suggestRating,
} from "./rag-suggestion";

const year = (over: Partial<MusicYearFacts> = {}): MusicYearFacts => ({
  sdpMusic: true,
  wcetPupils: 30,
  instrumentPupils: 40,
  curriculumMinutes: { ks1: 60, ks2: 60, ks3: null, ks4: null },
  ...over,
});
const music = (over: Partial<RagInputs["musicData"]> = {}): Partial<RagInputs> => ({
  musicData: { phase: "primary", thisYear: year(), lastYear: year(), ...over },
});
const only = (id: RagCriterionId, threshold: number | null = null): RagCriteriaConfig => ({
  ...DEFAULT_RAG_CONFIG,
  criteria: [{ id, enabled: true, threshold }],
});
const fired = (config: RagCriteriaConfig, inputs: Partial<RagInputs>) =>
  suggestRating(config, inputs)
    .criteria.filter((c) => c.fired)
    .map((c) => c.id);

describe("RAG suggestion criteria", () => {
  it("a school doing well fires nothing and is suggested green", () => {
    const s = suggestRating(DEFAULT_RAG_CONFIG, music());
    expect(s.rating).toBe("green");
    expect(s.criteria.map((c) => c.id)).toEqual([
      "no_music_data",
      "music_not_in_sdp",
      "curriculum_time_low",
      "no_wcet",
      "participation_falling",
    ]);
    expect(s.criteria.every((c) => !c.fired)).toBe(true);
  });

  it("no music data this year fires when the year has no figures", () => {
    expect(fired(only("no_music_data"), music({ thisYear: null }))).toEqual(["no_music_data"]);
    expect(fired(only("no_music_data"), music())).toEqual([]);
  });

  it("music not in the development plan fires only on a recorded no", () => {
    expect(fired(only("music_not_in_sdp"), music({ thisYear: year({ sdpMusic: false }) }))).toEqual([
      "music_not_in_sdp",
    ]);
    expect(fired(only("music_not_in_sdp"), music({ thisYear: year({ sdpMusic: null }) }))).toEqual([]);
  });

  it("curriculum time fires when any recorded key stage is under the threshold", () => {
    const low = music({ thisYear: year({ curriculumMinutes: { ks1: 60, ks2: 45, ks3: null, ks4: null } }) });
    expect(fired(only("curriculum_time_low", 60), low)).toEqual(["curriculum_time_low"]);
    expect(fired(only("curriculum_time_low", 45), low)).toEqual([]);
    expect(suggestRating(only("curriculum_time_low", 45), low).criteria[0]?.label).toBe(
      "Curriculum time under 45 minutes a week in a key stage",
    );
  });

  it("no WCET fires for primary phases with none this year, never for secondaries", () => {
    const none = year({ wcetPupils: 0 });
    expect(fired(only("no_wcet"), music({ thisYear: none }))).toEqual(["no_wcet"]);
    expect(fired(only("no_wcet"), music({ thisYear: year({ wcetPupils: null }) }))).toEqual(["no_wcet"]);
    expect(fired(only("no_wcet"), music({ phase: "secondary", thisYear: none }))).toEqual([]);
  });

  it("falling participation compares instrument learners with last year", () => {
    const from = (before: number | null, now: number | null) =>
      music({ thisYear: year({ instrumentPupils: now }), lastYear: year({ instrumentPupils: before }) });
    expect(fired(only("participation_falling", 20), from(50, 40))).toEqual(["participation_falling"]);
    expect(fired(only("participation_falling", 20), from(50, 41))).toEqual([]);
    expect(fired(only("participation_falling", 20), from(null, 10))).toEqual([]);
    expect(fired(only("participation_falling", 20), from(0, 0))).toEqual([]);
  });

  it("visit criteria are left out when no visit data is supplied, and tested when it is", () => {
    const config = only("no_recent_visit", 24);
    expect(suggestRating(config, music()).criteria).toEqual([]);
    const visits = (lastVisitOn: string | null) => ({
      visits: { lastVisitOn, openPriorityNextSteps: 0, today: "2026-12-02" },
    });
    expect(fired(config, visits("2024-12-01"))).toEqual(["no_recent_visit"]);
    expect(fired(config, visits("2025-01-10"))).toEqual([]);
    expect(fired(config, visits(null))).toEqual(["no_recent_visit"]);
  });

  it("disabled criteria never fire", () => {
    const config: RagCriteriaConfig = {
      ...DEFAULT_RAG_CONFIG,
      criteria: [{ id: "no_music_data", enabled: false, threshold: null }],
    };
    expect(suggestRating(config, music({ thisYear: null })).criteria).toEqual([]);
  });
});

describe("RAG suggestion rating", () => {
  it("red at redAt fired criteria, amber at amberAt, green below", () => {
    expect(ratingFor(0, { redAt: 2, amberAt: 1 })).toBe("green");
    expect(ratingFor(1, { redAt: 2, amberAt: 1 })).toBe("amber");
    expect(ratingFor(2, { redAt: 2, amberAt: 1 })).toBe("red");
    expect(ratingFor(2, { redAt: 3, amberAt: 2 })).toBe("amber");
  });

  it("combines the criteria: one fired is amber, two red (default config)", () => {
    const one = music({ thisYear: year({ sdpMusic: false }) });
    expect(suggestRating(DEFAULT_RAG_CONFIG, one).rating).toBe("amber");
    const two = music({ thisYear: year({ sdpMusic: false, wcetPupils: 0 }) });
    expect(suggestRating(DEFAULT_RAG_CONFIG, two)).toMatchObject({ rating: "red" });
    expect(fired(DEFAULT_RAG_CONFIG, two)).toEqual(["music_not_in_sdp", "no_wcet"]);
  });
});
