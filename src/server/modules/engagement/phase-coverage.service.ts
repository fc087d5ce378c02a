import { phaseState } from "../../../shared/rules/engagement-phases";
import { phaseCoverageFigures, phaseShare } from "../../../shared/rules/phase-coverage";
import type { PhaseCoverage, PhasesCoverageRow } from "../../../shared/schemas/phase-coverage";
import type { ServiceContext } from "../../platform/context";
import { forbidden, notFound } from "../../platform/errors";
import { rolesFor } from "./engagement.policy";
import { phaseCoverageRepository } from "./phase-coverage.repository";
import { phasesRepository } from "./phases.repository";
import { londonDate } from "./visits.calendar";

const requireCoverage = (ctx: ServiceContext): void => {
  if (!rolesFor("seeCoverage").includes(ctx.actor.role)) throw forbidden();
};

/** The coverage of one programme phase: which of its schools were visited during it (plain SQL, no cache). */
export const phaseCoverage = async (ctx: ServiceContext, phaseId: string): Promise<PhaseCoverage> => {
  requireCoverage(ctx);
  const phase = await phasesRepository(ctx.db).phase(ctx.actor.hubId, phaseId);
  if (!phase) throw notFound("The phase");
  const today = londonDate(ctx.clock());
  const list = await phaseCoverageRepository(ctx.db).phaseSchools(ctx.actor.hubId, phase, today);
  return {
    phase: {
      id: phase.id,
      name: phase.name,
      startsOn: phase.startsOn,
      endsOn: phase.endsOn,
      state: phaseState(phase, today),
    },
    ...phaseCoverageFigures(list),
  };
};

/** The coverage figures grouped by programme phase: each phase's schools and those visited during it. */
export const phasesCoverage = async (ctx: ServiceContext): Promise<PhasesCoverageRow[]> => {
  requireCoverage(ctx);
  const today = londonDate(ctx.clock());
  const rows = await phaseCoverageRepository(ctx.db).phasesVisited(ctx.actor.hubId);
  return rows.map((r) => {
    const dates = { startsOn: r.starts_on, endsOn: r.ends_on };
    return {
      id: r.id,
      name: r.name,
      ...dates,
      state: phaseState(dates, today),
      schools: r.schools,
      visited: r.visited,
      share: phaseShare(r.visited, r.schools),
    };
  });
};
