import type { FieldProblem } from "../schemas/common";
import { MUSIC_FIGURES, type MusicFigureKey, type MusicFigures } from "../schemas/schools";

/** Short names used in messages ("Pupils in WCET (412) cannot be more than pupils on roll (380)"). */
export const MUSIC_FIGURE_NAMES: Record<MusicFigureKey, string> = {
  wcetPupils: "Pupils in WCET",
  wcetTerms: "Terms of WCET",
  continuingPupils: "Pupils continuing after WCET",
  instrumentPupils: "Pupils learning an instrument",
  ensemblePupils: "Pupils in ensembles",
  singingPupils: "Pupils singing regularly",
  gcseEntries: "GCSE music entries",
  btecEntries: "BTEC music entries",
  alevelEntries: "A-level music entries",
  sendPupilsEngaged: "SEND pupils engaged",
  fsmPupilsEngaged: "FSM pupils engaged",
  curriculumMinutesKs1: "Curriculum music minutes a week at KS1",
  curriculumMinutesKs2: "Curriculum music minutes a week at KS2",
  curriculumMinutesKs3: "Curriculum music minutes a week at KS3",
  curriculumMinutesKs4: "Curriculum music minutes a week at KS4",
};

export const MUSIC_FIGURE_KEYS: readonly MusicFigureKey[] = MUSIC_FIGURES.map((f) => f.key);

const value = (figures: MusicFigures, key: MusicFigureKey): number | null => figures[key] ?? null;

/**
 * The problems with one school's figures for one year, each with the figure's key as its path:
 * a count cannot exceed the pupils on roll (when known), continuing pupils cannot exceed pupils
 * in WCET, and terms and minutes have fixed ceilings. Empty when all is well.
 */
export const checkMusicFigures = (figures: MusicFigures, pupilsOnRoll: number | null): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  for (const figure of MUSIC_FIGURES) {
    const v = value(figures, figure.key);
    if (v === null) continue;
    const name = MUSIC_FIGURE_NAMES[figure.key];
    if (figure.max === "pupils") {
      if (pupilsOnRoll !== null && v > pupilsOnRoll)
        problems.push({
          path: figure.key,
          message: `${name} (${v}) cannot be more than pupils on roll (${pupilsOnRoll})`,
        });
    } else if (v > figure.max) {
      problems.push({ path: figure.key, message: `${name} (${v}) cannot be more than ${figure.max}` });
    }
  }
  const wcet = value(figures, "wcetPupils");
  const continuing = value(figures, "continuingPupils");
  if (
    wcet !== null &&
    continuing !== null &&
    continuing > wcet &&
    !problems.some((p) => p.path === "continuingPupils")
  )
    problems.push({
      path: "continuingPupils",
      message: `Pupils continuing after WCET (${continuing}) cannot be more than pupils in WCET (${wcet})`,
    });
  return problems;
};
