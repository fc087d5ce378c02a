import type { z } from "zod";
import { FOCUS_AREA_LABELS, type FocusArea } from "../../../shared/rules/focus-areas";
import {
  type CoverageLead,
  coverageWhatIf,
  leadSchoolCoverage,
  SETTING_LABELS,
  settingsOf,
} from "../../../shared/rules/lead-school-coverage";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Paged } from "../../../shared/schemas/common";
import type {
  LeadSchool,
  LeadSchoolCoverage,
  LeadSchoolDetail,
  LeadSchoolInput,
  LeadSchoolListQuery,
  LedgerInput,
} from "../../../shared/schemas/lead-schools";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { createPdf } from "../../platform/documents/pdf-document";
import { forbidden, invalid, notFound } from "../../platform/errors";
import { hubReads } from "../../platform/hub-reads";
import { londonDate } from "../engagement/visits.calendar";
import { coverageScope } from "./coverage-scope";
import { can, type LeadSchoolAction } from "./lead-schools.policy";
import { type LeadRow, leadSchoolsRepository } from "./lead-schools.repository";

export const requireCan = (ctx: ServiceContext, action: LeadSchoolAction): void => {
  if (!can(ctx.actor, action)) throw forbidden();
};

export const today = (ctx: ServiceContext): string => londonDate(ctx.clock());

type LeadJoined = {
  lead: LeadRow;
  urn: number;
  schoolName: string;
  phase: string;
  laCode: string;
  area: string | null;
  roundTitle: string | null;
};

const inOffice = (l: LeadRow, on: string) =>
  l.fromDate <= on && l.toDate >= on && (l.endedOn === null || l.endedOn > on);

export const presentLead = (r: LeadJoined, on: string): LeadSchool => ({
  id: r.lead.id,
  urn: r.urn,
  schoolName: r.schoolName,
  phase: r.phase,
  setting: [...settingsOf(r.phase)],
  area: r.area,
  laCode: r.laCode,
  focusAreas: r.lead.focusAreas as FocusArea[],
  from: r.lead.fromDate,
  to: r.lead.toDate,
  announceOn: r.lead.announceOn,
  endedOn: r.lead.endedOn,
  inOffice: inOffice(r.lead, on),
  roundTitle: r.roundTitle,
});

/** The one refusal for a closed school, used by direct appointments and appointments from a round. */
export const refuseClosed = (school: { status: string }) => {
  if (school.status === "closed")
    throw invalid("This school is closed: it cannot be appointed a Lead School", [
      { path: "urn", message: "This school is closed" },
    ]);
};

/** `POST /api/lead-schools`: records a Lead School appointed before the hub used Tutti. */
export const recordLeadSchool = async (ctx: ServiceContext, input: LeadSchoolInput): Promise<LeadSchool> => {
  requireCan(ctx, "manage");
  return inTransaction(ctx, async (tx) => {
    const repo = leadSchoolsRepository(tx.db);
    const school = await repo.schoolByUrn(tx.actor.hubId, input.urn);
    if (!school)
      throw invalid("No school of this hub has that URN", [
        { path: "urn", message: "No school of this hub has that URN" },
      ]);
    refuseClosed(school);
    const lead = await repo.insertLead({
      hubId: tx.actor.hubId,
      schoolId: school.id,
      focusAreas: [...new Set(input.focusAreas)],
      fromDate: input.from,
      toDate: input.to,
      announceOn: input.from,
      announcedAt: tx.clock(),
    });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "lead_school",
      entityId: lead.id,
      after: lead,
    });
    const row = await repo.lead(tx.actor.hubId, lead.id);
    if (!row) throw new Error("unreachable");
    return presentLead(row, today(tx));
  });
};

export const listLeadSchools = async (
  ctx: ServiceContext,
  q: LeadSchoolListQuery,
): Promise<Paged<LeadSchool>> => {
  requireCan(ctx, "see");
  const on = today(ctx);
  const { items, total } = await leadSchoolsRepository(ctx.db).listLeads(ctx.actor.hubId, q, on);
  return { items: items.map((r) => presentLead(r, on)), total, page: q.page, pageSize: q.pageSize };
};

export const LEAD_EXPORT_LIMIT = 50_000;

export const exportLeadSchools = async (
  ctx: ServiceContext,
  q: Omit<LeadSchoolListQuery, "page" | "pageSize">,
) => {
  const page = await listLeadSchools(ctx, { ...q, page: 1, pageSize: LEAD_EXPORT_LIMIT });
  return csvDocument(
    [
      "URN",
      "School",
      "Setting",
      "Area",
      "LA code",
      "Focus areas (codes)",
      "Focus areas",
      "From",
      "To",
      "In office",
      "Round",
    ],
    page.items.map((l) => [
      l.urn,
      l.schoolName,
      l.setting.map((s) => SETTING_LABELS[s]).join("; "),
      l.area ?? "",
      l.laCode,
      l.focusAreas.join(";"),
      l.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join("; "),
      l.from,
      l.to,
      l.inOffice ? "yes" : "no",
      l.roundTitle ?? "",
    ]),
  );
};

