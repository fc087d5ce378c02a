import { z } from "zod";

// Coverage per programme phase (issue 10 item 6: "per phase"): which of a phase's schools have
// been visited during the phase (a visit dated within its dates with an approved report).

const Group = z.object({ schools: z.number(), visited: z.number() });

export const PhaseCoverageSchool = z.object({
  urn: z.number(),
  name: z.string(),
  area: z.string(),
  linkOfficer: z.string(),
  /** The latest visit within the phase with an approved report, or null. */
  visitedOn: z.string().nullable(),
  /** The next scheduled visit from today to the phase's end, or null. */
  nextVisit: z.string().nullable(),
});
export type PhaseCoverageSchool = z.infer<typeof PhaseCoverageSchool>;

export const PhaseCoverage = z.object({
  phase: z.object({
    id: z.uuid(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    state: z.enum(["upcoming", "current", "past"]),
  }),
  schools: z.number(),
  visited: z.number(),
  /** visited / schools, 0..1 rounded to three places. */
  share: z.number(),
  byArea: z.array(Group.extend({ area: z.string() })),
  byLinkOfficer: z.array(Group.extend({ linkOfficer: z.string() })),
  /** Every school of the phase, those not yet visited first, then by name. */
  schoolList: z.array(PhaseCoverageSchool),
});
export type PhaseCoverage = z.infer<typeof PhaseCoverage>;

/** The coverage figures grouped by programme phase, newest phase first. */
export const PhasesCoverageRow = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(["upcoming", "current", "past"]),
  schools: z.number(),
  visited: z.number(),
  share: z.number(),
});
export type PhasesCoverageRow = z.infer<typeof PhasesCoverageRow>;
