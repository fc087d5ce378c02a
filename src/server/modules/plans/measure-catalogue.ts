import { NOT_AVAILABLE_YET } from "../../../shared/schemas/plans";
import type { MeasureInput, MeasureValue, PlanMeasure } from "../../platform/measures";
import { cpdMeasures } from "../cpd/cpd.measures";
import { engagementMeasures } from "../engagement/engagement.measures";
import { leadSchoolMeasures } from "../lead-schools/lead-schools.measures";
import { qualityMarkMeasures } from "../quality-mark/quality-mark.measures";
import { schoolsMeasures } from "../schools/schools.measures";

/**
 * The measures a plan's targets can be bound to (issue 14, decision 029). Two lists:
 * - OFFERED: the ONE list of what the catalogue offers (id, label, definition), whether or not
 *   a capability computes it yet;
 * - IMPLEMENTED: the `PlanMeasure`s the capabilities export from `<module>.measures.ts`.
 * An offered measure with no implementation is `available: false` and reads "not available
 * yet", never a made-up number. Adding a capability's measures is one import and one line below.
 */
export const IMPLEMENTED: readonly PlanMeasure[] = [
  ...schoolsMeasures,
  ...engagementMeasures,
  ...leadSchoolMeasures,
  ...cpdMeasures,
  ...qualityMarkMeasures,
];

export type OfferedMeasure = Pick<PlanMeasure, "id" | "label" | "definition" | "unit">;

export const OFFERED: readonly OfferedMeasure[] = [
  {
    id: "schools_communicated_share",
    label: "Schools communicated with this year",
    definition:
      "Open schools the hub has been in touch with this academic year through Tutti (a visit held, or an e-mail to one of the school's contacts), as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "schools_visited_share",
    label: "Schools visited this year",
    definition:
      "Open schools with a visit this academic year whose report has been approved, as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "schools_visited_primary_share",
    label: "Primary schools visited this year",
    definition:
      "Open primary schools with a visit this academic year whose report has been approved, as a share of them.",
    unit: "share",
  },
  {
    id: "schools_visited_secondary_share",
    label: "Secondary schools visited this year",
    definition:
      "Open secondary schools with a visit this academic year whose report has been approved, as a share of them.",
    unit: "share",
  },
  {
    id: "schools_visited_two_years_share",
    label: "Schools visited in two years",
    definition:
      "Open schools with a visit with an approved report this academic year or the one before, as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "music_development_plan_share",
    label: "Schools with a music development plan on record",
    definition:
      "Open schools whose music development plan the hub holds, as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "schools_rag_rated_share",
    label: "Schools with a RAG rating",
    definition: "Open schools with a current RAG rating, as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "music_in_sdp_share",
    label: "Schools with music in their school development plan",
    definition:
      "Open schools whose music data for this academic year says music is in the school development plan, as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "wcet_year_group_share",
    label: "WCET / First Access pupils as a share of the year group",
    definition:
      "Pupils in whole-class ensemble tuition as a share of the pupils in the year groups taught. Needs the size of each year group, which the register does not hold yet.",
    unit: "share",
  },
  {
    id: "continuation_rate",
    label: "Continuation after whole-class tuition",
    definition:
      "Pupils continuing to learn after whole-class ensemble tuition, as a share of WCET pupils, over the schools that gave both figures for this academic year.",
    unit: "share",
  },
  {
    id: "cpd_schools_reached_share",
    label: "Schools booked on CPD",
    definition:
      "Open schools with at least one booking on the hub's CPD this academic year, as a share of the hub's open schools.",
    unit: "share",
  },
  {
    id: "lead_school_focus_coverage",
    label: "Lead School focus-area coverage",
    definition: "Focus areas with at least one appointed Lead School, as a share of the seven focus areas.",
    unit: "share",
  },
  {
    id: "quality_mark_cohort_applied_share",
    label: "Quality mark applications in the cohort",
    definition: "Schools of the current quality-mark cohort that have applied, as a share of the cohort.",
    unit: "share",
  },
  {
    id: "good_practice_shared_share",
    label: "Good practice shared with schools",
    definition:
      "Open schools that good practice has been shared with this academic year, as a share of the hub's open schools.",
    unit: "share",
  },
];

const implementations = new Map(IMPLEMENTED.map((m) => [m.id, m]));

export type CatalogueEntry = OfferedMeasure & { available: boolean };

/**
 * The catalogue: every offered measure (available when a capability computes it), then any
 * implemented measure not offered above. An implementation's own definition wins: it is the
 * one written beside its query.
 */
export const measureCatalogue = (): CatalogueEntry[] => {
  const offered = OFFERED.map((o) => {
    const impl = implementations.get(o.id);
    return impl
      ? { id: o.id, label: impl.label, definition: impl.definition, unit: impl.unit, available: true }
      : { ...o, available: false };
  });
  const extra = IMPLEMENTED.filter((m) => !OFFERED.some((o) => o.id === m.id)).map((m) => ({
    id: m.id,
    label: m.label,
    definition: m.definition,
    unit: m.unit,
    available: true,
  }));
  return [...offered, ...extra];
};

export const catalogueEntry = (id: string): CatalogueEntry | undefined =>
  measureCatalogue().find((m) => m.id === id);

/** The value of a measure now, or null when no capability computes it yet. */
export const computeMeasure = (id: string, input: MeasureInput): Promise<MeasureValue> | null =>
  implementations.get(id)?.compute(input) ?? null;

/** A value in words: "42% (21 of 50)" for a share, the number for a count. */
export const measureText = (unit: "share" | "count", v: MeasureValue | null): string => {
  if (!v) return NOT_AVAILABLE_YET;
  if (unit === "count") return v.value.toLocaleString("en-GB");
  const pct = `${Math.round(v.value * 1000) / 10}%`;
  return v.denominator !== undefined ? `${pct} (${v.numerator ?? 0} of ${v.denominator})` : pct;
};
