import { describe, expect, it } from "vitest";
import { FOCUS_AREAS, type FocusArea } from "./focus-areas";
import {
  type CoverageLead,
  type CoverageScope,
  coverageWhatIf,
  focusAreaShare,
  leadSchoolCoverage,
  settingsOf,
} from "./lead-school-coverage";
import { leadSchoolEligibility } from "./lead-school-eligibility";

const scope: CoverageScope = {
  areas: [
    { id: "n", name: "North" },
    { id: "s", name: "South" },
  ],
  las: [{ code: "931", name: "Northshire" }],
};

let urn = 100;
const lead = (
  phase: string,
  areaId: string | null,
  focusAreas: FocusArea[],
  laCode = "931",
): CoverageLead => ({
  urn: ++urn,
  name: `School ${urn}`,
  phase,
  areaId,
  laCode,
  focusAreas,
});

const kinds = (leads: CoverageLead[]) => leadSchoolCoverage(leads, scope).gaps.map((g) => g.kind);

/** A full set: every focus area, both settings in both areas, a special school. */
const complete = (): CoverageLead[] => [
  lead("primary", "n", ["assessment", "notation"]),
  lead("secondary", "n", ["composition_improvisation", "transition"]),
  lead("primary", "s", ["singing_in_parts"]),
  lead("secondary", "s", ["extra_curricular"]),
  lead("special", "s", ["inclusive"]),
];

describe("settings", () => {
  it("reads the register's phase: all-through is both, special and AP are specialist, nursery none", () => {
    expect(settingsOf("all_through")).toEqual(["primary", "secondary"]);
    expect(settingsOf("middle_primary")).toEqual(["primary"]);
    expect(settingsOf("middle_secondary")).toEqual(["secondary"]);
    expect(settingsOf("special")).toEqual(["specialist"]);
    expect(settingsOf("alternative_provision")).toEqual(["specialist"]);
    expect(settingsOf("nursery")).toEqual([]);
  });
});

describe("leadSchoolCoverage", () => {
  it("with no Lead Schools lists every gap, in words", () => {
    const { gaps } = leadSchoolCoverage([], scope);
    expect(gaps.filter((g) => g.kind === "focus_area")).toHaveLength(7);
    expect(gaps.map((g) => g.kind).slice(7)).toEqual([
      "area_primary",
      "area_secondary",
      "area_primary",
      "area_secondary",
      "specialist",
      "la_primary",
      "la_secondary",
      "la_specialist",
    ]);
    expect(gaps).toContainEqual({
      kind: "focus_area",
      focusArea: "notation",
      message: "No Lead School leads notation.",
    });
    expect(gaps).toContainEqual({
      kind: "area_secondary",
      area: "South",
      areaId: "s",
      message: "South has no secondary Lead School.",
    });
    expect(gaps).toContainEqual({
      kind: "la_specialist",
      laCode: "931",
      message: "Northshire (931) has no special school or alternative provision as a Lead School.",
    });
  });

  it("finds no gap for a complete set", () => {
    expect(leadSchoolCoverage(complete(), scope).gaps).toEqual([]);
  });

  it("counts an all-through school as primary and secondary in its area and LA", () => {
    const leads = [
      lead("all_through", "n", [...FOCUS_AREAS]),
      lead("all_through", "s", ["assessment"]),
      lead("alternative_provision", null, ["inclusive"]),
    ];
    expect(kinds(leads)).toEqual([]);
  });

  it("finds the area missing a secondary and the LA missing a specialist", () => {
    const leads = complete().filter((l) => !(l.phase === "secondary" && l.areaId === "s"));
    expect(kinds(leads)).toEqual(["focus_area", "area_secondary"]);
    const noSpecial = complete().filter((l) => l.phase !== "special");
    expect(kinds(noSpecial)).toEqual(["focus_area", "specialist", "la_specialist"]);
  });

  it("checks each local authority the hub covers", () => {
    const twoLas = { ...scope, las: [...scope.las, { code: "932", name: null }] };
    const gaps = leadSchoolCoverage(complete(), twoLas).gaps;
    expect(gaps.map((g) => [g.kind, g.laCode])).toEqual([
      ["la_primary", "932"],
      ["la_secondary", "932"],
      ["la_specialist", "932"],
    ]);
    expect(gaps[0]?.message).toBe("932 has no primary Lead School.");
  });

  it("a school with no focus area closes no gap (a Lead School leads at least one)", () => {
    expect(kinds([lead("primary", "n", [])])).toContain("area_primary");
  });

  it("fills the matrix by focus area, area and setting, with a 'No area' column when needed", () => {
    const leads = [lead("all_through", "n", ["notation"]), lead("special", null, ["notation", "inclusive"])];
    const r = leadSchoolCoverage(leads, scope);
    expect(r.areas.map((a) => a.name)).toEqual(["North", "South", "No area"]);
    const notation = r.matrix.find((m) => m.focusArea === "notation");
    expect(notation?.total).toBe(2);
    expect(notation?.cells[0]?.primary.map((l) => l.urn)).toEqual([leads[0]?.urn]);
    expect(notation?.cells[0]?.secondary.map((l) => l.urn)).toEqual([leads[0]?.urn]);
    expect(notation?.cells[2]?.specialist.map((l) => l.urn)).toEqual([leads[1]?.urn]);
    expect(r.matrix.find((m) => m.focusArea === "assessment")?.total).toBe(0);
  });
});

