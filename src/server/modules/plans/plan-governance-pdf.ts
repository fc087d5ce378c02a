import { formatUkDate } from "../../../shared/rules/uk-date";
import { PLAN_STATUS_LABELS } from "../../../shared/schemas/plans";
import type { ServiceContext } from "../../platform/context";
import { createPdf } from "../../platform/documents/pdf-document";
import { governanceReport } from "./plan-progress.service";
import { plansRepository } from "./plans.repository";
import { requirePlan } from "./plans.service";

const DECISION_LABELS = { continue: "Continue", revise: "Revise", retire: "Retire" } as const;

const share = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10}%`);

/**
 * The governance report for a date range as a PDF (platform/documents), for the papers of a
 * governance meeting: what moved, what is at risk, what falls due, the decisions taken.
 */
export const governancePdf = async (
  ctx: ServiceContext,
  planId: string,
  q: { from: string; to: string },
): Promise<{ name: string; body: Buffer }> => {
  const plan = await requirePlan(ctx, planId);
  const report = await governanceReport(ctx, planId, q);
  const hub = await plansRepository(ctx.db).hub(ctx.actor.hubId);
  const pdf = await createPdf({
    hub: { name: hub?.name ?? ctx.actor.hubName, colour: hub?.colour ?? "#1f4e79" },
    title: `Governance report: ${plan.title}`,
    date: ctx.clock(),
  });
  pdf
    .paragraph(
      `From ${formatUkDate(report.from)} to ${formatUkDate(report.to)}. ${report.updates} progress update${
        report.updates === 1 ? "" : "s"
      } posted in the period.`,
    )
    .heading("What moved")
    .table({
      columns: [
        { header: "Target", weight: 4 },
        { header: "From", weight: 1 },
        { header: "To", weight: 1 },
      ],
      rows: report.moved.map((m) => [m.text, share(m.from), share(m.to)]),
      empty: "No measured value moved in the period.",
    })
    .gap()
    .heading("At risk or off track")
    .table({
      columns: [
        { header: "Target", weight: 4 },
        { header: "Status", weight: 1.5 },
      ],
      rows: report.atRisk.map((t) => [t.text, PLAN_STATUS_LABELS[t.status].label]),
      empty: "No target is at risk or off track.",
    })
    .gap()
    .heading("Due in the period")
    .table({
      columns: [
        { header: "Target", weight: 4 },
        { header: "By when", weight: 1.5 },
      ],
      rows: report.due.map((t) => [t.text, formatUkDate(t.byWhen)]),
      empty: "No target falls due in the period.",
    })
    .gap()
    .heading("Decisions taken at reviews")
    .table({
      columns: [
        { header: "Target", weight: 4 },
        { header: "Decision", weight: 1.5 },
      ],
      rows: report.decisions.map((d) => [d.text, DECISION_LABELS[d.decision]]),
      empty: "No review decisions in the period.",
    });
  return { name: `governance-report-${report.from}-to-${report.to}.pdf`, body: await pdf.toBuffer() };
};
