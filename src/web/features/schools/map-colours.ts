import type { SchoolMapResponse } from "../../../shared/schemas/schools";
import { formatNumber } from "../../lib/format";
import { phaseLabel } from "./school-filters";

export type MapPoint = SchoolMapResponse["points"][number];

export const COLOUR_OPTIONS = [
  { value: "phase", label: "Phase" },
  { value: "area", label: "Area" },
  { value: "percentFsm", label: "% FSM" },
  { value: "pupils", label: "Pupils on roll" },
  { value: "wcetPupils", label: "Pupils in WCET / First Access" },
  { value: "singingPupils", label: "Pupils singing regularly" },
  { value: "instrumentPupils", label: "Pupils learning an instrument" },
] as const;
export type ColourBy = (typeof COLOUR_OPTIONS)[number]["value"];
export const isColourBy = (value: string | null): value is ColourBy =>
  COLOUR_OPTIONS.some((o) => o.value === value);
export const colourLabel = (colour: ColourBy): string =>
  COLOUR_OPTIONS.find((o) => o.value === colour)?.label ?? colour;
/** Colourings that read the music data of one academic year. */
export const needsYear = (colour: ColourBy): boolean =>
  colour === "wcetPupils" || colour === "singingPupils" || colour === "instrumentPupils";

/** Okabe–Ito, then two more: distinguishable with the common colour-vision deficiencies. */
const CATEGORICAL = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#1F1F1F",
  "#8C8C8C",
  "#6A3D9A",
];
const SEQUENTIAL = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
export const MISSING_COLOUR = "#ffffff";

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
  count: number;
}

export interface Colouring {
  colourOf: (p: MapPoint) => string;
  /** A short text for the dot's name, e.g. "Primary" or "45.2% FSM". */
  describe: (p: MapPoint) => string;
  legend: LegendEntry[];
}

const formatValue = (colour: ColourBy, value: number): string =>
  colour === "percentFsm" ? `${value.toFixed(1)}%` : formatNumber(value);

export const describeValue = (colour: ColourBy, p: MapPoint): string => {
  if (colour === "phase") return phaseLabel(p.phase);
  if (colour === "area") return p.areaName ?? "No area";
  return p.value === null ? "no figure" : formatValue(colour, p.value);
};

export const buildColouring = (colour: ColourBy, points: readonly MapPoint[]): Colouring => {
  if (colour === "phase" || colour === "area") {
    const keyOf = (p: MapPoint) => (colour === "phase" ? p.phase : (p.areaName ?? ""));
    const labelOf = (p: MapPoint) => (colour === "phase" ? phaseLabel(p.phase) : (p.areaName ?? "No area"));
    const counts = new Map<string, { label: string; count: number }>();
    for (const p of points) {
      const key = keyOf(p);
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { label: labelOf(p), count: 1 });
    }
    const keys = [...counts.keys()].sort((a, b) =>
      (counts.get(a)?.label ?? "").localeCompare(counts.get(b)?.label ?? "", "en-GB"),
    );
    const colours = new Map(keys.map((k, i) => [k, CATEGORICAL[i % CATEGORICAL.length] ?? "#1F1F1F"]));
    return {
      colourOf: (p) => colours.get(keyOf(p)) ?? "#1F1F1F",
      describe: labelOf,
      legend: keys.map((key) => ({
        key,
        label: counts.get(key)?.label ?? key,
        colour: colours.get(key) ?? "#1F1F1F",
        count: counts.get(key)?.count ?? 0,
      })),
    };
  }
  // A figure: five bins at the quantiles of the known values.
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value])).sort((a, b) => a - b);
  const thresholds: number[] = [];
  for (let i = 1; i < SEQUENTIAL.length; i++) {
    const v = values[Math.floor((i * values.length) / SEQUENTIAL.length)];
    if (v !== undefined && !thresholds.includes(v) && v > (values[0] ?? 0)) thresholds.push(v);
  }
  const binOf = (value: number): number => {
    let bin = 0;
    while (bin < thresholds.length && value >= (thresholds[bin] ?? Number.POSITIVE_INFINITY)) bin++;
    return bin;
  };
  const palette = SEQUENTIAL.slice(SEQUENTIAL.length - thresholds.length - 1);
  const counts = new Array<number>(thresholds.length + 1).fill(0);
  let missing = 0;
  for (const p of points) {
    if (p.value === null) missing++;
    else counts[binOf(p.value)] = (counts[binOf(p.value)] ?? 0) + 1;
  }
  const min = values[0];
  const max = values[values.length - 1];
  const legend: LegendEntry[] =
    min === undefined || max === undefined
      ? []
      : counts.map((count, bin) => {
          const low = bin === 0 ? min : (thresholds[bin - 1] ?? min);
          const high = bin < thresholds.length ? (thresholds[bin] ?? max) : max;
          const label =
            bin < thresholds.length
              ? `${formatValue(colour, low)} to under ${formatValue(colour, high)}`
              : `${formatValue(colour, low)} to ${formatValue(colour, high)}`;
          return { key: `bin-${bin}`, label, colour: palette[bin] ?? "#08519c", count };
        });
  if (missing > 0)
    legend.push({ key: "missing", label: "No figure", colour: MISSING_COLOUR, count: missing });
  return {
    colourOf: (p) => (p.value === null ? MISSING_COLOUR : (palette[binOf(p.value)] ?? "#08519c")),
    describe: (p) => describeValue(colour, p),
    legend,
  };
};
