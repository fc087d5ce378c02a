import { z } from "zod";
import { FOCUS_AREAS } from "../rules/focus-areas";
import { GAP_KINDS, SETTINGS } from "../rules/lead-school-coverage";
import { APPLICATION_DOCUMENTS } from "../rules/lead-school-eligibility";
import { PageQuery } from "./common";

export const IsoDate = z
  .string({ error: "Give a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-03-14")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist",
  );
const Urn = z.coerce
  .number({ error: "Give the school's URN" })
  .int("Give the school's URN")
  .positive("Give the school's URN");
const Text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${what} under ${max.toLocaleString("en-GB")} characters`);
const FocusAreas = z
  .array(z.enum(FOCUS_AREAS, { error: "Choose focus areas from the list" }))
  .min(1, "Choose at least one focus area")
  .max(7, "Choose at most seven focus areas");

// ---------- Lead Schools (appointments) ----------

/** `POST /api/lead-schools`: a Lead School already appointed before the hub moved to Tutti. */
export const LeadSchoolInput = z
  .object({ urn: Urn, focusAreas: FocusAreas, from: IsoDate, to: IsoDate })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "The term ends on or after it starts" });
export type LeadSchoolInput = z.infer<typeof LeadSchoolInput>;

export const AppointInput = z
  .object({ focusAreas: FocusAreas, from: IsoDate, to: IsoDate })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "The term ends on or after it starts" });
export type AppointInput = z.infer<typeof AppointInput>;

export const LeadSchool = z.object({
  id: z.uuid(),
  urn: z.number(),
  schoolName: z.string(),
  phase: z.string(),
  setting: z.array(z.enum(SETTINGS)),
  area: z.string().nullable(),
  laCode: z.string(),
  focusAreas: z.array(z.enum(FOCUS_AREAS)),
  from: z.string(),
  to: z.string(),
  announceOn: z.string(),
  endedOn: z.string().nullable(),
  inOffice: z.boolean(),
  roundTitle: z.string().nullable(),
});
export type LeadSchool = z.infer<typeof LeadSchool>;

export const LeadSchoolListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  focusArea: z.enum(FOCUS_AREAS).optional(),
  setting: z.enum(SETTINGS).optional(),
  areaId: z.uuid().optional(),
  /** `in_office` (default): in office today; `all`: every appointment. */
  status: z.enum(["in_office", "all"]).default("in_office"),
});
export type LeadSchoolListQuery = z.infer<typeof LeadSchoolListQuery>;

export const LEDGER_BENEFITS = [
  "kitemark_badge",
  "wcet_programme",
  "cpd_free_place",
  "supply_cover",
  "project_funding",
] as const;
export const LEDGER_ACTIVITIES = [
  "network_meeting",
  "training",
  "resource",
  "school_support",
  "cpd_planning",
] as const;

export const LedgerInput = z.discriminatedUnion("entry", [
  z.object({
    entry: z.literal("benefit"),
    kind: z.enum(LEDGER_BENEFITS, { error: "Choose the benefit" }),
    date: IsoDate,
    amount: z.number().min(0, "The amount is not negative").max(10_000_000).nullish(),
    text: Text(2000, "the purpose"),
  }),
  z.object({
    entry: z.literal("activity"),
    kind: z.enum(LEDGER_ACTIVITIES, { error: "Choose the activity" }),
    date: IsoDate,
    count: z.number().int().min(1).max(100_000).nullish(),
    text: Text(2000, "the description"),
  }),
  z.object({
    entry: z.literal("review"),
    kind: z.literal("annual_review"),
    date: IsoDate,
    continues: z.boolean({ error: "Say whether it continues" }),
    text: Text(5000, "the evidence").min(1, "Give the evidence"),
  }),
]);
export type LedgerInput = z.infer<typeof LedgerInput>;

export const LedgerEntry = z.object({
  id: z.uuid(),
  entry: z.enum(["benefit", "activity", "review"]),
  kind: z.string(),
  date: z.string(),
  amount: z.number().nullable(),
  count: z.number().nullable(),
  continues: z.boolean().nullable(),
  text: z.string(),
});
export const LeadSchoolDetail = LeadSchool.extend({ ledger: z.array(LedgerEntry) });

// ---------- Coverage ----------

const MatrixLead = z.object({ urn: z.number(), name: z.string() });
export const CoverageGap = z.object({
  kind: z.enum(GAP_KINDS),
  focusArea: z.enum(FOCUS_AREAS).optional(),
  area: z.string().optional(),
  areaId: z.string().optional(),
  laCode: z.string().optional(),
  message: z.string(),
});
export const LeadSchoolCoverage = z.object({
  on: z.string(),
  leads: z.number(),
  areas: z.array(z.object({ id: z.string().nullable(), name: z.string() })),
  matrix: z.array(
    z.object({
      focusArea: z.enum(FOCUS_AREAS),
      label: z.string(),
      total: z.number(),
      cells: z.array(
        z.object({
          primary: z.array(MatrixLead),
          secondary: z.array(MatrixLead),
          specialist: z.array(MatrixLead),
        }),
      ),
    }),
  ),
  gaps: z.array(CoverageGap),
  whatIf: z
    .object({
      urn: z.number(),
      schoolName: z.string(),
      closes: z.array(CoverageGap),
      remaining: z.array(CoverageGap),
      newCells: z.array(
        z.object({ focusArea: z.enum(FOCUS_AREAS), area: z.string(), setting: z.enum(SETTINGS) }),
      ),
      summary: z.string(),
    })
    .optional(),
});
export type LeadSchoolCoverage = z.infer<typeof LeadSchoolCoverage>;
export const CoverageQuery = z.object({
  /** A candidate: how appointing it would change the matrix and the gaps. */
  candidateUrn: Urn.optional(),
  /** The focus areas it would lead, comma-separated codes (default: those it applied for). */
  focusAreas: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : undefined))
    .pipe(z.array(z.enum(FOCUS_AREAS, { error: "Choose focus areas from the list" })).optional()),
  applicationId: z.uuid().optional(),
});

// ---------- Rounds ----------

export const Criterion = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_]+$/, "Criterion codes use a–z, 0–9 and _"),
  label: z.string().trim().min(1, "Name the criterion").max(200),
  max: z.number().int().min(1).max(100),
});
export const DEFAULT_CRITERIA: z.infer<typeof Criterion>[] = [
  { id: "focus", label: "Strength in the focus areas", max: 5 },
  { id: "track_record", label: "Track record", max: 5 },
  { id: "curriculum", label: "Curriculum breadth and progression", max: 5 },
  { id: "local_needs", label: "Knowledge of local needs", max: 5 },
  { id: "inclusion", label: "Inclusion (FSM, SEND)", max: 5 },
];

export const RoundInput = z
  .object({
    title: z.string().trim().min(1, "Give the round a title").max(200),
    closesOn: IsoDate,
    shortlistOn: IsoDate,
    visitsFrom: IsoDate,
    announceOn: IsoDate,
    lookingFor: Text(5000, "what it looks for").default(""),
    areaIdsWanted: z.array(z.uuid()).max(100).default([]),
    settingsWanted: z.array(z.enum(SETTINGS)).default([]),
    expectations: Text(10_000, "the expectations").default(""),
    benefits: Text(10_000, "the benefits").default(""),
    criteria: z.array(Criterion).min(1, "Give at least one criterion").max(20).default(DEFAULT_CRITERIA),
    panelUserIds: z.array(z.uuid()).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    const order: [keyof typeof v, keyof typeof v, string][] = [
      ["closesOn", "shortlistOn", "Schools are told of the shortlist after applications close"],
      ["shortlistOn", "visitsFrom", "Visits start on or after the shortlist is told"],
      ["visitsFrom", "announceOn", "The announcement is on or after visits start"],
    ];
    for (const [a, b, message] of order)
      if (String(v[a]) > String(v[b])) ctx.addIssue({ code: "custom", path: [b], message });
  });
export type RoundInput = z.infer<typeof RoundInput>;

export const ROUND_STAGES = ["open", "reviewing", "visits", "announced"] as const;
export const Round = z.object({
  id: z.uuid(),
  title: z.string(),
  closesOn: z.string(),
  shortlistOn: z.string(),
  visitsFrom: z.string(),
  announceOn: z.string(),
  stage: z.enum(ROUND_STAGES),
  lookingFor: z.string(),
  areasWanted: z.array(z.object({ id: z.string(), name: z.string() })),
  settingsWanted: z.array(z.enum(SETTINGS)),
  expectations: z.string(),
  benefits: z.string(),
  criteria: z.array(Criterion),
  panelUserIds: z.array(z.string()),
  applications: z.number(),
});
export type Round = z.infer<typeof Round>;

/** What anyone may read about a round. */
export const PublicRound = Round.pick({
  id: true,
  title: true,
  closesOn: true,
  shortlistOn: true,
  visitsFrom: true,
  announceOn: true,
  stage: true,
  lookingFor: true,
  areasWanted: true,
  settingsWanted: true,
  expectations: true,
  benefits: true,
}).extend({ applyHref: z.string(), hubName: z.string() });
/** Any round id is taken here (an unknown or malformed one is "not found", like an unknown hub). */
export const PublicRoundParams = z.object({
  slug: z.string().min(1).max(100),
  roundId: z.string().min(1).max(100),
});
export const PublicLeadSchool = z.object({
  urn: z.number(),
  schoolName: z.string(),
  area: z.string().nullable(),
  focusAreas: z.array(z.object({ code: z.enum(FOCUS_AREAS), label: z.string() })),
  from: z.string(),
  to: z.string(),
});
export const PublicLeadSchools = z.object({
  hubName: z.string(),
  leadSchools: z.array(PublicLeadSchool),
  openRounds: z.array(z.object({ id: z.string(), title: z.string(), closesOn: z.string() })),
});

// ---------- Applications ----------

const Count = z.number().int().min(0, "Give a number of 0 or more").max(1_000_000).nullable();
export const ApplicationAnswers = z.object({
  focusAreas: z.array(z.enum(FOCUS_AREAS)).max(7).default([]),
  focusReasons: Text(5000, "the reasons").default(""),
  trackRecord: Text(5000, "the track record").default(""),
  curriculum: Text(5000, "the curriculum").default(""),
  localNeeds: Text(5000, "local needs").default(""),
  /** Secondaries: whether music is offered at KS4, and the KS4/KS5 provision in words. */
  ks4Provision: z.boolean().nullable().default(null),
  ks45Provision: Text(5000, "the KS4/KS5 provision").default(""),
  instrumentPupils: Count.default(null),
  fsmPupilsEngaged: Count.default(null),
  sendProvision: Text(5000, "the SEND provision").default(""),
  extraCurricularPupils: Count.default(null),
  ks4Uptake: Count.default(null),
  ks5Uptake: Count.default(null),
});
export type ApplicationAnswers = z.infer<typeof ApplicationAnswers>;

export const APPLICATION_STATUSES = ["draft", "submitted", "shortlisted", "declined", "appointed"] as const;
export const ApplicationFile = z.object({
  id: z.uuid(),
  kind: z.enum(APPLICATION_DOCUMENTS),
  name: z.string(),
  size: z.number(),
});
export const Application = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  roundTitle: z.string(),
  closesOn: z.string(),
  urn: z.number(),
  schoolName: z.string(),
  phase: z.string(),
  area: z.string().nullable(),
  status: z.enum(APPLICATION_STATUSES),
  answers: ApplicationAnswers,
  files: z.array(ApplicationFile),
  eligibility: z.object({
    eligible: z.boolean(),
    problems: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
  }),
  submittedAt: z.string().nullable(),
  /** The decision's reason and feedback: shown to the school once it has been told. */
  decisionReason: z.string().nullable(),
  feedback: z.string().nullable(),
});
export type Application = z.infer<typeof Application>;
export const ApplicationSummary = Application.pick({
  id: true,
  roundId: true,
  urn: true,
  schoolName: true,
  phase: true,
  area: true,
  status: true,
  submittedAt: true,
}).extend({
  focusAreas: z.array(z.enum(FOCUS_AREAS)),
  reviews: z.number(),
  meanTotal: z.number().nullable(),
  moderatedTotal: z.number().nullable(),
});
export const ApplicationListQuery = PageQuery.extend({
  roundId: z.uuid().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
});
export const FileKindQuery = z.object({
  kind: z.enum(APPLICATION_DOCUMENTS, { error: "Choose which document this is" }),
});
export const AppFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

// ---------- Review ----------

export const ScoreInput = z.object({
  scores: z
    .array(
      z.object({
        criterionId: z.string().min(1).max(40),
        score: z.number().int().min(0, "Scores are 0 or more"),
        comment: Text(2000, "the comment").default(""),
      }),
    )
    .min(1, "Score at least one criterion"),
});
export const Review = z.object({
  reviewerId: z.string(),
  reviewerName: z.string(),
  scores: z.array(z.object({ criterionId: z.string(), score: z.number(), comment: z.string() })),
  total: z.number(),
});
export const Reviews = z.object({
  criteria: z.array(Criterion),
  reviews: z.array(Review),
  meanTotal: z.number().nullable(),
  moderatedTotal: z.number().nullable(),
  moderationNote: z.string().nullable(),
});
export const ModerateInput = z.object({
  total: z.number().min(0).max(10_000),
  note: Text(2000, "the note").default(""),
});
export const DecisionInput = z.object({
  reason: z.string().trim().min(1, "Give a reason").max(2000, "Keep the reason under 2,000 characters"),
  feedback: Text(5000, "the feedback").default(""),
});

// ---------- Visit record ----------

export const VisitRecordInput = z.object({
  date: IsoDate,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times look like 09:30")
    .nullish(),
  observations: z
    .object({
      lessons: Text(5000, "the observation"),
      extraCurricular: Text(5000, "the observation"),
      assemblies: Text(5000, "the observation"),
    })
    .partial()
    .default({}),
  discussions: z
    .object({
      staff: Text(5000, "the notes"),
      pupils: Text(5000, "the notes"),
      sltGovernors: Text(5000, "the notes"),
      musicLead: Text(5000, "the notes"),
    })
    .partial()
    .default({}),
  figures: z
    .object({
      ofstedReport: Text(2000, "the note"),
      ks45Uptake: Count,
      instrumentPupils: Count,
      fsmPupilsEngaged: Count,
      sendProvision: Text(2000, "the note"),
      extraCurricularPupils: Count,
    })
    .partial()
    .default({}),
  /** Also put the visit in the engagement calendar (purpose `lead_school`). */
  scheduleVisit: z.boolean().default(false),
});
export type VisitRecordInput = z.infer<typeof VisitRecordInput>;
export const VisitRecord = VisitRecordInput.omit({ scheduleVisit: true }).extend({
  id: z.uuid(),
  visitId: z.string().nullable(),
});
