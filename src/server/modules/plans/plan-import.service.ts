import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import {
  type ImportedObjective,
  PLAN_TEMPLATE_HEADER,
  type PlanImportError,
  parsePlanRows,
} from "../../../shared/rules/plan-import";
import type { ImportResult } from "../../../shared/schemas/plans";
import type { DbOrTx } from "../../db/client";
import { planActions, planObjectives, planTargets } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { requireContent } from "../../platform/storage";
import { decodeCsvText } from "../schools/music-data-csv";
import { requirePlan } from "./plans.service";

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (o.result !== undefined) return cellText(o.result);
    if (typeof o.text === "string") return o.text;
    return "";
  }
  return String(v);
};

/** The file's rows as text: CSV (UTF-8, with or without BOM, or Windows-1252) or the first sheet of an XLSX. */
export const readPlanRows = async (body: Buffer): Promise<string[][] | PlanImportError> => {
  const kind = await requireContent(body.subarray(0, 4100), ["csv", "xlsx"], "A plan");
  if (kind === "csv") {
    try {
      return parse(decodeCsvText(body), { relax_column_count: true, bom: true }) as string[][];
    } catch (err) {
      const line = (err as { lines?: number }).lines ?? 1;
      return { row: line, column: "", message: "This line cannot be read as CSV (check its quotes)" };
    }
  }
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
  }
  return rows;
};

/** Writes parsed objectives, their actions and targets into a plan (in the caller's transaction). */
export const insertObjectives = async (
  db: DbOrTx,
  hubId: string,
  planId: string,
  objectives: readonly ImportedObjective[],
): Promise<void> => {
  for (const o of objectives) {
    const [objective] = await db
      .insert(planObjectives)
      .values({ hubId, planId, number: o.number, title: o.title })
      .returning({ id: planObjectives.id });
    if (!objective) throw new Error("objective not saved");
    for (const [ai, a] of o.actions.entries()) {
      const [action] = await db
        .insert(planActions)
        .values({ hubId, planId, objectiveId: objective.id, position: ai + 1, text: a.text, lead: a.lead })
        .returning({ id: planActions.id });
      if (!action) throw new Error("action not saved");
      if (a.targets.length)
        await db
          .insert(planTargets)
          .values(a.targets.map((t, ti) => ({ hubId, planId, actionId: action.id, position: ti + 1, ...t })));
    }
  }
};

/**
 * Imports a plan spreadsheet into a plan: every objective, action and target in one
 * transaction, or, at any row error (or an objective number the plan already has), nothing.
 */
export const importPlan = async (
  ctx: ServiceContext,
  planId: string,
  body: Buffer,
): Promise<{ ok: boolean; result: ImportResult }> => {
  await requirePlan(ctx, planId);
  const rows = await readPlanRows(body);
  const failed = (errors: PlanImportError[]) => ({
    ok: false,
    result: { objectives: 0, actions: 0, targets: 0, errors },
  });
  if (!Array.isArray(rows)) return failed([rows]);
  const parsed = parsePlanRows(rows);
  if (parsed.errors.length) return failed(parsed.errors);
  return inTransaction(ctx, async (tx) => {
    const hubId = tx.actor.hubId;
    const existing = await tx.db
      .select({ number: planObjectives.number })
      .from(planObjectives)
      .where(and(eq(planObjectives.hubId, hubId), eq(planObjectives.planId, planId)));
    const taken = parsed.objectives.filter((o) => existing.some((e) => e.number === o.number));
    if (taken.length)
      return failed(
        taken.map((o) => ({
          row: 0,
          column: "Objective number",
          message: `This plan already has objective ${o.number}: import into an empty plan or renumber`,
        })),
      );
    await insertObjectives(tx.db, hubId, planId, parsed.objectives);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan",
      entityId: planId,
      after: { imported: parsed.counts },
    });
    return { ok: true, result: { ...parsed.counts, errors: [] } };
  });
};

const EXAMPLE: string[][] = [
  [
    "1",
    "Every school knows the hub and what it offers",
    "Visit schools and write up each visit",
    "SLE",
    "60% of schools visited",
    "Jul 2026",
    "Gov",
    "Within roles",
    "75% of schools visited",
  ],
  ["", "", "", "", "Every visit report approved within a month", "2026-07-31", "Exec", "", ""],
  [
    "2",
    "More pupils sing every week",
    "Singing days for primary schools",
    "AML",
    "Four singing days",
    "31/03/2026",
    "HoS",
    "£2,000 (hub grant)",
    "Six singing days",
  ],
];

/** The import template: the header and example rows, as CSV (through the one writer) or XLSX. */
export const planTemplateCsv = (): string => csvDocument(PLAN_TEMPLATE_HEADER, EXAMPLE);

export const planTemplateXlsx = async (): Promise<Buffer> => {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Plan");
  sheet.addRow([...PLAN_TEMPLATE_HEADER]).font = { bold: true };
  for (const r of EXAMPLE) sheet.addRow(r);
  sheet.columns.forEach((c) => {
    c.width = 24;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
};
