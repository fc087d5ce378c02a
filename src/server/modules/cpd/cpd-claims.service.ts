import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { formatPence } from "../../../shared/rules/cpd-price";
import { supplyCover, supplyCoverProblems } from "../../../shared/rules/cpd-supply-cover";
import { termOf, termRange } from "../../../shared/rules/cpd-term";
import type {
  CpdClaim,
  CpdClaimDecision,
  CpdClaimInput,
  CpdInvoices,
  CpdSettings,
} from "../../../shared/schemas/cpd";
import { cpdBookings, cpdClaims, cpdEvents, cpdPlaces, schools } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { londonDate } from "../engagement/visits.calendar";
import { actsForSchool, can } from "./cpd.policy";
import { cpdRepository } from "./cpd.repository";
import { leadSchoolIds } from "./lead-school-entitlement";

const requireFinance = (ctx: ServiceContext) => {
  if (!can(ctx.actor, "finance")) throw forbidden();
};

export const getSettings = async (ctx: ServiceContext): Promise<CpdSettings> => {
  requireFinance(ctx);
  return cpdRepository(ctx.db).settings(ctx.actor.hubId);
};

export const saveSettings = async (ctx: ServiceContext, input: CpdSettings): Promise<CpdSettings> => {
  requireFinance(ctx);
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const before = await repo.settings(tx.actor.hubId);
    await repo.saveSettings(tx.actor.hubId, input);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_settings",
      entityId: tx.actor.hubId,
      before,
      after: input,
    });
    return input;
  });
};

const claimRows = (ctx: ServiceContext, where: ReturnType<typeof and>) =>
  ctx.db
    .select({ claim: cpdClaims, eventTitle: cpdEvents.title, urn: schools.urn, schoolName: schools.name })
    .from(cpdClaims)
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdClaims.eventId))
    .innerJoin(schools, eq(schools.id, cpdClaims.schoolId))
    .where(and(eq(cpdClaims.hubId, ctx.actor.hubId), where))
    .orderBy(desc(cpdClaims.createdAt))
    .limit(2000);

type ClaimRow = Awaited<ReturnType<typeof claimRows>>[number];

const presentClaim = (r: ClaimRow): CpdClaim => ({
  id: r.claim.id,
  eventId: r.claim.eventId,
  eventTitle: r.eventTitle,
  urn: r.urn,
  schoolName: r.schoolName,
  days: r.claim.days,
  dailyRatePence: r.claim.dailyRatePence,
  totalPence: r.claim.totalPence,
  contributionPercent: r.claim.contributionPercent,
  contributionPence: r.claim.contributionPence,
  status: r.claim.status,
  reason: r.claim.reason,
  createdAt: r.claim.createdAt.toISOString(),
});

/**
 * A Lead School's supply-cover claim for staff who attended (or led) an event that has taken
 * place; the hub's contribution is worked out by rules/cpd-supply-cover.ts at the hub's rate.
 */
