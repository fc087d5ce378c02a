import type { FieldProblem } from "../schemas/common";
import { MUSIC_FIGURES, type MusicFigureKey, type MusicFigures } from "../schemas/schools";
import { MUSIC_FIGURE_NAMES } from "./music-figures";
import { isPhase, PHASE_LABELS, type Phase } from "./phase";

/** Key stages a phase teaches; KS5 is sixth form. */
type Stage = "ks1" | "ks2" | "ks3" | "ks4" | "ks5";
const ALL: readonly Stage[] = ["ks1", "ks2", "ks3", "ks4", "ks5"];

/**
 * The stages each phase teaches. Special, alternative provision and "not applicable" schools can
 * teach any age, so every figure applies to them; a nursery has no key stage figures at all.
 */
const STAGES: Record<Phase, readonly Stage[]> = {
  nursery: [],
  primary: ["ks1", "ks2"],
  middle_primary: ["ks2", "ks3"],
  middle_secondary: ["ks2", "ks3"],
  secondary: ["ks3", "ks4", "ks5"],
  all_through: ALL,
  sixteen_plus: ["ks5"],
  special: ALL,
  alternative_provision: ALL,
  not_applicable: ALL,
};

/** The stage a figure belongs to; figures not listed apply to every phase. */
const FIGURE_STAGE: Partial<Record<MusicFigureKey, Stage>> = {
  wcetPupils: "ks2",
  wcetTerms: "ks2",
  continuingPupils: "ks2",
  gcseEntries: "ks4",
  btecEntries: "ks4",
  alevelEntries: "ks5",
  curriculumMinutesKs1: "ks1",
  curriculumMinutesKs2: "ks2",
  curriculumMinutesKs3: "ks3",
  curriculumMinutesKs4: "ks4",
};

const stagesOf = (phase: string): readonly Stage[] => (isPhase(phase) ? STAGES[phase] : ALL);

/** Whether a figure is asked of a school of this phase (an unknown phase is asked everything). */
export const figureApplies = (key: MusicFigureKey, phase: string): boolean => {
  const stage = FIGURE_STAGE[key];
  return stage === undefined || stagesOf(phase).includes(stage);
};

/** The figures asked of a school of this phase, in the form's order. */
export const figuresForPhase = (phase: string): MusicFigureKey[] =>
  MUSIC_FIGURES.map((f) => f.key).filter((key) => figureApplies(key, phase));

const phaseWords = (phase: string): string =>
  isPhase(phase)
    ? `a${/^[aeiou]/i.test(PHASE_LABELS[phase]) ? "n" : ""} ${PHASE_LABELS[phase].toLowerCase()} school`
    : "this school";

/**
 * A problem for each figure given a value that does not apply to the school's phase
 * ("GCSE music entries do not apply to a primary school"). Empty values are fine.
 */
export const figuresNotForPhase = (figures: MusicFigures, phase: string): FieldProblem[] =>
  MUSIC_FIGURES.filter((f) => {
    const v = figures[f.key];
    return v !== null && v !== undefined && !figureApplies(f.key, phase);
  }).map((f) => ({
    path: f.key,
    message: `${MUSIC_FIGURE_NAMES[f.key]}: this figure does not apply to ${phaseWords(phase)}`,
  }));
