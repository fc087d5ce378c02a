import { z } from "zod";
import { AcademicYear } from "../rules/academic-year";
import { MAX_VALIDITY_YEARS, QM_LEVELS, QM_THEMES, SELF_EVALUATIONS } from "../rules/quality-mark";
import { PageQuery, paged } from "./common";
import { Phase } from "./schools";

export const QmLevelCode = z.enum(QM_LEVELS, { error: "Choose a level: bronze, silver, gold or platinum" });
export const QmThemeCode = z.enum(QM_THEMES, { error: "Choose a theme" });
export const QM_STATUSES = ["draft", "submitted", "queried", "assessed", "awarded", "not_yet"] as const;
export const QmStatus = z.enum(QM_STATUSES, { error: "Choose a status" });
export type QmStatus = z.infer<typeof QmStatus>;

const IsoDate = z
  .string({ error: "Give a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-03-14")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist",
  );
const UrnInput = z.coerce
  .number({ error: "Give the school's URN" })
  .int("Give the school's URN")
  .min(100000, "A URN is 6 digits")
  .max(999999, "A URN is 6 digits");
const Text = (max: number, what: string) =>
  z.string().max(max, `Keep ${what} under ${max.toLocaleString("en-GB")} characters`);

// ---- Framework ---------------------------------------------------------------------------------

export const QmStandardSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, "A standard's code is lower-case letters, digits and dashes"),
  theme: QmThemeCode,
  title: z
    .string()
    .trim()
    .min(1, "Give the standard a title")
    .max(300, "Keep the title under 300 characters"),
  guidance: Text(3000, "the guidance"),
  evidenceExpected: Text(2000, "the evidence expected"),
});
export const QmLevelSchema = z.object({
  code: QmLevelCode,
  label: z.string().trim().min(1, "Give the level a name").max(60, "Keep the name under 60 characters"),
  standards: z.array(QmStandardSchema).max(60, "At most 60 standards a level"),
});
const ValidityYears = z
  .number({ error: "Give the number of years an award is valid" })
  .int("Give a whole number of years")
  .min(1, "An award is valid for at least one academic year")
  .max(MAX_VALIDITY_YEARS, `An award is valid for at most ${MAX_VALIDITY_YEARS} academic years`);
export const QmFrameworkInput = z.object({
  academicYear: AcademicYear,
  levels: z.array(QmLevelSchema).min(1, "Keep at least one level").max(4, "At most four levels"),
  /** Academic years an award is valid, the year of the award counting as the first; left out: unchanged. */
  validityYears: ValidityYears.optional(),
});
export type QmFrameworkInput = z.infer<typeof QmFrameworkInput>;
export const QmFrameworkResponse = z.object({
  id: z.uuid(),
  academicYear: z.string(),
  version: z.number().int(),
  levels: z.array(QmLevelSchema),
  validityYears: z.number().int(),
  createdAt: z.string(),
});
export type QmFrameworkResponse = z.infer<typeof QmFrameworkResponse>;
export const QmFrameworkQuery = z.object({ year: AcademicYear.optional() });

// ---- Applications ------------------------------------------------------------------------------

export const QmEvidenceSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("file"), fileId: z.uuid(), name: z.string().max(200) }),
    z.object({
      kind: z.literal("link"),
      url: z
        .url({ protocol: /^https?$/, error: "A link starts with https:// or http://" })
        .max(2000, "Keep the link under 2,000 characters"),
    }),
    z.object({ kind: z.literal("plan") }),
  ],
  { error: "Choose a file, a link or the music development plan" },
);
export const QmAnswerSchema = z.object({
  self: z.enum(SELF_EVALUATIONS, { error: "Choose met, partly or not yet" }).nullable(),
  commentary: Text(5000, "the commentary"),
  evidence: z.array(QmEvidenceSchema).max(20, "At most 20 pieces of evidence a standard"),
  queryAnswer: Text(5000, "the answer").nullish(),
});
export type QmAnswerInput = z.infer<typeof QmAnswerSchema>;

export const QmNewApplication = z.object({ level: QmLevelCode });
export const QmAnswersInput = z.object({ answers: z.record(z.string(), QmAnswerSchema) });
export const QmFileQuery = z.object({ standardId: z.string().min(1).max(40) });
export const QmFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const QmReviewSchema = z.object({
  decision: z.enum(["accept", "query", "reject"], { error: "Choose accept, query or reject" }),
  comment: Text(3000, "the comment").nullish(),
  by: z.string(),
  at: z.string(),
});
export const QmReviewsInput = z.object({
  reviews: z
    .array(
      z.object({
        standardId: z.string().min(1).max(40),
        decision: z.enum(["accept", "query", "reject"], { error: "Choose accept, query or reject" }),
        comment: Text(3000, "the comment").nullish(),
      }),
    )
    .min(1, "Review at least one standard"),
});
export type QmReviewsInput = z.infer<typeof QmReviewsInput>;
export const QmAssessorInput = z.object({ userId: z.uuid({ error: "Choose an assessor" }) });
export const QmVisitInput = z.object({
  date: IsoDate,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times look like 09:30")
    .nullish(),
});
export const QmDecisionInput = z.object({
  outcome: z.enum(["award", "not_yet"], { error: "Choose award or not yet" }),
  level: QmLevelCode.optional(),
  reasons: Text(3000, "the reasons").nullish(),
  feedback: Text(5000, "the feedback").nullish(),
});
export type QmDecisionInput = z.infer<typeof QmDecisionInput>;

