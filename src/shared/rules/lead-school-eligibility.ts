import { settingsOf } from "./lead-school-coverage";

/** The documents an application carries. */
export const APPLICATION_DOCUMENTS = ["plan", "letter_slt", "letter_governors", "letter_mat"] as const;
export type ApplicationDocument = (typeof APPLICATION_DOCUMENTS)[number];
export const DOCUMENT_LABELS: Record<ApplicationDocument, string> = {
  plan: "School Music Development Plan",
  letter_slt: "Letter of support from the senior leadership team",
  letter_governors: "Letter of support from the governors",
  letter_mat: "Letter of support from the multi-academy trust",
};

export type EligibilityInput = {
  school: { status: string; phase: string; trust: string | null };
  focusAreas: readonly string[];
  /** Whether the school offers music at KS4 (asked of secondaries); null = not answered. */
  ks4Provision: boolean | null;
  documents: readonly ApplicationDocument[];
};

export type EligibilityProblem = { code: string; field: string; message: string };
export type Eligibility = { eligible: boolean; problems: EligibilityProblem[] };

/** At most this many focus areas per application. */
export const MAX_FOCUS_AREAS = 3;

/**
 * Whether an application may go to the panel, with each reason it may not, in words. The same
 * rule runs in the form (before submitting), on submission and on the panel's page.
 */
export const leadSchoolEligibility = (input: EligibilityInput): Eligibility => {
  const problems: EligibilityProblem[] = [];
  const settings = settingsOf(input.school.phase);
  if (input.school.status === "closed")
    problems.push({ code: "closed", field: "school", message: "The school is closed." });
  if (settings.length === 0)
    problems.push({
      code: "setting",
      field: "school",
      message: "Lead Schools are primary, secondary, special or alternative provision settings.",
    });
  if (input.focusAreas.length === 0)
    problems.push({
      code: "focus_areas",
      field: "focusAreas",
      message: "Choose at least one focus area to lead.",
    });
  if (input.focusAreas.length > MAX_FOCUS_AREAS)
    problems.push({
      code: "focus_areas",
      field: "focusAreas",
      message: `Choose at most ${MAX_FOCUS_AREAS} focus areas.`,
    });
  if (settings.includes("secondary") && input.ks4Provision !== true)
    problems.push({
      code: "ks4",
      field: "ks4Provision",
      message: "A secondary school needs music provision at KS4 to be a Lead School.",
    });
  const has = new Set(input.documents);
  const needed: ApplicationDocument[] = ["plan", "letter_slt", "letter_governors"];
  if (input.school.trust) needed.push("letter_mat");
  for (const d of needed)
    if (!has.has(d))
      problems.push({
        code: "document",
        field: d,
        message: `Upload the ${d === "plan" ? DOCUMENT_LABELS[d] : DOCUMENT_LABELS[d].toLowerCase()}.`,
      });
  return { eligible: problems.length === 0, problems };
};
