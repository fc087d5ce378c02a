import { FOCUS_AREA_LABELS, FOCUS_AREAS, type FocusArea } from "./focus-areas";

/**
 * The settings a Lead School can represent. The register stores them in `schools.phase`
 * (rules/phase.ts): special schools and alternative provision are phases there (GIAS records
 * them as establishment types), an all-through school counts as primary AND secondary.
 */
export const SETTINGS = ["primary", "secondary", "specialist"] as const;
export type Setting = (typeof SETTINGS)[number];
export const SETTING_LABELS: Record<Setting, string> = {
  primary: "Primary",
  secondary: "Secondary",
  specialist: "Special / AP",
};

const BY_PHASE: Record<string, readonly Setting[]> = {
  primary: ["primary"],
  middle_primary: ["primary"],
  secondary: ["secondary"],
  middle_secondary: ["secondary"],
  sixteen_plus: ["secondary"],
  all_through: ["primary", "secondary"],
  special: ["specialist"],
  alternative_provision: ["specialist"],
};

/** The settings of a register phase (nursery and "not applicable" count as none). */
export const settingsOf = (phase: string): readonly Setting[] => BY_PHASE[phase] ?? [];

/** One Lead School as the rule sees it. */
export type CoverageLead = {
  urn: number;
  name: string;
  phase: string;
  areaId: string | null;
  laCode: string;
  focusAreas: readonly FocusArea[];
};

/** What the hub covers: its areas and local authorities (the gaps are counted over these). */
export type CoverageScope = {
  areas: readonly { id: string; name: string }[];
  las: readonly { code: string; name: string | null }[];
};