export const makeClaim = async (
  ctx: ServiceContext,
  input: z.infer<typeof CpdClaimInput>,
): Promise<CpdClaim> => {
  if (!can(ctx.actor, "claim")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = cpdRepository(tx.db);
    const event = await repo.event(tx.actor.hubId, input.eventId);
    if (!event || event.status === "draft") throw notFound("The event");
    const school = await repo.schoolByUrn(tx.actor.hubId, input.urn);
    if (!school || !actsForSchool(tx.actor, school.id))
      throw forbidden("You can claim only for your own school");
    const today = londonDate(tx.clock());
    if (!(await leadSchoolIds(tx.db, tx.actor.hubId, today)).has(school.id))
      throw new AppError("conflict", "Only Lead Schools can claim towards supply cover");
    if (event.startsAt.getTime() > tx.clock().getTime())
      throw new AppError("conflict", "A claim can be made once the event has taken place");
    const [attended] = await tx.db
      .select({ id: cpdBookings.id })
      .from(cpdBookings)
      .where(
        and(
          eq(cpdBookings.eventId, event.id),
          eq(cpdBookings.schoolId, school.id),
          eq(cpdBookings.status, "booked"),
        ),
      )
      .limit(1);
    if (!attended && event.ledBy !== "lead_school")
      throw new AppError("conflict", "Your school had no place at this event");
    const [open] = await tx.db
      .select({ id: cpdClaims.id })
      .from(cpdClaims)
      .where(
        and(
          eq(cpdClaims.eventId, event.id),
          eq(cpdClaims.schoolId, school.id),
          inArray(cpdClaims.status, ["submitted", "approved"]),
        ),
      );
    if (open) throw new AppError("conflict", "Your school has claimed for this event already");
    const { supplyContributionPercent } = await repo.settings(tx.actor.hubId);
    const figures = {
      days: input.days,
      dailyRatePence: input.dailyRatePence,
      contributionPercent: supplyContributionPercent,
    };
    const problems = supplyCoverProblems(figures);
    if (problems.length) throw invalid(problems.map((p) => p.message).join(". "), problems);
    const cover = supplyCover(figures);
    const [row] = await tx.db
      .insert(cpdClaims)
      .values({
        hubId: tx.actor.hubId,
        eventId: event.id,
        schoolId: school.id,
        days: input.days,
        dailyRatePence: input.dailyRatePence,
        totalPence: cover.totalPence,
        contributionPercent: supplyContributionPercent,
        contributionPence: cover.contributionPence,
        claimedBy: tx.actor.userId,
      })
      .returning();
    if (!row) throw new Error("could not store the claim");
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "cpd_claim",
      entityId: row.id,
      after: row,
    });
    return presentClaim({ claim: row, eventTitle: event.title, urn: school.urn, schoolName: school.name });
  });
};

/** Claims: all of the hub's for hub users, the school's own for a school user. */
export const listClaims = async (ctx: ServiceContext, status?: "submitted" | "approved" | "rejected") => {
  if (!can(ctx.actor, "claim")) throw forbidden();
  const school = can(ctx.actor, "manageEvents") ? undefined : (ctx.actor.schoolId ?? "none");
  if (school === "none") throw forbidden();
  const rows = await claimRows(
    ctx,
    and(
      status ? eq(cpdClaims.status, status) : undefined,
      school ? eq(cpdClaims.schoolId, school) : undefined,
    ),
  );
  return rows.map(presentClaim);
};

export const decideClaim = async (
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof CpdClaimDecision>,
): Promise<CpdClaim> => {
  requireFinance(ctx);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select()
      .from(cpdClaims)
      .where(and(eq(cpdClaims.hubId, tx.actor.hubId), eq(cpdClaims.id, id)))
      .for("update");
    if (!row) throw notFound("The claim");
    if (row.status !== "submitted")
      throw new AppError("conflict", `This claim has been ${row.status} already`);
    const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
    await tx.db
      .update(cpdClaims)
      .set({
        status,
        reason: input.reason?.trim() || null,
        decidedBy: tx.actor.userId,
        decidedAt: tx.clock(),
      })
      .where(eq(cpdClaims.id, id));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "cpd_claim",
      entityId: id,
      before: { status: row.status },
      after: { status, reason: input.reason ?? null },
    });
    const [out] = await claimRows(tx, eq(cpdClaims.id, id));
    if (!out) throw new Error("claim vanished");
    return presentClaim(out);
  });
};

/** Approved claims for payment, as CSV (through the one writer). */
export const exportApprovedClaims = async (ctx: ServiceContext): Promise<string> => {
  requireFinance(ctx);
  const rows = await claimRows(ctx, eq(cpdClaims.status, "approved"));
  return csvDocument(
    [
      "URN",
      "School",
      "Event",
      "Days",
      "Daily rate (£)",
      "Total (£)",
      "Hub contribution (%)",
      "Hub pays (£)",
      "Claimed on",
    ],
    rows.map((r) => [
      r.urn,
      r.schoolName,
      r.eventTitle,
      r.claim.days,
      (r.claim.dailyRatePence / 100).toFixed(2),
      (r.claim.totalPence / 100).toFixed(2),
      r.claim.contributionPercent,
      (r.claim.contributionPence / 100).toFixed(2),
      londonDate(r.claim.createdAt),
    ]),
  );
};

