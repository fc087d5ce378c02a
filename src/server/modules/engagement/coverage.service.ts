import { academicYearDates, coverageFigures } from "../../../shared/rules/coverage";
import type { Coverage } from "../../../shared/schemas/engagement";
import type { ServiceContext } from "../../platform/context";
import { forbidden } from "../../platform/errors";
import { rolesFor } from "./engagement.policy";
import { engagementRepository } from "./engagement.repository";

/** The coverage of an academic year: one indexed query for the hub's open schools, then the pure rule. */
export const coverage = async (ctx: ServiceContext, year: string): Promise<Coverage> => {
  if (!rolesFor("seeCoverage").includes(ctx.actor.role)) throw forbidden();
  const { from, to } = academicYearDates(year);
  const rows = await engagementRepository(ctx.db).coverageSchools(ctx.actor.hubId, from, to);
  return { year, ...coverageFigures(rows) };
};
