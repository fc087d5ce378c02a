import { z } from "zod";
import { AcademicYear } from "../rules/academic-year";
import { MUSIC_FIGURES, type MusicFigureKey } from "./schools";

// Questionnaires: templates a hub designs (sections of questions), published as numbered
// versions, and responses schools fill in against one version (decision 019).

export const QUESTIONNAIRE_PURPOSES = [
  "audit",
  "lead_school_application",
  "quality_mark_self_evaluation",
  "cpd_feedback",
  "other",
] as const;
export const QuestionnairePurpose = z.enum(QUESTIONNAIRE_PURPOSES, {
  error: "Choose what the questionnaire is for",
});
export type QuestionnairePurpose = z.infer<typeof QuestionnairePurpose>;

export const PURPOSE_LABELS: Record<QuestionnairePurpose, string> = {
  audit: "Audit before a visit",
  lead_school_application: "Lead School application",
  quality_mark_self_evaluation: "Quality mark self-evaluation",
  cpd_feedback: "CPD feedback",
  other: "Other",
};

export const QUESTION_KINDS = [
  "short_text",
  "long_text",
  "single_choice",
  "multiple_choice",
  "scale",
  "number",
  "yes_no",
  "date",
  "file",
  "register_figure",
] as const;
export const QuestionKind = z.enum(QUESTION_KINDS, { error: "Choose a kind of question" });
export type QuestionKind = z.infer<typeof QuestionKind>;

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  short_text: "Short text",
  long_text: "Long text",
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  scale: "Scale with labelled levels",
  number: "Number",
  yes_no: "Yes / no",
  date: "Date",
  file: "File upload",
  register_figure: "Figure from the register",
};

const FIGURE_KEYS = MUSIC_FIGURES.map((f) => f.key) as [MusicFigureKey, ...MusicFigureKey[]];
export const RegisterFigure = z.enum(FIGURE_KEYS, { error: "Choose a figure from the register" });

/** A question's or option's key: kept in answers and exports, so short and plain. */
export const QuestionKey = z.string({ error: "A key is needed" }).regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
  error: "A key is 1 to 40 lower-case letters, digits, - or _",
});

