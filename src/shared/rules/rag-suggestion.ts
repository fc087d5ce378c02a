/**
 * The RAG suggestion: a pure rule over what Tutti holds about a school. Each criterion is an
 * id, a label, the data input it needs, and a pure test. The server gathers the inputs a hub's
 * enabled criteria need (one provider per input) and this rule says which criteria fire and
 * which rating that suggests. A person confirms or overrides the suggestion with a reason.
 */

export const RAG_RATINGS = ["red", "amber", "green"] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

/** One academic year's music figures of a school, as far as the criteria use them. */
export type MusicYearFacts = {
  sdpMusic: boolean | null;
  wcetPupils: number | null;
  instrumentPupils: number | null;
  curriculumMinutes: { ks1: number | null; ks2: number | null; ks3: number | null; ks4: number | null };
};

/** What each input provider supplies. `visits` has no provider yet (visits are being built). */
export type RagInputs = {
  musicData: { phase: string; thisYear: MusicYearFacts | null; lastYear: MusicYearFacts | null };
  visits: { lastVisitOn: string | null; openPriorityNextSteps: number; today: string };
};
export type RagInputName = keyof RagInputs;

export const RAG_CRITERION_IDS = [
  "no_music_data",
  "music_not_in_sdp",
  "curriculum_time_low",
  "no_wcet",
  "participation_falling",
  "no_recent_visit",
  "open_priority_next_steps",
] as const;
export type RagCriterionId = (typeof RAG_CRITERION_IDS)[number];

type Test<I extends RagInputName> = (input: RagInputs[I], threshold: number) => boolean;

export type RagCriterion<I extends RagInputName = RagInputName> = {
  id: RagCriterionId;
  input: I;
  /** What the threshold means (null: the criterion takes none). */
  threshold: { default: number; unit: string; min: number; max: number } | null;
  label: (threshold: number) => string;
  test: Test<I>;
};

/** A criterion over any one input. */
export type AnyRagCriterion = { [I in RagInputName]: RagCriterion<I> }[RagInputName];

const define = <I extends RagInputName>(c: RagCriterion<I>): RagCriterion<I> => c;

/** Runs a criterion's test on its input; undefined when the input was not supplied. */
const run = <I extends RagInputName>(
  c: RagCriterion<I>,
  inputs: Partial<RagInputs>,
  threshold: number,
): boolean | undefined => {
  const input = inputs[c.input];
  return input === undefined ? undefined : c.test(input as RagInputs[I], threshold);
};

/** Phases that teach Whole Class Ensemble Teaching (key stage 2). */
const WCET_PHASES = new Set(["primary", "middle_primary", "all_through", "special"]);

export const RAG_CRITERIA: readonly AnyRagCriterion[] = [
  define({
    id: "no_music_data",
    input: "musicData",
    threshold: null,
    label: () => "No music data this year",
    test: (d) => d.thisYear === null,
  }),
  define({
    id: "music_not_in_sdp",
    input: "musicData",
    threshold: null,
    label: () => "Music not in the school development plan",
    test: (d) => d.thisYear?.sdpMusic === false,
  }),
  define({
    id: "curriculum_time_low",
    input: "musicData",
    threshold: { default: 60, unit: "minutes a week", min: 0, max: 600 },
    label: (n) => `Curriculum time under ${n} minutes a week in a key stage`,
    test: (d, n) => {
      const m = d.thisYear?.curriculumMinutes;
      if (!m) return false;
      return [m.ks1, m.ks2, m.ks3, m.ks4].some((v) => v !== null && v < n);
    },
  }),
  define({
    id: "no_wcet",
    input: "musicData",
    threshold: null,
    label: () => "No whole-class ensemble teaching this year",
    test: (d) => d.thisYear !== null && WCET_PHASES.has(d.phase) && (d.thisYear.wcetPupils ?? 0) === 0,
  }),
  define({
    id: "participation_falling",
    input: "musicData",
    threshold: { default: 20, unit: "% fewer instrument learners than last year", min: 1, max: 100 },
    label: (n) => `Instrument learners down by ${n}% or more on last year`,
    test: (d, n) => {
      const before = d.lastYear?.instrumentPupils ?? null;
      const now = d.thisYear?.instrumentPupils ?? null;
      if (before === null || now === null || before <= 0) return false;
      return (before - now) * 100 >= before * n;
    },
  }),
  define({
    id: "no_recent_visit",
    input: "visits",
    threshold: { default: 24, unit: "months", min: 1, max: 120 },
    label: (n) => `No visit in ${n} months`,
    test: (d, n) => {
      if (d.lastVisitOn === null) return true;
      const [y, m] = d.today.split("-").map(Number);
      const [vy, vm] = d.lastVisitOn.split("-").map(Number);
      return ((y ?? 0) - (vy ?? 0)) * 12 + ((m ?? 0) - (vm ?? 0)) >= n;
    },
  }),
  define({
    id: "open_priority_next_steps",
    input: "visits",
    threshold: null,
    label: () => "Open priority next steps",
    test: (d) => d.openPriorityNextSteps > 0,
  }),
];

export const criterionById = (id: RagCriterionId): AnyRagCriterion | undefined =>
  RAG_CRITERIA.find((c) => c.id === id);

/** A hub's criteria: which are on, their thresholds, and how many fired criteria make red or amber. */
export type RagCriteriaConfig = {
  criteria: { id: RagCriterionId; enabled: boolean; threshold: number | null }[];
  /** Red when at least this many enabled criteria fire. */
  redAt: number;
  /** Amber when at least this many fire (and fewer than redAt). */
  amberAt: number;
};

export const DEFAULT_RAG_CONFIG: RagCriteriaConfig = {
  criteria: RAG_CRITERIA.map((c) => ({
    id: c.id,
    enabled: c.input === "musicData",
    threshold: c.threshold?.default ?? null,
  })),
  redAt: 2,
  amberAt: 1,
};

/** The hub's setting for a criterion, falling back on the default when the hub has none. */
export const settingFor = (config: RagCriteriaConfig, id: RagCriterionId) =>
  config.criteria.find((c) => c.id === id) ?? { id, enabled: false, threshold: null };

export type RagSuggestion = {
  rating: RagRating;
  criteria: { id: RagCriterionId; label: string; fired: boolean }[];
};

/** The rating a number of fired criteria suggests. */
export const ratingFor = (fired: number, config: Pick<RagCriteriaConfig, "redAt" | "amberAt">): RagRating =>
  fired >= config.redAt ? "red" : fired >= config.amberAt ? "amber" : "green";

/**
 * The suggestion for one school: every enabled criterion whose input was supplied is tested;
 * criteria whose input is missing (no provider yet) are left out.
 */
export const suggestRating = (config: RagCriteriaConfig, inputs: Partial<RagInputs>): RagSuggestion => {
  const criteria: RagSuggestion["criteria"] = [];
  for (const c of RAG_CRITERIA) {
    const setting = settingFor(config, c.id);
    if (!setting.enabled) continue;
    const threshold = setting.threshold ?? c.threshold?.default ?? 0;
    const fired = run<RagInputName>(c as RagCriterion, inputs, threshold);
    if (fired === undefined) continue;
    criteria.push({ id: c.id, label: c.label(threshold), fired });
  }
  return { rating: ratingFor(criteria.filter((c) => c.fired).length, config), criteria };
};
