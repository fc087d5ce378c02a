import { eq } from "drizzle-orm";
import { previousAcademicYears } from "../../../shared/rules/academic-year";
import { academicYearDates, coverageFigures, coverageMore } from "../../../shared/rules/coverage";
import { Coverage, type CoverageTargets } from "../../../shared/schemas/engagement";
import type { DbOrTx } from "../../db/client";
import { engagementTargets } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden } from "../../platform/errors";
import { hubJsonReads, hubReads } from "../../platform/hub-reads";
import { rolesFor } from "./engagement.policy";
import { engagementRepository } from "./engagement.repository";
import { londonDate } from "./visits.calendar";

/** What a hub without targets of its own aims at: the "60% in year 1, 100% over two years". */
export const DEFAULT_TARGETS: CoverageTargets = { yearPercent: 60, twoYearPercent: 100 };

const targetsRow = async (db: DbOrTx, hubId: string) => {
  const [row] = await db.select().from(engagementTargets).where(eq(engagementTargets.hubId, hubId));
  return row;
};

/**
 * The coverage of an academic year, kept per hub, year and London day while the hub's schools
 * (schools, areas, link officers) and engagement (visits, reports, next steps, targets) have not
 * changed (platform/hub-reads.ts, decision 030).
 */
const kept = hubReads<Coverage>("engagement-coverage", { topics: ["schools", "engagement"], max: 200 });

const compute = async (ctx: ServiceContext, year: string, today: string): Promise<Coverage> => {
  const { from, to } = academicYearDates(year);
  const [before = year] = previousAcademicYears(year, 2);
  const [rows, targets] = await Promise.all([
    engagementRepository(ctx.db).coverageSchools(
      ctx.actor.hubId,
      from,
      to,
      academicYearDates(before).from,
      today,
    ),
    targetsRow(ctx.db, ctx.actor.hubId),
  ]);
  return {
    year,
    ...coverageFigures(rows),
    ...coverageMore(rows),
    targets: targets
      ? { yearPercent: targets.yearPercent, twoYearPercent: targets.twoYearPercent }
      : DEFAULT_TARGETS,
  };
};

const keptJson = hubJsonReads("engagement-coverage-json", Coverage, {
  topics: ["schools", "engagement"],
  max: 200,
});

/** GET /api/engagement/coverage as it is sent: the kept figures, written once. */
export const coverageJson = async (ctx: ServiceContext, year: string): Promise<string> => {
  if (!rolesFor("seeCoverage").includes(ctx.actor.role)) throw forbidden();
  const today = londonDate(ctx.clock());
  // Written from a computation of its own: the page keeps only its JSON, the CSV its figures.
  return keptJson.forActor(ctx, `${year} ${today}`, () => compute(ctx, year, today));
};

/** The coverage of an academic year: one query for the hub's open schools and the pure rules. */
export const coverage = async (ctx: ServiceContext, year: string): Promise<Coverage> => {
  if (!rolesFor("seeCoverage").includes(ctx.actor.role)) throw forbidden();
  const today = londonDate(ctx.clock());
  return kept.forActor(ctx, `${year} ${today}`, () => compute(ctx, year, today));
};

export const getTargets = async (ctx: ServiceContext) => {
  if (!rolesFor("seeCoverage").includes(ctx.actor.role)) throw forbidden();
  const row = await targetsRow(ctx.db, ctx.actor.hubId);
  return row
    ? {
        yearPercent: row.yearPercent,
        twoYearPercent: row.twoYearPercent,
        updatedAt: row.updatedAt.toISOString(),
      }
    : { ...DEFAULT_TARGETS, updatedAt: null };
};

/** PUT /api/engagement/targets (hub admins), audited in the same transaction. */
export const putTargets = async (ctx: ServiceContext, body: CoverageTargets) => {
  if (!rolesFor("editTargets").includes(ctx.actor.role)) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const before = await targetsRow(tx.db, ctx.actor.hubId);
    const at = ctx.clock();
    const values = { ...body, updatedBy: ctx.actor.userId, updatedAt: at };
    await tx.db
      .insert(engagementTargets)
      .values({ hubId: ctx.actor.hubId, ...values })
      .onConflictDoUpdate({ target: engagementTargets.hubId, set: values });
    await recordAudit(tx.db, ctx.actor, {
      action: "update",
      entity: "engagement_targets",
      entityId: ctx.actor.hubId,
      before: before ? { yearPercent: before.yearPercent, twoYearPercent: before.twoYearPercent } : null,
      after: { ...body },
    });
    return { ...body, updatedAt: at.toISOString() };
  });
};

/** GET /api/engagement/coverage.csv: the year's figures by area, phase and link officer, and the never-visited schools. */
export const coverageCsv = async (ctx: ServiceContext, year: string): Promise<string> => {
  const c = await coverage(ctx, year);
  const share = (visited: number, schools: number) =>
    schools ? Math.round((visited / schools) * 1000) / 10 : 0;
  return csvDocument(
    ["Academic year", "Grouped by", "Group", "Open schools", "Visited", "Share (%)"],
    [
      [year, "Hub", "All open schools", c.schools, c.visited, share(c.visited, c.schools)],
      ...c.byArea.map((g) => [year, "Area", g.area, g.schools, g.visited, share(g.visited, g.schools)]),
      ...c.byPhase.map((g) => [year, "Phase", g.phase, g.schools, g.visited, share(g.visited, g.schools)]),
      ...c.byLinkOfficer.map((g) => [
        year,
        "Link officer",
        g.name,
        g.schools,
        g.visited,
        share(g.visited, g.schools),
      ]),
      ...c.neverVisited.map((s) => [year, "Never visited", `${s.name} (${s.urn})`, 1, 0, 0]),
    ],
  );
};
