/**
 * School phase as Tutti uses it: GIAS's `PhaseOfEducation (name)`, plus "special" and
 * "alternative provision", which GIAS records as establishment types (a special school's phase
 * is often "Not applicable"), because hubs report and recruit for those settings separately.
 */
export const PHASES = [
  "nursery",
  "primary",
  "middle_primary",
  "secondary",
  "middle_secondary",
  "all_through",
  "sixteen_plus",
  "special",
  "alternative_provision",
  "not_applicable",
] as const;

export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  nursery: "Nursery",
  primary: "Primary",
  middle_primary: "Middle deemed primary",
  secondary: "Secondary",
  middle_secondary: "Middle deemed secondary",
  all_through: "All-through",
  sixteen_plus: "16 plus",
  special: "Special",
  alternative_provision: "Alternative provision",
  not_applicable: "Not applicable",
};

export const isPhase = (value: string): value is Phase => (PHASES as readonly string[]).includes(value);

/** Lower case, with hyphens, underscores and runs of white space made single spaces. */
const simplify = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[-_\s]+/g, " ")
    .trim();

const PHASE_BY_GIAS_NAME: ReadonlyMap<string, Phase> = new Map<string, Phase>([
  ["nursery", "nursery"],
  ["primary", "primary"],
  ["middle deemed primary", "middle_primary"],
  ["secondary", "secondary"],
  ["middle deemed secondary", "middle_secondary"],
  ["all through", "all_through"], // "All-through" today, "All through" in older extracts
  ["16 plus", "sixteen_plus"],
  ["sixteen plus", "sixteen_plus"],
  ["not applicable", "not_applicable"],
]);

const isAlternativeProvision = (type: string): boolean =>
  type.includes("alternative provision") || type.includes("pupil referral");

const isSpecial = (type: string, group: string): boolean =>
  type.includes("special") || group.includes("special");

/**
 * Normalises a GIAS establishment to a Tutti phase.
 *
 * The establishment type wins over the phase name: a "Pupil referral unit" or any type naming
 * alternative provision → `alternative_provision`; any type (or type group, e.g. "Special
 * schools") naming "special" → `special` (community, foundation, academy, free school,
 * non-maintained and independent special schools, special post-16 institutions). Otherwise the
 * phase name decides, ignoring case, hyphens and spacing; unknown or empty → `not_applicable`.
 */
export const normalisePhase = (
  phaseOfEducationName: string,
  typeOfEstablishmentName: string,
  typeGroupName: string,
): Phase => {
  const type = simplify(typeOfEstablishmentName);
  const group = simplify(typeGroupName);
  if (isAlternativeProvision(type)) return "alternative_provision";
  if (isSpecial(type, group)) return "special";
  return PHASE_BY_GIAS_NAME.get(simplify(phaseOfEducationName)) ?? "not_applicable";
};
