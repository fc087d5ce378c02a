import { academicYearOf } from "../../../shared/rules/academic-year";
import type { PlanMeasure } from "../../platform/measures";
import { cohortApplied } from "./figures.service";

/** The quality mark's plan measures (issue 14 gathers every capability's). */
export const qualityMarkMeasures: PlanMeasure[] = [
  {
    id: "quality_mark_cohort_applied_share",
    label: "Schools that applied for the quality mark",
    definition:
      "Of the hub's open schools, the share that submitted a quality mark application in the academic year of the day (drafts do not count).",
    unit: "share",
    capability: "quality_mark",
    compute: async ({ db, hubId, on }) => {
      const r = await cohortApplied(db, hubId, academicYearOf(new Date(`${on}T00:00:00Z`)));
      return { value: r.share, numerator: r.applied, denominator: r.cohort };
    },
  },
];