export const GAP_KINDS = [
  "focus_area",
  "area_primary",
  "area_secondary",
  "specialist",
  "la_primary",
  "la_secondary",
  "la_specialist",
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export type CoverageGap = {
  kind: GapKind;
  focusArea?: FocusArea;
  /** The area's name. */
  area?: string;
  areaId?: string;
  laCode?: string;
  message: string;
};

export type MatrixLead = { urn: number; name: string };
export type MatrixCell = { primary: MatrixLead[]; secondary: MatrixLead[]; specialist: MatrixLead[] };
export type MatrixRow = {
  focusArea: FocusArea;
  label: string;
  /** One cell per area of the hub (same order as `areas`), then schools with no area when any. */
  cells: MatrixCell[];
  total: number;
};

export type CoverageResult = {
  leads: number;
  /** Columns of the matrix: the hub's areas, plus "No area" when a Lead School has none. */
  areas: { id: string | null; name: string }[];
  matrix: MatrixRow[];
  gaps: CoverageGap[];
};

export const NO_AREA_NAME = "No area";

const laLabel = (la: { code: string; name: string | null }) =>
  la.name ? `${la.name} (${la.code})` : la.code;

const emptyCell = (): MatrixCell => ({ primary: [], secondary: [], specialist: [] });

/**
 * The coverage of a set of Lead Schools: the matrix (focus areas × areas × setting) and the gaps,
 * in words. Gaps, in this order: a focus area no Lead School exemplifies; an area with no
 * primary / secondary Lead School; no special or AP Lead School hub-wide; a local authority with
 * no primary / secondary / special-or-AP Lead School. No gaps → `[]`.
 */
export const leadSchoolCoverage = (leads: readonly CoverageLead[], scope: CoverageScope): CoverageResult => {
  const columns: { id: string | null; name: string }[] = scope.areas.map((a) => ({ id: a.id, name: a.name }));
  const areaIds = new Set(scope.areas.map((a) => a.id));
  if (leads.some((l) => l.areaId === null || !areaIds.has(l.areaId)))
    columns.push({ id: null, name: NO_AREA_NAME });
  const column = new Map<string | null, number>(columns.map((c, i) => [c.id, i]));
  const columnOf = (areaId: string | null) =>
    column.get(areaId !== null && areaIds.has(areaId) ? areaId : null) ?? 0;

  const matrix: MatrixRow[] = FOCUS_AREAS.map((fa) => ({
    focusArea: fa,
    label: FOCUS_AREA_LABELS[fa],
    cells: columns.map(emptyCell),
    total: 0,
  }));
  const rowOf = new Map(matrix.map((r) => [r.focusArea, r]));
  const areaSettings = new Map<string, Set<Setting>>();
  const laSettings = new Map<string, Set<Setting>>();
  let specialistHubWide = false;

  for (const lead of leads) {
    const settings = settingsOf(lead.phase);
    const entry = { urn: lead.urn, name: lead.name };
    for (const fa of new Set(lead.focusAreas)) {
      const row = rowOf.get(fa);
      if (!row) continue;
      row.total++;
      const cell = row.cells[columnOf(lead.areaId)];
      if (cell) for (const s of settings) cell[s].push(entry);
    }
    if (lead.focusAreas.length === 0) continue; // a Lead School leads at least one focus area
    if (lead.areaId !== null) {
      const set = areaSettings.get(lead.areaId) ?? new Set<Setting>();
      for (const s of settings) set.add(s);
      areaSettings.set(lead.areaId, set);
    }
    const la = laSettings.get(lead.laCode) ?? new Set<Setting>();
    for (const s of settings) la.add(s);
    laSettings.set(lead.laCode, la);
    if (settings.includes("specialist")) specialistHubWide = true;
  }
  for (const row of matrix)
    for (const cell of row.cells)
      for (const s of SETTINGS) cell[s].sort((a, b) => a.name.localeCompare(b.name) || a.urn - b.urn);

  const gaps: CoverageGap[] = [];
  for (const row of matrix)
    if (row.total === 0)
      gaps.push({
        kind: "focus_area",
        focusArea: row.focusArea,
        message: `No Lead School leads ${row.label.toLowerCase()}.`,
      });
  for (const area of scope.areas) {
    const set = areaSettings.get(area.id);
    if (!set?.has("primary"))
      gaps.push({
        kind: "area_primary",
        area: area.name,
        areaId: area.id,
        message: `${area.name} has no primary Lead School.`,
      });
    if (!set?.has("secondary"))
      gaps.push({
        kind: "area_secondary",
        area: area.name,
        areaId: area.id,
        message: `${area.name} has no secondary Lead School.`,
      });
  }
  if (!specialistHubWide)
    gaps.push({
      kind: "specialist",
      message: "No special school or alternative provision is a Lead School.",
    });
  for (const la of scope.las) {
    const set = laSettings.get(la.code);
    const name = laLabel(la);
    if (!set?.has("primary"))
      gaps.push({ kind: "la_primary", laCode: la.code, message: `${name} has no primary Lead School.` });
    if (!set?.has("secondary"))
      gaps.push({ kind: "la_secondary", laCode: la.code, message: `${name} has no secondary Lead School.` });
    if (!set?.has("specialist"))
      gaps.push({
        kind: "la_specialist",
        laCode: la.code,
        message: `${name} has no special school or alternative provision as a Lead School.`,
      });
  }
  return { leads: leads.length, areas: columns, matrix, gaps };
};

const gapKey = (g: CoverageGap) => `${g.kind}|${g.focusArea ?? ""}|${g.areaId ?? ""}|${g.laCode ?? ""}`;

export type WhatIf = {
  /** Gaps the candidate would close. */
  closes: CoverageGap[];
  /** Gaps that would remain. */
  remaining: CoverageGap[];
  /** The matrix cells the candidate would fill for the first time: focus area, area, setting. */
  newCells: { focusArea: FocusArea; area: string; setting: Setting }[];
  /** One sentence for the panel. */
  summary: string;
};

/**
 * How appointing `candidate` (with the focus areas it would lead) would change the coverage of
 * `leads`: which gaps it closes, which remain and which empty cells of the matrix it fills. A
 * candidate already among the leads (same URN) replaces its entry.
 */
export const coverageWhatIf = (
  leads: readonly CoverageLead[],
  scope: CoverageScope,
  candidate: CoverageLead,
  before: CoverageResult = leadSchoolCoverage(leads, scope),
): WhatIf => {
  const after = leadSchoolCoverage([...leads.filter((l) => l.urn !== candidate.urn), candidate], scope);
  const afterKeys = new Set(after.gaps.map(gapKey));
  const closes = before.gaps.filter((g) => !afterKeys.has(gapKey(g)));
  const colName = new Map(after.areas.map((c, i) => [i, c.name]));
  const beforeCol = new Map(before.areas.map((c, i) => [c.id, i]));
  const newCells: WhatIf["newCells"] = [];
  after.matrix.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      const id = after.areas[c]?.id ?? null;
      const bi = beforeCol.get(id);
      const old = bi === undefined ? undefined : before.matrix[r]?.cells[bi];
      for (const s of SETTINGS)
        if (cell[s].length > 0 && (old?.[s].length ?? 0) === 0)
          newCells.push({ focusArea: row.focusArea, area: colName.get(c) ?? NO_AREA_NAME, setting: s });
    });
  });
  const summary =
    closes.length === 0
      ? `${candidate.name} would close no gap.`
      : `${candidate.name} would close ${closes.length} ${closes.length === 1 ? "gap" : "gaps"}: ${closes
          .map((g) => g.message.replace(/\.$/, ""))
          .join("; ")}.`;
  return { closes, remaining: after.gaps, newCells, summary };
};

/** The share of the seven focus areas led by at least one of `leads` (the plan measure). */
export const focusAreaShare = (leads: readonly { focusAreas: readonly string[] }[]) => {
  const led = new Set(leads.flatMap((l) => l.focusAreas));
  const covered = FOCUS_AREAS.filter((fa) => led.has(fa)).length;
  return {
    value: Math.round((covered / FOCUS_AREAS.length) * 1000) / 1000,
    numerator: covered,
    denominator: FOCUS_AREAS.length,
  };
};
