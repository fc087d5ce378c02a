import type { AnswerErrors, Answers, AnswerValue, Definition, Question } from "../schemas/questionnaires";
import { allQuestions, visibleQuestionIds } from "./questionnaire-conditions";

export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_MAX = 10_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isEmpty = (v: AnswerValue | undefined): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === "string" && v.trim() === "") ||
  (Array.isArray(v) && !v.length);

const isRealDate = (s: string): boolean => {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};

const fmt = (n: number): string => n.toLocaleString("en-GB");

const rangeMessage = (q: Question): string | null => {
  if (q.min !== undefined && q.max !== undefined) return `Enter a number from ${fmt(q.min)} to ${fmt(q.max)}`;
  if (q.min !== undefined) return `Enter a number of at least ${fmt(q.min)}`;
  if (q.max !== undefined) return `Enter a number no more than ${fmt(q.max)}`;
  return null;
};

/** The problem with one given (non-empty) answer to one question, or null. */
const answerProblem = (q: Question, v: AnswerValue): string | null => {
  switch (q.kind) {
    case "short_text":
    case "long_text": {
      if (typeof v !== "string") return "Answer in words";
      const max = q.kind === "short_text" ? SHORT_TEXT_MAX : LONG_TEXT_MAX;
      return v.length > max
        ? `Keep this answer under ${fmt(max)} characters (it has ${fmt(v.length)})`
        : null;
    }
    case "single_choice":
      return typeof v === "string" && (q.options ?? []).some((o) => o.value === v)
        ? null
        : "Choose one of the options";
    case "multiple_choice": {
      if (!Array.isArray(v)) return "Choose from the options";
      const known = new Set((q.options ?? []).map((o) => o.value));
      if (v.some((x) => !known.has(x))) return "Choose only from the options";
      return new Set(v).size === v.length ? null : "Choose each option once";
    }
    case "scale":
      return typeof v === "number" && (q.levels ?? []).some((l) => l.value === v)
        ? null
        : "Choose one of the levels";
    case "yes_no":
      return v === "yes" || v === "no" ? null : "Answer yes or no";
    case "date":
      return typeof v === "string" && isRealDate(v) ? null : "Enter a real date, for example 14/03/2026";
    case "file":
      return typeof v === "object" && v !== null && !Array.isArray(v) && "fileId" in v
        ? null
        : "Upload a file";
    case "number":
    case "register_figure": {
      if (typeof v !== "number" || !Number.isFinite(v)) return "Enter a number";
      const whole = q.kind === "register_figure" || q.wholeNumber;
      if (whole && !Number.isInteger(v)) return "Enter a whole number";
      const min = q.kind === "register_figure" ? 0 : q.min;
      if (min !== undefined && v < min) return rangeMessage({ ...q, min }) ?? "Enter a larger number";
      if (q.max !== undefined && v > q.max) return rangeMessage(q) ?? "Enter a smaller number";
      return null;
    }
  }
};

/**
 * What is wrong with these answers to this version, by question id, in our own words. Run the
 * same on the server and in the form. Only questions shown by their conditions count: a hidden
 * question is neither required nor checked. `draft` checks what is given but asks for nothing
 * (an autosaved draft may be unfinished); `submit` also asks for every required question.
 * Answers to questions the version does not have are reported under their own id.
 */
export const validateAnswers = (
  definition: Definition,
  answers: Answers,
  mode: "draft" | "submit" = "submit",
): AnswerErrors => {
  const errors: AnswerErrors = {};
  const visible = visibleQuestionIds(definition, answers);
  const questions = allQuestions(definition);
  const known = new Set(questions.map((q) => q.id));
  for (const q of questions) {
    if (!visible.has(q.id)) continue;
    const v = answers[q.id];
    if (isEmpty(v) || v === undefined) {
      if (mode === "submit" && q.required) errors[q.id] = "Answer this question";
      continue;
    }
    const problem = answerProblem(q, v);
    if (problem) errors[q.id] = problem;
  }
  for (const id of Object.keys(answers))
    if (!known.has(id)) errors[id] = "This questionnaire has no such question";
  return errors;
};
