import { PassThrough, Readable } from "node:stream";
import {
  exportQuestions,
  responseExportHeaders,
  responseExportRow,
} from "../../../shared/rules/questionnaire-export";
import type { ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden, notFound } from "../../platform/errors";
import { canSeeAllResponses } from "./questionnaires.policy";
import { questionnairesRepository } from "./questionnaires.repository";

export type ResponseExport = { fileName: string; contentType: string; body: Readable };

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "questionnaire";

/**
 * Every response to a template, one row per response and one column per question (across all
 * its versions: a question keeps its column by key), as CSV (UTF-8 with BOM) or XLSX.
 */
export const exportResponses = async (
  ctx: ServiceContext,
  templateId: string,
  format: "csv" | "xlsx",
): Promise<ResponseExport> => {
  if (!canSeeAllResponses(ctx.actor)) throw forbidden();
  const repo = questionnairesRepository(ctx.db);
  const template = await repo.template(ctx.actor.hubId, templateId);
  if (!template) throw notFound("The questionnaire");
  const versions = await repo.versions(ctx.actor.hubId, templateId);
  const questions = exportQuestions(versions.map((v) => v.version.definition));
  const responses = await repo.listResponses(ctx.actor.hubId, { templateId });
  const headers = responseExportHeaders(questions);
  const rows = responses.map((r) =>
    responseExportRow(questions, {
      schoolName: r.schoolName,
      schoolUrn: r.schoolUrn,
      status: r.row.status,
      version: r.version,
      submittedAt: r.row.submittedAt,
      answers: r.row.answers,
    }),
  );
  const day = ctx.clock().toISOString().slice(0, 10);
  const fileName = `${slug(template.title)}-responses-${day}.${format}`;
  if (format === "csv")
    return {
      fileName,
      contentType: "text/csv; charset=utf-8",
      body: Readable.from([csvDocument(headers, rows)]),
    };
  const body = new PassThrough();
  // exceljs takes ~1 s to load: only an XLSX export pays for it (decision 014).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Responses", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 40 : i < 5 ? 12 : 30;
  });
  for (const row of rows) sheet.addRow(row);
  void workbook.xlsx
    .write(body)
    .then(() => body.end())
    .catch((err: unknown) => body.destroy(err instanceof Error ? err : new Error(String(err))));
  return {
    fileName,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body,
  };
};