export const ChoiceOption = z.object({
  value: QuestionKey,
  label: z.string({ error: "An option needs a label" }).trim().min(1, "An option needs a label").max(200),
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

export const ScaleLevel = z.object({
  value: z.number({ error: "A level is a whole number" }).int("A level is a whole number").min(0).max(100),
  label: z.string({ error: "A level needs a label" }).trim().min(1, "A level needs a label").max(200),
});
export type ScaleLevel = z.infer<typeof ScaleLevel>;

/** Show the question only when another question's answer is (or includes) `equals`. */
export const QuestionCondition = z.object({
  questionId: QuestionKey,
  /** "yes"/"no" for a yes/no question; an option's value for a choice question. */
  equals: z.string({ error: "Say which answer shows the question" }).min(1).max(40),
});
export type QuestionCondition = z.infer<typeof QuestionCondition>;

export const Question = z.object({
  id: QuestionKey,
  kind: QuestionKind,
  label: z
    .string({ error: "A question needs its wording" })
    .trim()
    .min(1, "A question needs its wording")
    .max(500, "Keep the wording under 500 characters"),
  help: z.string().max(1000, "Keep help text under 1,000 characters").optional(),
  required: z.boolean({ error: "Say whether the question must be answered" }),
  options: z.array(ChoiceOption).max(50, "At most 50 options").optional(),
  levels: z.array(ScaleLevel).max(11, "At most 11 levels").optional(),
  min: z.number({ error: "The lowest value is a number" }).optional(),
  max: z.number({ error: "The highest value is a number" }).optional(),
  wholeNumber: z.boolean().optional(),
  figure: RegisterFigure.optional(),
  condition: QuestionCondition.optional(),
});
export type Question = z.infer<typeof Question>;

export const Section = z.object({
  id: QuestionKey,
  title: z
    .string({ error: "A section needs a title" })
    .trim()
    .min(1, "A section needs a title")
    .max(200, "Keep a section title under 200 characters"),
  description: z.string().max(2000, "Keep a section description under 2,000 characters").optional(),
  questions: z.array(Question).max(200, "At most 200 questions in a section"),
});
export type Section = z.infer<typeof Section>;

export const Definition = z.object({
  sections: z.array(Section).max(50, "At most 50 sections"),
});
export type Definition = z.infer<typeof Definition>;

/** A stored file given as an answer. */
export const FileAnswer = z.object({ fileId: z.uuid(), name: z.string().max(300) });
export type FileAnswer = z.infer<typeof FileAnswer>;

/** One answer: text, a number, choices, a file, or null for "not answered". */
export const AnswerValue = z.union(
  [
    z.string().max(20_000, "Keep an answer under 20,000 characters"),
    z.number(),
    z.array(z.string().max(40)).max(50),
    FileAnswer,
    z.null(),
  ],
  { error: "That is not an answer this form can take" },
);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answers = z.record(QuestionKey, AnswerValue);
export type Answers = z.infer<typeof Answers>;

/** Problems with answers, by question id, in our own words. */
export type AnswerErrors = Record<string, string>;

// Templates

const Title = z
  .string({ error: "A questionnaire needs a title" })
  .trim()
  .min(1, "A questionnaire needs a title")
  .max(200, "Keep the title under 200 characters");

export const TemplateInput = z.object({
  title: Title,
  purpose: QuestionnairePurpose,
  academicYear: AcademicYear.nullable().optional(),
  definition: Definition.optional(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export const TemplatePatch = z.object({
  title: Title.optional(),
  purpose: QuestionnairePurpose.optional(),
  academicYear: AcademicYear.nullable().optional(),
  definition: Definition.optional(),
});
export type TemplatePatch = z.infer<typeof TemplatePatch>;

export const TemplateListQuery = z.object({ purpose: QuestionnairePurpose.optional() });

export const TemplateSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: QuestionnairePurpose,
  academicYear: z.string().nullable(),
  latestVersion: z.number().int().nullable(),
  /** The draft differs from the latest published version (or nothing is published yet). */
  hasUnpublishedChanges: z.boolean(),
  responses: z.number().int(),
  submitted: z.number().int(),
  updatedAt: z.string(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const VersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const Template = TemplateSummary.extend({
  draft: Definition,
  /** Problems that stop the draft being published; empty when it can be. */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  versions: z.array(VersionSummary),
});
export type Template = z.infer<typeof Template>;

export const PublishResult = z.object({
  version: z.number().int(),
  /** False when the draft was the same as the latest version: nothing new was published. */
  created: z.boolean(),
});
export type PublishResult = z.infer<typeof PublishResult>;

export const DuplicateRequest = z.object({
  title: Title.optional(),
  academicYear: AcademicYear.nullable().optional(),
});
export type DuplicateRequest = z.infer<typeof DuplicateRequest>;

export const TEMPLATE_EXPORT_FORMAT = "tutti-questionnaire";

/** A template as a JSON file, to carry between hubs. */
export const TemplateExport = z.object({
  format: z.literal(TEMPLATE_EXPORT_FORMAT, { error: "This is not a Tutti questionnaire file" }),
  formatVersion: z.literal(1, { error: "This questionnaire file is from a version of Tutti we cannot read" }),
  title: Title,
  purpose: QuestionnairePurpose,
  academicYear: AcademicYear.nullable(),
  definition: Definition,
});
export type TemplateExport = z.infer<typeof TemplateExport>;

// Responses

export const RESPONSE_STATUSES = ["draft", "submitted"] as const;
export const ResponseStatus = z.enum(RESPONSE_STATUSES);

export const ResponseSummary = z.object({
  id: z.uuid(),
  templateId: z.uuid(),
  templateTitle: z.string(),
  version: z.number().int(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  schoolUrn: z.number().int(),
  status: ResponseStatus,
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ResponseSummary = z.infer<typeof ResponseSummary>;

export const QuestionnaireResponse = ResponseSummary.extend({
  definition: Definition,
  answers: Answers,
  /** What stops submission now, by question id (the same rule the form runs). */
  errors: z.record(z.string(), z.string()),
});
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;

export const ResponseListQuery = z.object({
  templateId: z.uuid().optional(),
  schoolId: z.uuid().optional(),
  status: ResponseStatus.optional(),
});
export type ResponseListQuery = z.infer<typeof ResponseListQuery>;

export const StartResponseRequest = z.object({
  templateId: z.uuid({ error: "Choose a questionnaire" }),
  /** Hub users fill in on a school's behalf; a school user's own school is used. */
  schoolId: z.uuid({ error: "Choose a school" }).optional(),
});
export type StartResponseRequest = z.infer<typeof StartResponseRequest>;

export const AnswersPatch = z.object({ answers: Answers });
export type AnswersPatch = z.infer<typeof AnswersPatch>;

export const AvailableQuestionnaire = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: QuestionnairePurpose,
  academicYear: z.string().nullable(),
  latestVersion: z.number().int(),
});
export type AvailableQuestionnaire = z.infer<typeof AvailableQuestionnaire>;

export const ResponseExportQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });
export const FileUploadQuery = z.object({ questionId: QuestionKey });
export const TemplateIdParams = z.object({ id: z.uuid() });
export const ResponseFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
