import { academicYearOf } from "./academic-year";

/**
 * The quality mark's pure rules: which standards an application still lacks and the highest
 * level its answers support, and how long an award lasts (decision 028).
 */

export const QM_LEVELS = ["bronze", "silver", "gold", "platinum"] as const;
export type QmLevel = (typeof QM_LEVELS)[number];
export const QM_LEVEL_LABELS: Record<QmLevel, string> = {
  bronze: "Bronze",
  silver: "Silver",
  gold: "Gold",
  platinum: "Platinum",
};

export const QM_THEMES = [
  "curriculum",
  "singing",
  "instrumental_ensemble",
  "inclusion",
  "leadership",
  "partnership",
  "progression",
] as const;
export type QmTheme = (typeof QM_THEMES)[number];
export const QM_THEME_LABELS: Record<QmTheme, string> = {
  curriculum: "Curriculum",
  singing: "Singing",
  instrumental_ensemble: "Instrumental and ensemble",
  inclusion: "Inclusion",
  leadership: "Leadership",
  partnership: "Partnership",
  progression: "Progression",
};

export const SELF_EVALUATIONS = ["met", "partly", "not_yet"] as const;
export type SelfEvaluation = (typeof SELF_EVALUATIONS)[number];

export type QmEvidence =
  | { kind: "file"; fileId: string; name: string }
  | { kind: "link"; url: string }
  | { kind: "plan" };

export type QmStandard = {
  id: string;
  theme: QmTheme;
  title: string;
  guidance: string;
  evidenceExpected: string;
};
export type QmLevelDef = { code: QmLevel; label: string; standards: QmStandard[] };
/**
 * A framework's levels, lowest first, and how many academic years an award made under it is
 * valid (frameworks saved before the hub could set it have none: the default applies).
 */
export type QmFramework = { levels: QmLevelDef[]; validityYears?: number };

export type QmAnswer = {
  self: SelfEvaluation | null;
  commentary: string;
  evidence: QmEvidence[];
  /** The school's answer to an assessor's query on this standard. */
  queryAnswer?: string | null;
};

const rank = (level: QmLevel): number => QM_LEVELS.indexOf(level);

/** The framework's levels up to and including `level`, lowest first (levels build on each other). */
export const levelsUpTo = (framework: QmFramework, level: QmLevel): QmLevelDef[] =>
  [...framework.levels]
    .sort((a, b) => rank(a.code) - rank(b.code))
    .filter((l) => rank(l.code) <= rank(level));

/** Every standard an application at `level` answers: those of its level and of every level below. */
export const standardsFor = (framework: QmFramework, level: QmLevel): QmStandard[] =>
  levelsUpTo(framework, level).flatMap((l) => l.standards);

export type LevelSupport = {
  /** Standards with no self-evaluation yet. */
  unanswered: string[];
  /** Standards judged met or partly met with no evidence attached. */
  lackingEvidence: string[];
  /** The highest level whose standards (and every lower level's) are all met with evidence; null: none. */
  supportedLevel: QmLevel | null;
  /** Ready to submit: nothing unanswered and no claim without evidence. */
  ready: boolean;
};

const hasEvidence = (a: QmAnswer | undefined): boolean => (a?.evidence.length ?? 0) > 0;

/**
 * What the answers of an application at `level` show, before it is submitted: which standards
 * are unanswered or claimed without evidence, and the highest level they support. A level is
 * supported when every standard of it and of every level below is met with evidence; a level
 * with no standards adds nothing and does not stop the levels above it being judged.
 */
export const levelSupport = (
  framework: QmFramework,
  level: QmLevel,
  answers: Readonly<Record<string, QmAnswer>>,
): LevelSupport => {
  const standards = standardsFor(framework, level);
  const unanswered = standards.filter((s) => !answers[s.id]?.self).map((s) => s.id);
  const lackingEvidence = standards
    .filter((s) => {
      const a = answers[s.id];
      return (a?.self === "met" || a?.self === "partly") && !hasEvidence(a);
    })
    .map((s) => s.id);
  let supportedLevel: QmLevel | null = null;
  for (const l of levelsUpTo(framework, level)) {
    const allMet = l.standards.every((s) => answers[s.id]?.self === "met" && hasEvidence(answers[s.id]));
    if (!allMet) break;
    if (l.standards.length > 0) supportedLevel = l.code;
  }
  return {
    unanswered,
    lackingEvidence,
    supportedLevel,
    ready: !unanswered.length && !lackingEvidence.length,
  };
};

/** Whether `a` is a lower level than `b`. */
export const isLowerLevel = (a: QmLevel, b: QmLevel): boolean => rank(a) < rank(b);

// ---- Expiry ----------------------------------------------------------------------------------

/** An award lasts this many academic years, the year it is made in counting as the first. */
export const DEFAULT_VALIDITY_YEARS = 3;
/** An award is "about to expire" in this many days before its last day. */
export const EXPIRY_WINDOW_DAYS = 90;

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The academic year of an award date: "2025-03-14" → "2024/25". */
export const awardYearOf = (awardedOn: string): string => academicYearOf(toDate(awardedOn));

/**
 * An award's last valid day: 31 August of the last of its `years` academic years.
 * Awarded 2025-03-14 (2024/25) for 3 years → 2027-08-31 (the end of 2026/27).
 */
export const validUntil = (awardedOn: string, years = DEFAULT_VALIDITY_YEARS): string => {
  if (!Number.isInteger(years) || years < 1)
    throw new RangeError(`years must be a whole number from 1: got ${years}`);
  const start = Number(awardYearOf(awardedOn).slice(0, 4));
  return `${start + years}-08-31`;
};

/** The years an award made under a framework is valid: the hub's choice, or the default three. */
export const validityYearsOf = (framework: QmFramework | undefined): number =>
  framework?.validityYears ?? DEFAULT_VALIDITY_YEARS;

/** The most years a hub may make an award valid for. */
export const MAX_VALIDITY_YEARS = 10;

export type AwardStatus = "not_yet_valid" | "current" | "expiring" | "expired";

const DAY_MS = 86_400_000;

/**
 * An award's standing on a day (YYYY-MM-DD): expired after its last day, "expiring" (still
 * current) in the window before it, not yet valid before the day it was made.
 */
export const awardStatusOn = (
  award: { awardedOn: string; validUntil: string },
  on: string,
  windowDays = EXPIRY_WINDOW_DAYS,
): AwardStatus => {
  if (on < award.awardedOn) return "not_yet_valid";
  if (on > award.validUntil) return "expired";
  const daysLeft = Math.round((toDate(award.validUntil).getTime() - toDate(on).getTime()) / DAY_MS);
  return daysLeft < windowDays ? "expiring" : "current";
};

/** Current on a day: made on or before it and not past its last day ("expiring" counts as current). */
export const isCurrentOn = (award: { awardedOn: string; validUntil: string }, on: string): boolean => {
  const s = awardStatusOn(award, on);
  return s === "current" || s === "expiring";
};

/** The share of a cohort that applied, 0..1 (0 for an empty cohort). */
export const shareOf = (numerator: number, denominator: number): number =>
  denominator > 0 ? numerator / denominator : 0;
