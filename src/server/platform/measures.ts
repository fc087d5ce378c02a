import type { DbOrTx } from "../db/client";

/**
 * A measure the hub plan can bind a target to (issue 14). Each capability exports its own
 * measures from `<module>.measures.ts` as `PlanMeasure[]`; the plan's catalogue gathers them. A
 * measure is a pure query over the hub's own data: the same inputs give the same value.
 */
export type MeasureCapability = "schools" | "engagement" | "lead_schools" | "cpd" | "quality_mark" | "plan";

export type MeasureValue = {
  /** A share is 0..1; a count is a whole number. */
  value: number;
  /** For a share: how many of how many, shown beside the value ("312 of 520 schools"). */
  numerator?: number;
  denominator?: number;
};

export type MeasureInput = {
  db: DbOrTx;
  hubId: string;
  /** The day the value is for, YYYY-MM-DD (today, or a snapshot's day). */
  on: string;
};

export type PlanMeasure = {
  /** Stable code, e.g. `schools_visited_share`: plan targets store it. */
  id: string;
  label: string;
  /** Plain-language definition shown next to the value. */
  definition: string;
  unit: "share" | "count";
  capability: MeasureCapability;
  compute: (input: MeasureInput) => Promise<MeasureValue>;
};
