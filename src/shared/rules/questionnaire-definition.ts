import type { FieldProblem } from "../schemas/common";
import type { Definition, Question } from "../schemas/questionnaires";

const CHOICE_KINDS = new Set(["single_choice", "multiple_choice"]);

const duplicates = (values: readonly (string | number)[]): Set<string | number> => {
  const seen = new Set<string | number>();
  const twice = new Set<string | number>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return twice;
};

const questionProblems = (q: Question, at: string, earlier: Map<string, Question>): FieldProblem[] => {
  const out: FieldProblem[] = [];
  const add = (field: string, message: string) => out.push({ path: `${at}.${field}`, message });
  if (CHOICE_KINDS.has(q.kind)) {
    const options = q.options ?? [];
    if (options.length < 2) add("options", `“${q.label}” needs at least two options`);
    if (duplicates(options.map((o) => o.value)).size)
      add("options", `“${q.label}” has two options with the same key`);
  }
  if (q.kind === "scale") {
    const levels = q.levels ?? [];
    if (levels.length < 2) add("levels", `“${q.label}” needs at least two labelled levels`);
    if (duplicates(levels.map((l) => l.value)).size)
      add("levels", `“${q.label}” has two levels with the same value`);
  }
  if (q.kind === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max)
    add("max", `“${q.label}”: the highest value is below the lowest`);
  if (q.kind === "register_figure" && !q.figure)
    add("figure", `“${q.label}”: choose which figure to prefill`);
  const c = q.condition;
  if (c) {
    const on = earlier.get(c.questionId);
    if (!on) add("condition", `“${q.label}” can only depend on a question asked before it`);
    else if (on.kind === "yes_no") {
      if (c.equals !== "yes" && c.equals !== "no") add("condition", `“${q.label}”: choose yes or no`);
    } else if (CHOICE_KINDS.has(on.kind)) {
      if (!(on.options ?? []).some((o) => o.value === c.equals))
        add("condition", `“${q.label}”: choose one of the options of “${on.label}”`);
    } else add("condition", `“${q.label}” can only depend on a yes/no or choice question`);
  }
  return out;
};

/**
 * What stops a definition from being published, each with its path (`sections.0.questions.2.options`):
 * no questions, repeated keys, choice questions with fewer than two options, scales with fewer
 * than two levels, a range upside down, a register figure not chosen, and conditions that do
 * not point back to an earlier yes/no or choice question and one of its answers.
 */
export const checkDefinition = (definition: Definition): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  const questions = definition.sections.flatMap((s) => s.questions);
  if (!questions.length) problems.push({ path: "sections", message: "Add at least one question" });
  for (const id of duplicates(definition.sections.map((s) => s.id)))
    problems.push({ path: "sections", message: `Two sections have the key “${id}”` });
  for (const id of duplicates(questions.map((q) => q.id)))
    problems.push({ path: "sections", message: `Two questions have the key “${id}”` });
  const earlier = new Map<string, Question>();
  definition.sections.forEach((s, si) => {
    if (!s.questions.length)
      problems.push({
        path: `sections.${si}.questions`,
        message: `The section “${s.title}” has no questions`,
      });
    s.questions.forEach((q, qi) => {
      problems.push(...questionProblems(q, `sections.${si}.questions.${qi}`, earlier));
      earlier.set(q.id, q);
    });
  });
  return problems;
};

/** Whether two definitions are the same (key order aside): publishing an unchanged draft makes no version. */
export const sameDefinition = (a: Definition, b: Definition): boolean => canonical(a) === canonical(b);

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([x], [y]) => x.localeCompare(y)),
        )
      : value,
  );