export const getLeadSchool = async (
  ctx: ServiceContext,
  id: string,
): Promise<z.infer<typeof LeadSchoolDetail>> => {
  requireCan(ctx, "see");
  const repo = leadSchoolsRepository(ctx.db);
  const row = await repo.lead(ctx.actor.hubId, id);
  if (!row) throw notFound("The Lead School");
  const ledger = await repo.ledger(ctx.actor.hubId, id);
  return {
    ...presentLead(row, today(ctx)),
    ledger: ledger.map((e) => ({
      id: e.id,
      entry: e.entry,
      kind: e.kind,
      date: e.date,
      amount: e.amount,
      count: e.count,
      continues: e.continues,
      text: e.text,
    })),
  };
};

/**
 * Adds to a Lead School's benefits ledger (hub admins), activity log (hub admins and staff) or
 * annual reviews (hub admins). A review that does not continue ends the appointment on its date.
 */
export const addLedgerEntry = async (ctx: ServiceContext, id: string, input: LedgerInput) => {
  requireCan(ctx, input.entry === "activity" ? "see" : "manage");
  return inTransaction(ctx, async (tx) => {
    const repo = leadSchoolsRepository(tx.db);
    const row = await repo.lead(tx.actor.hubId, id);
    if (!row) throw notFound("The Lead School");
    const entry = await repo.insertLedger({
      hubId: tx.actor.hubId,
      leadSchoolId: id,
      entry: input.entry,
      kind: input.kind,
      date: input.date,
      amount: input.entry === "benefit" ? (input.amount ?? null) : null,
      count: input.entry === "activity" ? (input.count ?? null) : null,
      continues: input.entry === "review" ? input.continues : null,
      text: input.text,
      createdBy: tx.actor.userId,
    });
    if (input.entry === "review" && !input.continues) await repo.endLead(tx.actor.hubId, id, input.date);
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: `lead_school_${input.entry}`,
      entityId: entry.id,
      after: entry,
    });
    return getLeadSchool(tx, id);
  });
};

/**
 * The coverage of the Lead Schools in office today, and optionally how one candidate (a school
 * by URN, with the focus areas it would lead) would change it.
 */
export const leadSchoolCoverageFor = async (
  ctx: ServiceContext,
  candidate?: { urn: number; focusAreas?: FocusArea[] },
): Promise<LeadSchoolCoverage> => {
  requireCan(ctx, "see");
  const on = today(ctx);
  const key = candidate ? `${on} ${candidate.urn} ${[...(candidate.focusAreas ?? [])].sort().join(",")}` : on;
  return keptCoverage.forActor(ctx, key, () => computeCoverage(ctx, on, candidate));
};

/**
 * Coverage answers, kept per hub, day and candidate while the hub's schools and Lead Schools
 * have not changed (platform/hub-reads.ts, decision 030).
 */
const keptCoverage = hubReads<LeadSchoolCoverage>("lead-school-coverage", {
  topics: ["schools", "lead_schools"],
  max: 1000,
});

const computeCoverage = async (
  ctx: ServiceContext,
  on: string,
  candidate?: { urn: number; focusAreas?: FocusArea[] },
): Promise<LeadSchoolCoverage> => {
  const repo = leadSchoolsRepository(ctx.db);
  const [leads, scope] = await Promise.all([
    repo.leadsInOffice(ctx.actor.hubId, on),
    ctx.db === ctx.rootDb ? coverageScope(ctx.rootDb, ctx.actor.hubId) : repo.scope(ctx.actor.hubId),
  ]);
  const result = leadSchoolCoverage(leads, scope);
  if (!candidate) return { on, ...result };
  const school = await repo.schoolByUrn(ctx.actor.hubId, candidate.urn);
  if (!school) throw notFound("The school");
  const current = leads.find((l) => l.urn === school.urn);
  const c: CoverageLead = {
    urn: school.urn,
    name: school.name,
    phase: school.phase,
    areaId: school.areaId,
    laCode: school.laCode,
    focusAreas: [...new Set([...(current?.focusAreas ?? []), ...(candidate.focusAreas ?? [])])],
  };
  const w = coverageWhatIf(leads, scope, c, result);
  return { on, ...result, whatIf: { urn: school.urn, schoolName: school.name, ...w } };
};

/** The kitemark badge of a Lead School as a one-page PDF in the hub's colour (benefits ledger). */
export const kitemarkPdf = async (
  ctx: ServiceContext,
  id: string,
): Promise<{ name: string; body: Buffer }> => {
  const lead = await getLeadSchool(ctx, id);
  const hub = await leadSchoolsRepository(ctx.db).hubBrand(ctx.actor.hubId);
  const pdf = await createPdf({
    hub: { name: hub?.name ?? ctx.actor.hubName, colour: hub?.colour ?? "#1f4e79" },
    title: `Lead School: ${lead.schoolName}`,
    date: ctx.clock(),
  });
  pdf
    .heading(`${lead.schoolName} is a Lead School of ${hub?.name ?? ctx.actor.hubName}`)
    .paragraph(`From ${formatUkDate(lead.from)} to ${formatUkDate(lead.to)}.`)
    .heading("Leading")
    .paragraph(lead.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join("\n"));
  return { name: `lead-school-${lead.urn}.pdf`, body: await pdf.toBuffer() };
};
