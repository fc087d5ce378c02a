import type { Answers, AnswerValue, Definition, Question } from "../schemas/questionnaires";
import { allQuestions } from "./questionnaire-conditions";

export type ExportCell = string | number | null;

/**
 * The question columns of an export over responses given against several versions: every
 * question of the newest version in order, then questions only older versions had (newest
 * first). A question keeps one column across versions by its key, headed by its newest wording.
 */
export const exportQuestions = (definitionsNewestFirst: readonly Definition[]): Question[] => {
  const seen = new Set<string>();
  const out: Question[] = [];
  for (const d of definitionsNewestFirst)
    for (const q of allQuestions(d)) {
      if (seen.has(q.id)) continue;
      seen.add(q.id);
      out.push(q);
    }
  return out;
};

/** One answer as a spreadsheet cell, in words: option labels, "Yes"/"No", a level's label, a file's name. */
export const answerCell = (q: Question, v: AnswerValue | undefined): ExportCell => {
  if (v === undefined || v === null) return null;
  const optionLabel = (x: string) => q.options?.find((o) => o.value === x)?.label ?? x;
  if (Array.isArray(v)) return v.map(optionLabel).join("; ");
  if (typeof v === "object") return v.name;
  if (q.kind === "yes_no") return v === "yes" ? "Yes" : v === "no" ? "No" : v;
  if (q.kind === "single_choice" && typeof v === "string") return optionLabel(v);
  if (q.kind === "scale" && typeof v === "number") {
    const level = q.levels?.find((l) => l.value === v);
    return level ? `${v} – ${level.label}` : v;
  }
  return v;
};

export type ExportResponse = {
  schoolName: string;
  schoolUrn: number;
  status: "draft" | "submitted";
  version: number;
  submittedAt: Date | null;
  answers: Answers;
};

export const RESPONSE_EXPORT_FIXED = ["School", "URN", "Status", "Version", "Submitted"] as const;

/** The header row: the fixed columns, then one per question (its wording). */
export const responseExportHeaders = (questions: readonly Question[]): string[] => [
  ...RESPONSE_EXPORT_FIXED,
  ...questions.map((q) => q.label),
];

/** One response as one row, under `responseExportHeaders`. Dates as dd/mm/yyyy (UK). */
export const responseExportRow = (questions: readonly Question[], r: ExportResponse): ExportCell[] => [
  r.schoolName,
  r.schoolUrn,
  r.status === "submitted" ? "Submitted" : "Draft",
  r.version,
  r.submittedAt ? r.submittedAt.toLocaleDateString("en-GB", { timeZone: "Europe/London" }) : null,
  ...questions.map((q) => answerCell(q, r.answers[q.id])),
];
