import { z } from "zod";
import "../messages";

/** Statuses of objectives and targets, with their RAG colours (PLAN_STATUS_LABELS). */
export const PLAN_STATUSES = ["not_started", "on_track", "at_risk", "off_track", "done"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<
  PlanStatus,
  { label: string; rag: "grey" | "green" | "amber" | "red" | "blue" }
> = {
  not_started: { label: "Not started", rag: "grey" },
  on_track: { label: "On track", rag: "green" },
  at_risk: { label: "At risk", rag: "amber" },
  off_track: { label: "Off track", rag: "red" },
  done: { label: "Done", rag: "blue" },
};
export const REVIEW_DECISIONS = ["continue", "revise", "retire"] as const;
export const COURSE_STATES = ["met", "on_course", "at_risk", "off_course", "missed", "unknown"] as const;

/** What the page says for a measure whose capability does not exist yet. */
export const NOT_AVAILABLE_YET = "not available yet";

const IsoDate = z
  .string({ error: "Give a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-03-14")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist",
  );
const Text = (what: string, max: number) =>
  z
    .string({ error: `Give ${what}` })
    .trim()
    .min(1, `Give ${what}`)
    .max(max, `Keep it under ${max.toLocaleString("en-GB")} characters`);
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max.toLocaleString("en-GB")} characters`);

export const PlanInput = z
  .object({ title: Text("the plan a title", 200), startsOn: IsoDate, endsOn: IsoDate })
  .refine((p) => p.endsOn >= p.startsOn, { path: ["endsOn"], error: "The plan must end after it starts" });
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanPatch = z.object({
  title: Text("the plan a title", 200).optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
});

export const PlanSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  objectives: z.number(),
  targets: z.number(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const MeasureInfo = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  available: z.boolean(),
  unit: z.enum(["share", "count"]),
});
export type MeasureInfo = z.infer<typeof MeasureInfo>;

export const TrendPoint = z.object({ on: z.string(), value: z.number() });

export const PlanTarget = z.object({
  id: z.uuid(),
  text: z.string(),
  byWhen: z.string().nullable(),
  monitor: z.string(),
  budget: z.string(),
  nextYearTarget: z.string(),
  status: z.enum(PLAN_STATUSES),
  ownerId: z.uuid().nullable(),
  retired: z.boolean(),
  version: z.number(),
  /** The measure's id, or null for a manual target. */
  measure: z.string().nullable(),
  goal: z.number().nullable(),
  deadline: z.string().nullable(),
  /** The measure's value now (null: manual, or the measure is not available yet). */
  current: z.number().nullable(),
  /** The value in words: "42% (21 of 50 schools)" or "not available yet". */
  currentText: z.string().nullable(),
  definition: z.string().nullable(),
  trend: z.array(TrendPoint),
  course: z.enum(COURSE_STATES).nullable(),
});
export type PlanTarget = z.infer<typeof PlanTarget>;

export const PlanAction = z.object({
  id: z.uuid(),
  text: z.string(),
  lead: z.string(),
  targets: z.array(PlanTarget),
});
export const PlanObjective = z.object({
  id: z.uuid(),
  number: z.number(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  actions: z.array(PlanAction),
});
export const Plan = z.object({
  id: z.uuid(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  objectives: z.array(PlanObjective),
});
export type Plan = z.infer<typeof Plan>;

export const ObjectiveInput = z.object({
  number: z.number({ error: "Give the objective a number" }).int().min(1, "Numbers start at 1"),
  title: Text("the objective a title", 1000),
  status: z.enum(PLAN_STATUSES).optional(),
});
export const ObjectivePatch = ObjectiveInput.partial();

export const ActionInput = z.object({ text: Text("the action", 2000), lead: Optional(200).default("") });
export const ActionPatch = z.object({
  text: Text("the action", 2000).optional(),
  lead: Optional(200).optional(),
});

export const TargetInput = z.object({
  text: Text("the target", 2000),
  byWhen: IsoDate.nullish(),
  monitor: Optional(200).default(""),
  budget: Optional(500).default(""),
  nextYearTarget: Optional(1000).default(""),
  ownerId: z.uuid().nullish(),
});

/** Binds a target to a measure (`measure: null` makes it manual again); edits its other fields. */
export const TargetPatch = z.object({
  measure: z.string().max(100).nullish(),
  goal: z.number({ error: "Give the goal as a number" }).finite().nullish(),
  deadline: IsoDate.nullish(),
  text: Text("the target", 2000).optional(),
  byWhen: IsoDate.nullish(),
  monitor: Optional(200).optional(),
  budget: Optional(500).optional(),
  nextYearTarget: Optional(1000).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  ownerId: z.uuid().nullish(),
  /** Why it changed (kept with the earlier version). */
  reason: Optional(1000).optional(),
});
export type TargetPatch = z.infer<typeof TargetPatch>;

export const TargetRevision = z.object({
  version: z.number(),
  at: z.string(),
  reason: z.string().nullable(),
  before: z.object({
    text: z.string(),
    byWhen: z.string().nullable(),
    measure: z.string().nullable(),
    goal: z.number().nullable(),
    deadline: z.string().nullable(),
    status: z.string(),
    retired: z.boolean(),
  }),
});
export const TargetDetail = z.object({
  target: PlanTarget,
  revisions: z.array(TargetRevision),
});

export const ImportResult = z.object({
  objectives: z.number(),
  actions: z.number(),
  targets: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const UpdateInput = z.object({
  targetId: z.uuid({ error: "Choose the target" }),
  text: Text("the update", 5000),
  links: z
    .array(z.url({ protocol: /^https?$/, error: "Links start with https:// or http://" }))
    .max(10, "At most 10 links")
    .default([]),
  fileIds: z.array(z.uuid()).max(10, "At most 10 files").default([]),
  status: z.enum(PLAN_STATUSES).optional(),
});
export const PlanUpdate = z.object({
  id: z.uuid(),
  targetId: z.uuid(),
  targetText: z.string(),
  text: z.string(),
  links: z.array(z.string()),
  files: z.array(z.object({ id: z.uuid(), name: z.string() })),
  status: z.enum(PLAN_STATUSES).nullable(),
  authorName: z.string(),
  at: z.string(),
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;
export const UpdateQuery = z.object({ targetId: z.uuid().optional() });
export const PlanFile = z.object({ id: z.uuid(), name: z.string() });

export const ReviewInput = z.object({ title: Text("the review a title", 200), dueOn: IsoDate });
export const Review = z.object({
  id: z.uuid(),
  title: z.string(),
  dueOn: z.string(),
  status: z.enum(["open", "closed"]),
  asked: z.number(),
  decisions: z.array(
    z.object({
      targetId: z.uuid(),
      targetText: z.string(),
      decision: z.enum(REVIEW_DECISIONS),
      note: z.string(),
    }),
  ),
});
export type Review = z.infer<typeof Review>;
export const DecisionInput = z.object({
  targetId: z.uuid({ error: "Choose the target" }),
  decision: z.enum(REVIEW_DECISIONS, { error: "Choose continue, revise or retire" }),
  note: Optional(2000).default(""),
  /** For "revise": the target's new wording, goal or deadline (the old one is kept). */
  revised: z
    .object({
      text: Text("the target", 2000).optional(),
      goal: z.number().finite().nullish(),
      deadline: IsoDate.nullish(),
    })
    .optional(),
});
export const ReviewParams = z.object({ id: z.uuid(), reviewId: z.uuid() });

export const GovernanceQuery = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((q) => q.to >= q.from, { path: ["to"], error: "The end comes after the start" });
export const GovernanceReport = z.object({
  from: z.string(),
  to: z.string(),
  moved: z.array(
    z.object({
      targetId: z.uuid(),
      text: z.string(),
      from: z.number().nullable(),
      to: z.number().nullable(),
    }),
  ),
  atRisk: z.array(z.object({ targetId: z.uuid(), text: z.string(), status: z.enum(PLAN_STATUSES) })),
  due: z.array(z.object({ targetId: z.uuid(), text: z.string(), byWhen: z.string() })),
  updates: z.number(),
  decisions: z.array(z.object({ targetId: z.uuid(), text: z.string(), decision: z.enum(REVIEW_DECISIONS) })),
});
export type GovernanceReport = z.infer<typeof GovernanceReport>;

export const GlossaryEntry = z.object({
  abbreviation: Text("the abbreviation", 20),
  meaning: Text("what it means", 200),
});
export const Glossary = z.array(GlossaryEntry).max(200, "At most 200 roles");
export type Glossary = z.infer<typeof Glossary>;

export const PlanIdParams = z.object({ id: z.uuid() });
export const ObjectiveParams = z.object({ id: z.uuid(), objectiveId: z.uuid() });
export const ActionParams = z.object({ id: z.uuid(), actionId: z.uuid() });
export const TargetParams = z.object({ id: z.uuid(), targetId: z.uuid() });
export const FileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

/** Moves an objective, action or target one place up or down among its neighbours. */
export const MoveInput = z.object({
  direction: z.enum(["up", "down"], { error: "Say whether it moves up or down" }),
});
export type MoveInput = z.infer<typeof MoveInput>;

/** What the hub publishes of a plan: a summary anyone may read, with the objectives it chose. */
export const PlanPublicationInput = z.object({
  published: z.boolean(),
  summary: Optional(3000).default(""),
  objectiveIds: z.array(z.uuid()).max(200, "At most 200 objectives").default([]),
  /** List each shown objective's targets, with their status and latest measured value. */
  showTargets: z.boolean().default(false),
});
export type PlanPublicationInput = z.infer<typeof PlanPublicationInput>;
export const PlanPublication = z.object({
  published: z.boolean(),
  summary: z.string(),
  objectiveIds: z.array(z.uuid()),
  showTargets: z.boolean(),
  publishedAt: z.string().nullable(),
  /** Where the public page is (for the hub's own link). */
  href: z.string(),
});
export type PlanPublication = z.infer<typeof PlanPublication>;

/** A published plan as anyone reads it: no ids, no people, no budgets, no evidence. */
export const PublicPlanTarget = z.object({
  text: z.string(),
  byWhen: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  statusLabel: z.string(),
  /** The latest recorded value in words ("42% (21 of 50)"), or null: recorded by hand, or not measured yet. */
  value: z.string().nullable(),
  /** The day of that value. */
  asOf: z.string().nullable(),
  goal: z.string().nullable(),
});
export const PublicPlanObjective = z.object({
  number: z.number(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  statusLabel: z.string(),
  targets: z.array(PublicPlanTarget),
});
export const PublicPlan = z.object({
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  summary: z.string(),
  publishedOn: z.string().nullable(),
  objectives: z.array(PublicPlanObjective),
});
export const PublicPlans = z.object({ hubName: z.string(), plans: z.array(PublicPlan) });
export type PublicPlans = z.infer<typeof PublicPlans>;
