import { previousAcademicYears } from "../../../shared/rules/academic-year";
import { QM_LEVELS, shareOf } from "../../../shared/rules/quality-mark";
import type { QmFigures } from "../../../shared/schemas/quality-mark";
import type { DbOrTx } from "../../db/client";
import type { ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden } from "../../platform/errors";
import { phaseOf } from "../schools/schools.presenter";
import { currentYear } from "./framework.service";
import { allows } from "./quality-mark.policy";
import { qmRepository } from "./quality-mark.repository";

/**
 * The cohort share for a year: of the hub's open schools, how many submitted an application
 * (drafts do not count) in that academic year. Shared by the figures and the plan measure.
 */
export const cohortApplied = async (db: DbOrTx, hubId: string, year: string) => {
  const repo = qmRepository(db);
  const [cohort, apps] = await Promise.all([repo.cohort(hubId), repo.applicationsOfYear(hubId, year)]);
  const open = new Set(cohort.map((s) => s.id));
  const applied = new Set(apps.filter((a) => open.has(a.schoolId)).map((a) => a.schoolId));
  return { cohort: cohort.length, applied: applied.size, share: shareOf(applied.size, cohort.length) };
};

const tally = (
  keys: string[],
  applied: { key: string; schoolId: string }[],
  awarded: { key: string; schoolId: string }[],
) => {
  const count = (rows: { key: string; schoolId: string }[], key: string) =>
    new Set(rows.filter((r) => r.key === key).map((r) => r.schoolId)).size;
  // The given keys first, in their order (levels), then any others in alphabetical order.
  const others = [...new Set([...applied, ...awarded].map((r) => r.key))]
    .filter((k) => !keys.includes(k))
    .sort();
  const all = [...keys, ...others];
  return all.map((key) => ({ key, applied: count(applied, key), awarded: count(awarded, key) }));
};

/** GET /api/quality-mark/figures?year=: applied and awarded by level, phase and area; five years' trend. */
export const figures = async (ctx: ServiceContext, year?: string): Promise<QmFigures> => {
  if (!allows(ctx.actor, "seeAll")) throw forbidden();
  const y = year ?? currentYear(ctx);
  const repo = qmRepository(ctx.db);
  const hubId = ctx.actor.hubId;
  const [apps, awards, share] = await Promise.all([
    repo.applicationsOfYear(hubId, y),
    repo.awardsOfYear(hubId, y),
    cohortApplied(ctx.db, hubId, y),
  ]);
  const by = (f: (r: { level: string; phase: string; areaName: string | null }) => string) => ({
    applied: apps.map((r) => ({ key: f(r), schoolId: r.schoolId })),
    awarded: awards.map((r) => ({ key: f(r), schoolId: r.schoolId })),
  });
  const level = by((r) => r.level);
  const phase = by((r) => phaseOf(r.phase));
  const area = by((r) => r.areaName ?? "No area");
  const years = await Promise.all(
    previousAcademicYears(y, 5).map(async (yy) => {
      const [a, w] = await Promise.all([repo.applicationsOfYear(hubId, yy), repo.awardsOfYear(hubId, yy)]);
      return {
        academicYear: yy,
        applied: new Set(a.map((r) => r.schoolId)).size,
        awarded: new Set(w.map((r) => r.schoolId)).size,
      };
    }),
  );
  return {
    academicYear: y,
    cohort: share.cohort,
    applied: share.applied,
    awarded: new Set(awards.map((r) => r.schoolId)).size,
    appliedShare: share.share,
    byLevel: tally([...QM_LEVELS], level.applied, level.awarded),
    byPhase: tally([], phase.applied, phase.awarded),
    byArea: tally([], area.applied, area.awarded),
    years,
  };
};

/** The figures of a year as CSV (one row per level, phase and area), through the one writer. */
export const figuresCsv = async (ctx: ServiceContext, year?: string): Promise<string> => {
  const f = await figures(ctx, year);
  const rows = [
    ...f.byLevel.map((r) => ["Level", r.key, r.applied, r.awarded]),
    ...f.byPhase.map((r) => ["Phase", r.key, r.applied, r.awarded]),
    ...f.byArea.map((r) => ["Area", r.key, r.applied, r.awarded]),
  ];
  return csvDocument(
    ["Academic year", "By", "Group", "Schools applied", "Schools awarded"],
    rows.map((r) => [f.academicYear, ...r]),
  );
};