const londonInstant = (day: string) => new Date(`${day}T00:00:00Z`);

/** What each school owes for a term's CPD: booked and late-cancelled places, free places at £0. */
export const invoiceSummary = async (
  ctx: ServiceContext,
  term: string | undefined,
): Promise<z.infer<typeof CpdInvoices>> => {
  requireFinance(ctx);
  const which = term ?? termOf(londonDate(ctx.clock()));
  const range = termRange(which);
  if (!range) throw invalid("A term looks like 2025/26-autumn", [{ path: "term", message: "Choose a term" }]);
  const next = new Date(londonInstant(range.to).getTime() + 86_400_000);
  const rows = await ctx.db
    .select({
      urn: schools.urn,
      schoolName: schools.name,
      bookings: sql<number>`count(distinct ${cpdBookings.id})::int`,
      chargedPlaces: sql<number>`count(*) filter (where ${cpdPlaces.pricePence} > 0)::int`,
      freePlaces: sql<number>`count(*) filter (where ${cpdPlaces.free})::int`,
      lateCancelledPlaces: sql<number>`count(*) filter (where ${cpdBookings.status} = 'late_cancelled')::int`,
      totalPence: sql<number>`coalesce(sum(${cpdPlaces.pricePence}), 0)::int`,
    })
    .from(cpdPlaces)
    .innerJoin(cpdBookings, eq(cpdBookings.id, cpdPlaces.bookingId))
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdPlaces.eventId))
    .innerJoin(schools, eq(schools.id, cpdBookings.schoolId))
    .where(
      and(
        eq(cpdPlaces.hubId, ctx.actor.hubId),
        inArray(cpdBookings.status, ["booked", "late_cancelled"]),
        gte(cpdEvents.startsAt, londonInstant(range.from)),
        lt(cpdEvents.startsAt, next),
      ),
    )
    .groupBy(schools.urn, schools.name)
    .orderBy(asc(schools.name));
  return { term: which, items: rows.map((r) => ({ ...r, term: which })) };
};

const INVOICE_HEADERS = [
  "URN",
  "School",
  "Term",
  "Bookings",
  "Charged places",
  "Free places",
  "Late cancellations",
  "Total (£)",
];
const invoiceCells = (r: z.infer<typeof CpdInvoices>["items"][number]) => [
  r.urn,
  r.schoolName,
  r.term,
  r.bookings,
  r.chargedPlaces,
  r.freePlaces,
  r.lateCancelledPlaces,
  (r.totalPence / 100).toFixed(2),
];

export const invoiceCsv = async (ctx: ServiceContext, term: string | undefined) => {
  const summary = await invoiceSummary(ctx, term);
  return { term: summary.term, body: csvDocument(INVOICE_HEADERS, summary.items.map(invoiceCells)) };
};

export const invoiceXlsx = async (ctx: ServiceContext, term: string | undefined) => {
  const summary = await invoiceSummary(ctx, term);
  // exceljs takes ~1 s to load: only an XLSX export pays for it (decision 014).
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("CPD invoices", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = INVOICE_HEADERS.map((header, i) => ({ header, key: `c${i}`, width: i === 1 ? 40 : 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of summary.items) {
    const cells = invoiceCells(r);
    // Money as a number in pounds, so the finance system can sum it.
    sheet.addRow([...cells.slice(0, 7), r.totalPence / 100]);
  }
  sheet.getColumn(8).numFmt = "£#,##0.00";
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    term: summary.term,
    body: buffer,
    total: formatPence(summary.items.reduce((s, r) => s + r.totalPence, 0)),
  };
};
