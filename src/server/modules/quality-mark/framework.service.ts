import { academicYearOf } from "../../../shared/rules/academic-year";
import { QM_LEVELS, type QmFramework, validityYearsOf } from "../../../shared/rules/quality-mark";
import type { QmFrameworkInput, QmFrameworkResponse } from "../../../shared/schemas/quality-mark";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid } from "../../platform/errors";
import { defaultFramework } from "./framework-default";
import { allows } from "./quality-mark.policy";
import { type FrameworkRow, qmRepository } from "./quality-mark.repository";

export const currentYear = (ctx: ServiceContext): string => academicYearOf(ctx.clock());

export const presentFramework = (row: FrameworkRow): QmFrameworkResponse => ({
  id: row.id,
  academicYear: row.academicYear,
  version: row.version,
  levels: row.definition.levels,
  validityYears: validityYearsOf(row.definition),
  createdAt: row.createdAt.toISOString(),
});

/**
 * The hub's framework for a year, made on first use: from the latest earlier year's, or Tutti's
 * default. Two first uses at once both insert version 1; the unique index keeps one.
 */
export const frameworkFor = async (ctx: ServiceContext, year: string): Promise<FrameworkRow> => {
  const repo = qmRepository(ctx.db);
  const found = await repo.latestFramework(ctx.actor.hubId, year);
  if (found) return found;
  const earlier = await repo.latestBefore(ctx.actor.hubId, year);
  await repo.insertFramework({
    hubId: ctx.actor.hubId,
    academicYear: year,
    version: 1,
    definition: earlier?.definition ?? defaultFramework(),
    createdBy: null,
  });
  const made = await repo.latestFramework(ctx.actor.hubId, year);
  if (!made) throw new Error("the framework could not be made");
  return made;
};

/**
 * The years an award made in `year` is valid when it comes from no application (a past award):
 * the hub's latest framework of that year, or of the latest year before it; else the default.
 * Reads only (recording a past award makes no framework).
 */
export const validityYearsFor = async (ctx: ServiceContext, year: string): Promise<number> => {
  const repo = qmRepository(ctx.db);
  const found =
    (await repo.latestFramework(ctx.actor.hubId, year)) ?? (await repo.latestBefore(ctx.actor.hubId, year));
  return validityYearsOf(found?.definition);
};

export const getFramework = async (ctx: ServiceContext, year?: string): Promise<QmFrameworkResponse> => {
  if (!allows(ctx.actor, "readFramework")) throw forbidden();
  return presentFramework(await frameworkFor(ctx, year ?? currentYear(ctx)));
};

/** Problems a framework may have beyond its shape: levels repeated or out of order, standard codes repeated. */
const frameworkProblems = (input: QmFrameworkInput) => {
  const problems: { path: string; message: string }[] = [];
  let last = -1;
  input.levels.forEach((l, i) => {
    const r = QM_LEVELS.indexOf(l.code);
    if (r <= last) problems.push({ path: `levels.${i}.code`, message: "List each level once, lowest first" });
    last = Math.max(last, r);
  });
  const seen = new Set<string>();
  for (const [i, l] of input.levels.entries())
    for (const [j, s] of l.standards.entries()) {
      if (seen.has(s.id))
        problems.push({ path: `levels.${i}.standards.${j}.id`, message: `The code "${s.id}" is used twice` });
      seen.add(s.id);
    }
  return problems;
};

/** PUT /api/quality-mark/framework (hub admins): saves a new version; applications keep theirs. */
export const saveFramework = async (
  ctx: ServiceContext,
  input: QmFrameworkInput,
): Promise<QmFrameworkResponse> => {
  if (!allows(ctx.actor, "editFramework")) throw forbidden();
  const problems = frameworkProblems(input);
  const first = problems[0];
  if (first) throw invalid(first.message, problems);
  return inTransaction(ctx, async (tx) => {
    const before = await frameworkFor(tx, input.academicYear);
    const definition: QmFramework = {
      levels: input.levels,
      validityYears: input.validityYears ?? validityYearsOf(before.definition),
    };
    const row = await qmRepository(tx.db).insertFramework({
      hubId: tx.actor.hubId,
      academicYear: input.academicYear,
      version: before.version + 1,
      definition,
      createdBy: tx.actor.userId,
    });
    if (!row)
      throw new AppError(
        "conflict",
        "Someone saved this framework at the same time: reload it and save again",
      );
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "qm_framework",
      entityId: row.id,
      before: { version: before.version, validityYears: validityYearsOf(before.definition) },
      after: {
        academicYear: row.academicYear,
        version: row.version,
        validityYears: validityYearsOf(row.definition),
      },
    });
    return presentFramework(row);
  });
};
