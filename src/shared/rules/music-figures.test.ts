import { describe, expect, it } from "vitest";
import { checkMusicFigures, MUSIC_FIGURE_KEYS, MUSIC_FIGURE_NAMES } from "./music-figures";

describe("checkMusicFigures", () => {
  it("accepts sensible figures and empty ones", () => {
    expect(
      checkMusicFigures({ wcetPupils: 60, continuingPupils: 20, wcetTerms: 3, fsmPupilsEngaged: 30 }, 380),
    ).toEqual([]);
    expect(checkMusicFigures({}, null)).toEqual([]);
    expect(checkMusicFigures({ wcetPupils: null, continuingPupils: 5 }, 100)).toEqual([]);
  });

  it("refuses counts above pupils on roll, with the figure's key as the path", () => {
    expect(checkMusicFigures({ wcetPupils: 412, fsmPupilsEngaged: 381 }, 380)).toEqual([
      { path: "wcetPupils", message: "Pupils in WCET (412) cannot be more than pupils on roll (380)" },
      {
        path: "fsmPupilsEngaged",
        message: "FSM pupils engaged (381) cannot be more than pupils on roll (380)",
      },
    ]);
  });

  it("does not check against pupils on roll when they are not known", () => {
    expect(checkMusicFigures({ wcetPupils: 412 }, null)).toEqual([]);
  });

  it("refuses more continuing pupils than pupils in WCET", () => {
    expect(checkMusicFigures({ wcetPupils: 40, continuingPupils: 50 }, 300)).toEqual([
      {
        path: "continuingPupils",
        message: "Pupils continuing after WCET (50) cannot be more than pupils in WCET (40)",
      },
    ]);
  });

  it("caps terms of WCET at 12 and weekly minutes at 600", () => {
    expect(checkMusicFigures({ wcetTerms: 13, curriculumMinutesKs2: 601 }, 20)).toEqual([
      { path: "wcetTerms", message: "Terms of WCET (13) cannot be more than 12" },
      {
        path: "curriculumMinutesKs2",
        message: "Curriculum music minutes a week at KS2 (601) cannot be more than 600",
      },
    ]);
  });

  it("names every figure", () => {
    for (const key of MUSIC_FIGURE_KEYS) expect(MUSIC_FIGURE_NAMES[key]).toBeTruthy();
  });
});