export const QmSupport = z.object({
  unanswered: z.array(z.string()),
  lackingEvidence: z.array(z.string()),
  supportedLevel: QmLevelCode.nullable(),
  ready: z.boolean(),
});

export const QmApplicationSummary = z.object({
  id: z.uuid(),
  urn: z.number(),
  schoolName: z.string(),
  phase: Phase,
  areaName: z.string().nullable(),
  academicYear: z.string(),
  level: QmLevelCode,
  status: QmStatus,
  assessorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type QmApplicationSummary = z.infer<typeof QmApplicationSummary>;

export const QmApplication = QmApplicationSummary.extend({
  frameworkId: z.uuid(),
  frameworkVersion: z.number().int(),
  standards: z.array(QmStandardSchema.extend({ level: QmLevelCode })),
  answers: z.record(z.string(), QmAnswerSchema),
  reviews: z.record(z.string(), QmReviewSchema),
  files: z.array(z.object({ id: z.uuid(), standardId: z.string(), name: z.string(), size: z.number() })),
  support: QmSupport,
  assessorId: z.uuid().nullable(),
  visit: z.object({ id: z.uuid(), date: z.string(), status: z.string() }).nullable(),
  outcomeLevel: QmLevelCode.nullable(),
  outcomeReasons: z.string().nullable(),
  awardId: z.uuid().nullable(),
  hasMusicPlan: z.boolean(),
});
export type QmApplication = z.infer<typeof QmApplication>;

export const QmApplicationQuery = PageQuery.extend({
  status: QmStatus.optional(),
  level: QmLevelCode.optional(),
  year: AcademicYear.optional(),
  q: z.string().max(200).optional(),
});
export type QmApplicationQuery = z.infer<typeof QmApplicationQuery>;
export const QmApplicationList = paged(QmApplicationSummary);

// ---- Awards ------------------------------------------------------------------------------------

export const QmAwardInput = z.object({ urn: UrnInput, level: QmLevelCode, awardedOn: IsoDate });
export type QmAwardInput = z.infer<typeof QmAwardInput>;
export const QmAwardStatusCode = z.enum(["not_yet_valid", "current", "expiring", "expired"]);
export const QmAward = z.object({
  id: z.uuid(),
  urn: z.number(),
  schoolName: z.string(),
  level: QmLevelCode,
  awardedOn: z.string(),
  academicYear: z.string(),
  validUntil: z.string(),
  status: QmAwardStatusCode,
  applicationId: z.uuid().nullable(),
});
export type QmAward = z.infer<typeof QmAward>;
export const QmAwardQuery = PageQuery.extend({
  level: QmLevelCode.optional(),
  year: AcademicYear.optional(),
  status: QmAwardStatusCode.optional(),
  urn: UrnInput.optional(),
});
export type QmAwardQuery = z.infer<typeof QmAwardQuery>;
export const QmAwardList = paged(QmAward);
export const BADGE_SIZES = [128, 256, 512, 1024] as const;
export const QmBadgeQuery = z.object({
  size: z.coerce
    .number({ error: "Choose a size: 128, 256, 512 or 1024" })
    .refine((n) => (BADGE_SIZES as readonly number[]).includes(n), "Choose a size: 128, 256, 512 or 1024")
    .default(512),
});

// ---- Figures and assessors ---------------------------------------------------------------------

export const QmFiguresQuery = z.object({ year: AcademicYear.optional() });
const Count = z.object({ key: z.string(), applied: z.number().int(), awarded: z.number().int() });
export const QmFigures = z.object({
  academicYear: z.string(),
  cohort: z.number().int(),
  applied: z.number().int(),
  awarded: z.number().int(),
  appliedShare: z.number(),
  byLevel: z.array(Count),
  byPhase: z.array(Count),
  byArea: z.array(Count),
  years: z.array(
    z.object({ academicYear: z.string(), applied: z.number().int(), awarded: z.number().int() }),
  ),
});
export type QmFigures = z.infer<typeof QmFigures>;

export const QmAssessor = z.object({
  userId: z.uuid(),
  name: z.string(),
  schoolId: z.uuid().nullable(),
  schoolName: z.string().nullable(),
});
export const QmAssessorSchool = z.object({ schoolId: z.uuid().nullable() });

// ---- Presentation ------------------------------------------------------------------------------

export const QmPresentationQuery = z.object({ year: AcademicYear.optional() });
export const QmPresentationInput = z.object({
  academicYear: AcademicYear,
  /** The CPD event at which the year's awards are presented; null: none. */
  eventId: z.uuid({ error: "Choose one of the hub's CPD events" }).nullable(),
});
export type QmPresentationInput = z.infer<typeof QmPresentationInput>;
export const QmPresentation = z.object({
  academicYear: z.string(),
  event: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), status: z.string() }).nullable(),
  /** The schools awarded in the year, highest level first, then by name. */
  schools: z.array(
    z.object({ urn: z.number(), schoolName: z.string(), level: QmLevelCode, awardedOn: z.string() }),
  ),
});
export type QmPresentation = z.infer<typeof QmPresentation>;

// ---- Public ------------------------------------------------------------------------------------

export const PublicQualityMark = z.object({
  items: z.array(
    z.object({ urn: z.number(), schoolName: z.string(), level: QmLevelCode, academicYear: z.string() }),
  ),
});
export type PublicQualityMark = z.infer<typeof PublicQualityMark>;
