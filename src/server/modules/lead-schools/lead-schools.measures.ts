import { focusAreaShare } from "../../../shared/rules/lead-school-coverage";
import type { PlanMeasure } from "../../platform/measures";
import { leadSchoolsRepository } from "./lead-schools.repository";

/** The plan measures of Lead Schools (issue 14). */
export const leadSchoolMeasures: PlanMeasure[] = [
  {
    id: "lead_school_focus_coverage",
    label: "Focus areas led by Lead Schools",
    definition:
      "The share of the seven focus areas that at least one Lead School in office on the day leads.",
    unit: "share",
    capability: "lead_schools",
    compute: async ({ db, hubId, on }) =>
      focusAreaShare(await leadSchoolsRepository(db).leadsInOffice(hubId, on)),
  },
  {
    id: "lead_schools_in_office",
    label: "Lead Schools in office",
    definition: "How many schools are Lead Schools in office on the day.",
    unit: "count",
    capability: "lead_schools",
    compute: async ({ db, hubId, on }) => ({
      value: new Set((await leadSchoolsRepository(db).leadsInOffice(hubId, on)).map((l) => l.schoolId)).size,
    }),
  },
];
