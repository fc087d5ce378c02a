import { eq, sql } from "drizzle-orm";
import { previousAcademicYears } from "../../../shared/rules/academic-year";
import { academicYearDates, coverageFigures, coverageMore } from "../../../shared/rules/coverage";
import type { Coverage, CoverageTargets } from "../../../shared/schemas/engagement";
import type { DbOrTx } from "../../db/client";
import { engagementTargets, engagementVersions, hubs } from "../../db/schema/index";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden } from "../../platform/errors";
import { rolesFor } from "./engagement.policy";
import { engagementRepository } from "./engagement.repository";
import { londonDate } from "./visits.calendar";

/** What a hub without targets of its own aims at: the "60% in year 1, 100% over two years". */
export const DEFAULT_TARGETS: CoverageTargets = { yearPercent: 60, twoYearPercent: 100 };

const targetsRow = async (db: DbOrTx, hubId: string) => {
  const [row] = await db.select().from(engagementTargets).where(eq(engagementTargets.hubId, hubId));
  return row;
};

type Figures = Omit<Coverage, "year" | "targets">;
type Cached = { stamp: string; figures: Promise<Figures> };

/**
 * Computed figures by hub, year and London date. An entry holds while the hub's schools version
 * (schools, areas, link officer names: migration 0003) and engagement version (visits, reports,
 * next steps: this module's migration) have not moved; concurrent requests share one computation.
 * Per process: another process's writes move the versions too, so no entry outlives a change.
 */
const cache = new Map<string, Cached>();
const CACHE_ENTRIES = 64;

const stampOf = async (db: DbOrTx, hubId: string): Promise<string> => {
  const [row] = await db
    .select({
      schools: hubs.schoolsVersion,
      engagement: sql<number>`coalesce(${engagementVersions.version}, 0)`,
    })
    .from(hubs)
    .leftJoin(engagementVersions, eq(engagementVersions.hubId, hubs.id))
    .where(eq(hubs.id, hubId));
  return `${row?.schools ?? 0} ${row?.engagement ?? 0}`;
};

const compute = async (ctx: ServiceContext, year: string, today: string): Promise<Figures> => {
  const { from, to } = academicYearDates(year);
  const [before = year] = previousAcademicYears(year, 2);
  const rows = await engagementRepository(ctx.db).coverageSchools(
    ctx.actor.hubId,
    from,
    to,
    academicYearDates(before).from,
    today,
  );
  return { ...coverageFigures(rows), ...coverageMore(rows) };
};

/** The coverage of an academic year: one query for the hub's open schools, the pure rules, cached. */
export const coverage = async (ctx: ServiceContext, year: string): Promise<Coverage> => {
  if (!rolesFor("seeCoverage").includes(ctx.actor.role)) throw forbidden();
  const today = londonDate(ctx.clock());
  const key = `${ctx.actor.hubId} ${year} ${today}`;
  const [stamp, targets] = await Promise.all([
    stampOf(ctx.db, ctx.actor.hubId),
    targetsRow(ctx.db, ctx.actor.hubId),
  ]);
  let entry = cache.get(key);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, figures: compute(ctx, year, today) };
    cache.delete(key);
    cache.set(key, entry);
    const current = entry;
    current.figures.catch(() => {
      if (cache.get(key) === current) cache.delete(key);
    });
    if (cache.size > CACHE_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  }
  return {
    year,
    ...(await entry.figures),
    targets: targets
      ? { yearPercent: targets.yearPercent, twoYearPercent: targets.twoYearPercent }
      : DEFAULT_TARGETS,
  };
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
