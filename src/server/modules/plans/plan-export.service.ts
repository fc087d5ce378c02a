import { formatUkDate } from "../../../shared/rules/uk-date";
import { PLAN_STATUS_LABELS, type Plan } from "../../../shared/schemas/plans";
import type { ServiceContext } from "../../platform/context";
import { createPdf } from "../../platform/documents/pdf-document";
import { glossary } from "./plan-glossary.service";
import { plansRepository } from "./plans.repository";
import { getPlan } from "./plans.service";

/** The seed plan's columns, in its order, with a last column for progress. */
export const PLAN_EXPORT_COLUMNS = [
  "Objective",
  "Actions / resources",
  "Lead/s",
  "SMART targets and milestones",
  "By when",
  "Monitor",
  "Budget",
  "Next year targets",
  "Progress",
] as const;

const monthOf = (iso: string | null) => (iso ? formatUkDate(iso) : "");

/** One row per target (or per action without targets); an objective and an action are written once, like merged cells. */
export const planRows = (plan: Plan): string[][] => {
  const rows: string[][] = [];
  for (const o of plan.objectives) {
    let objectiveShown = false;
    const objectiveCell = () => {
      if (objectiveShown) return "";
      objectiveShown = true;
      return `${o.number}. ${o.title}`;
    };
    if (!o.actions.length)
      rows.push([objectiveCell(), "", "", "", "", "", "", "", PLAN_STATUS_LABELS[o.status].label]);
    for (const a of o.actions) {
      const targets = a.targets.filter((t) => !t.retired);
      if (!targets.length) rows.push([objectiveCell(), a.text, a.lead, "", "", "", "", "", ""]);
      targets.forEach((t, i) => {
        const progress = [
          PLAN_STATUS_LABELS[t.status].label,
          t.currentText ? `now ${t.currentText}` : "",
          t.goal !== null && t.measure
            ? `goal ${Math.round(t.goal * 1000) / 10}% by ${monthOf(t.deadline)}`
            : "",
        ]
          .filter(Boolean)
          .join("; ");
        rows.push([
          objectiveCell(),
          i === 0 ? a.text : "",
          i === 0 ? a.lead : "",
          t.text,
          monthOf(t.byWhen),
          t.monitor,
          t.budget,
          t.nextYearTarget,
          progress,
        ]);
      });
    }
  }
  return rows;
};

/** The plan as a landscape PDF in the seed plan's column layout, with the glossary of roles. */
export const planPdf = async (ctx: ServiceContext, id: string): Promise<{ name: string; body: Buffer }> => {
  const plan = await getPlan(ctx, id);
  const hub = await plansRepository(ctx.db).hub(ctx.actor.hubId);
  const roles = await glossary(ctx);
  const pdf = await createPdf({
    hub: { name: hub?.name ?? ctx.actor.hubName, colour: hub?.colour ?? "#1f4e79" },
    title: plan.title,
    orientation: "landscape",
    date: ctx.clock(),
  });
  pdf.paragraph(`${formatUkDate(plan.startsOn)} to ${formatUkDate(plan.endsOn)}`).table({
    columns: [
      { header: PLAN_EXPORT_COLUMNS[0], weight: 2.2 },
      { header: PLAN_EXPORT_COLUMNS[1], weight: 2.2 },
      { header: PLAN_EXPORT_COLUMNS[2], weight: 1 },
      { header: PLAN_EXPORT_COLUMNS[3], weight: 2.6 },
      { header: PLAN_EXPORT_COLUMNS[4], weight: 1.1 },
      { header: PLAN_EXPORT_COLUMNS[5], weight: 0.9 },
      { header: PLAN_EXPORT_COLUMNS[6], weight: 1 },
      { header: PLAN_EXPORT_COLUMNS[7], weight: 1.6 },
      { header: PLAN_EXPORT_COLUMNS[8], weight: 1.8 },
    ],
    rows: planRows(plan),
    empty: "This plan has no objectives yet.",
  });
  if (roles.length)
    pdf
      .gap()
      .heading("Roles")
      .fields(roles.map((r) => [r.abbreviation, r.meaning] as const));
  return { name: "plan.pdf", body: await pdf.toBuffer() };
};

/** The plan as an XLSX workbook: the same columns, one row per target, and a sheet of roles. */
export const planXlsx = async (ctx: ServiceContext, id: string): Promise<{ name: string; body: Buffer }> => {
  const plan = await getPlan(ctx, id);
  const roles = await glossary(ctx);
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Plan", { pageSetup: { orientation: "landscape" } });
  sheet.addRow([...PLAN_EXPORT_COLUMNS]).font = { bold: true };
  for (const r of planRows(plan)) sheet.addRow(r);
  sheet.columns.forEach((c) => {
    c.width = 26;
    c.alignment = { wrapText: true, vertical: "top" };
  });
  const rolesSheet = book.addWorksheet("Roles");
  rolesSheet.addRow(["Abbreviation", "Meaning"]).font = { bold: true };
  for (const r of roles) rolesSheet.addRow([r.abbreviation, r.meaning]);
  return { name: "plan.xlsx", body: Buffer.from(await book.xlsx.writeBuffer()) };
};
