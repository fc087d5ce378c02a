/**
 * The plan spreadsheet (issue 14): one row per target, columns named as written (any order,
 * extra columns ignored). A blank "Objective number", "Objective" or "Action" means "the same
 * as the row above" (merged cells out of Word and Excel). Pure: the server's reader turns a CSV
 * or XLSX file into rows of text and this rule does the rest.
 */

export const PLAN_COLUMNS = {
  objectiveNumber: "Objective number",
  objective: "Objective",
  action: "Action",
  lead: "Lead",
  target: "Target",
  byWhen: "By when",
  monitor: "Monitor",
  budget: "Budget",
  nextYearTarget: "Next year target",
} as const;

export type PlanColumnKey = keyof typeof PLAN_COLUMNS;

/** The template's columns, in order. */
export const PLAN_TEMPLATE_HEADER: readonly string[] = Object.values(PLAN_COLUMNS);

const REQUIRED: readonly PlanColumnKey[] = ["objectiveNumber", "objective", "action", "target"];

export type PlanImportError = { row: number; column: string; message: string };

export type ImportedTarget = {
  text: string;
  byWhen: string | null;
  monitor: string;
  budget: string;
  nextYearTarget: string;
};
export type ImportedAction = { text: string; lead: string; targets: ImportedTarget[] };
export type ImportedObjective = { number: number; title: string; actions: ImportedAction[] };

export type PlanImportResult = {
  objectives: ImportedObjective[];
  counts: { objectives: number; actions: number; targets: number };
  errors: PlanImportError[];
};

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const validDay = (y: number, m: number, d: number) =>
  y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);

/**
 * A "By when" as an ISO date: a date (2015-04-30, 30/04/2015) or a month (Apr 2015, April 2015,
 * 2015-04) as that month's last day; null when it is neither.
 */
export const parseByWhen = (raw: string): string | null => {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) ? iso(y, mo, d) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) ? iso(y, mo, d) : null;
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return validDay(y, mo, 1) ? iso(y, mo, daysIn(y, mo)) : null;
  }
  m = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const word = (m[1] ?? "").toLowerCase();
    const y = Number(m[2]);
    const index = MONTHS.findIndex((name) => word.length >= 3 && name.startsWith(word));
    if (index < 0) return null;
    const mo = index + 1;
    return validDay(y, mo, 1) ? iso(y, mo, daysIn(y, mo)) : null;
  }
  return null;
};

const key = (header: string) => header.replace(/\s+/g, " ").trim().toLowerCase();

/** Reads the rows (the first is the header): the plan's objectives, or every row error. */
export const parsePlanRows = (rows: readonly (readonly string[])[]): PlanImportResult => {
  const errors: PlanImportError[] = [];
  const empty: PlanImportResult = {
    objectives: [],
    counts: { objectives: 0, actions: 0, targets: 0 },
    errors,
  };
  const header = rows[0];
  if (!header) {
    errors.push({ row: 1, column: "", message: "The file is empty: it needs a header row" });
    return empty;
  }
  const index = new Map<PlanColumnKey, number>();
  const wanted = new Map(Object.entries(PLAN_COLUMNS).map(([k, name]) => [key(name), k as PlanColumnKey]));
  header.forEach((h, i) => {
    const k = wanted.get(key(h));
    if (k && !index.has(k)) index.set(k, i);
  });
  for (const k of REQUIRED)
    if (!index.has(k))
      errors.push({ row: 1, column: PLAN_COLUMNS[k], message: `The column "${PLAN_COLUMNS[k]}" is missing` });
  if (errors.length) return empty;

  const cell = (r: readonly string[], k: PlanColumnKey) => {
    const i = index.get(k);
    return i === undefined ? "" : (r[i] ?? "").trim();
  };
  const objectives: ImportedObjective[] = [];
  let objective: ImportedObjective | undefined;
  let action: ImportedAction | undefined;
  let actions = 0;
  let targets = 0;

  rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    if (r.every((c) => c.trim() === "")) return;
    const rowErrors: PlanImportError[] = [];
    const error = (k: PlanColumnKey, message: string) =>
      rowErrors.push({ row, column: PLAN_COLUMNS[k], message });

    const numberText = cell(r, "objectiveNumber");
    const titleText = cell(r, "objective");
    const actionText = cell(r, "action");
    let number = objective?.number;
    if (numberText) {
      const n = Number(numberText.replace(/\.$/, ""));
      if (!Number.isInteger(n) || n < 1) error("objectiveNumber", "Must be a whole number, like 1 or 2");
      else number = n;
    } else if (!objective) error("objectiveNumber", "The first row needs an objective number");

    let next = objective;
    if (rowErrors.length) {
      errors.push(...rowErrors);
      return;
    }
    if (number !== undefined && (!objective || number !== objective.number)) {
      const existing = objectives.find((o) => o.number === number);
      if (existing) {
        if (titleText && titleText !== existing.title)
          error("objective", `Objective ${number} is already named "${existing.title}"`);
        next = existing;
      } else if (!titleText) error("objective", `Objective ${number} needs a title`);
      else next = { number, title: titleText, actions: [] };
    } else if (objective && titleText && titleText !== objective.title) {
      if (numberText)
        error("objective", `Objective ${objective.number} is already named "${objective.title}"`);
      else error("objectiveNumber", "A new objective needs its own number");
    }
    const sameObjective = next === objective;
    if (!actionText && (!sameObjective || !action))
      error("action", "The objective's first row needs an action");

    // A bad date does not stop the row's objective and action being known (no knock-on errors).
    const byWhenText = cell(r, "byWhen");
    const byWhen = byWhenText ? parseByWhen(byWhenText) : null;
    if (byWhenText && !byWhen)
      errors.push({
        row,
        column: PLAN_COLUMNS.byWhen,
        message: "Must be a date (2026-04-30 or 30/04/2026) or a month (Apr 2026, April 2026, 2026-04)",
      });
    if (rowErrors.length || !next) {
      errors.push(...rowErrors);
      return;
    }
    if (!objectives.includes(next)) objectives.push(next);
    objective = next;
    if (actionText || !action || !sameObjective) {
      action = { text: actionText, lead: cell(r, "lead"), targets: [] };
      next.actions.push(action);
      actions++;
    } else if (!action.lead) action.lead = cell(r, "lead");
    const text = cell(r, "target");
    if (text) {
      action.targets.push({
        text,
        byWhen,
        monitor: cell(r, "monitor"),
        budget: cell(r, "budget"),
        nextYearTarget: cell(r, "nextYearTarget"),
      });
      targets++;
    }
  });
  if (errors.length) return empty;
  return { objectives, counts: { objectives: objectives.length, actions, targets }, errors };
};