describe("coverageWhatIf", () => {
  it("tells the panel which gaps a candidate would close and which cells it would fill", () => {
    const leads = complete().filter((l) => l.phase !== "special");
    const candidate = lead("special", "n", ["inclusive", "notation"]);
    const w = coverageWhatIf(leads, scope, candidate);
    expect(w.closes.map((g) => g.kind)).toEqual(["focus_area", "specialist", "la_specialist"]);
    expect(w.remaining).toEqual([]);
    expect(w.newCells).toContainEqual({ focusArea: "inclusive", area: "North", setting: "specialist" });
    expect(w.newCells).toContainEqual({ focusArea: "notation", area: "North", setting: "specialist" });
    expect(w.summary).toMatch(/would close 3 gaps: No Lead School leads inclusive music making;/);
  });

  it("a candidate changing nothing closes no gap", () => {
    const leads = complete();
    const w = coverageWhatIf(leads, scope, lead("primary", "n", ["assessment"]));
    expect(w.closes).toEqual([]);
    expect(w.summary).toMatch(/would close no gap/);
    expect(w.newCells).toEqual([]);
  });

  it("a candidate already appointed replaces its own entry rather than counting twice", () => {
    const leads = complete();
    const first = leads[0];
    if (!first) throw new Error("no lead");
    const w = coverageWhatIf(leads, scope, { ...first, focusAreas: ["assessment"] });
    expect(w.remaining.map((g) => g.focusArea)).toEqual(["notation"]);
  });
});

describe("focusAreaShare", () => {
  it("is the share of the seven focus areas led", () => {
    expect(focusAreaShare([])).toEqual({ value: 0, numerator: 0, denominator: 7 });
    expect(focusAreaShare(complete())).toEqual({ value: 1, numerator: 7, denominator: 7 });
    expect(focusAreaShare([{ focusAreas: ["notation", "assessment"] }])).toEqual({
      value: 0.286,
      numerator: 2,
      denominator: 7,
    });
  });
});

describe("leadSchoolEligibility", () => {
  const docs = ["plan", "letter_slt", "letter_governors"] as const;
  const open = { status: "open", phase: "primary", trust: null };
  it("takes a complete primary application", () => {
    expect(
      leadSchoolEligibility({ school: open, focusAreas: ["notation"], ks4Provision: null, documents: docs }),
    ).toEqual({
      eligible: true,
      problems: [],
    });
  });
  it("refuses a secondary without KS4 music provision", () => {
    const r = leadSchoolEligibility({
      school: { ...open, phase: "secondary" },
      focusAreas: ["notation"],
      ks4Provision: false,
      documents: docs,
    });
    expect(r.eligible).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(["ks4"]);
  });
  it("lists missing documents, the trust's letter for an academy in a trust", () => {
    const r = leadSchoolEligibility({
      school: { ...open, trust: "Fictional Learning Trust" },
      focusAreas: [],
      ks4Provision: null,
      documents: ["letter_slt"],
    });
    expect(r.problems.map((p) => p.message)).toEqual([
      "Choose at least one focus area to lead.",
      "Upload the School Music Development Plan.",
      "Upload the letter of support from the governors.",
      "Upload the letter of support from the multi-academy trust.",
    ]);
  });
  it("refuses a closed school, a nursery and more than three focus areas", () => {
    const r = leadSchoolEligibility({
      school: { status: "closed", phase: "nursery", trust: null },
      focusAreas: ["notation", "assessment", "inclusive", "transition"],
      ks4Provision: null,
      documents: docs,
    });
    expect(r.problems.map((p) => p.code)).toEqual(["closed", "setting", "focus_areas"]);
  });
});
