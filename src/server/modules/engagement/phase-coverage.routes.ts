import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../shared/schemas/common";
import { PhaseCoverage, PhasesCoverageRow } from "../../../shared/schemas/phase-coverage";
import { ctxOf, requireRole } from "../../platform/http";
import { rolesFor } from "./engagement.policy";
import { phaseCoverage, phasesCoverage } from "./phase-coverage.service";

const tags = ["engagement"];

/** Coverage per programme phase (registered by phases.routes.ts). */
export const phaseCoverageRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const coverage = (req: Parameters<typeof requireRole>[0]) =>
    ctxOf(req, requireRole(req, rolesFor("seeCoverage")));
  app.get(
    "/api/engagement/phases/coverage",
    { schema: { tags, response: { 200: z.array(PhasesCoverageRow) } } },
    async (req) => phasesCoverage(coverage(req)),
  );
  app.get(
    "/api/engagement/phases/:id/coverage",
    { schema: { tags, params: IdParams, response: { 200: PhaseCoverage } } },
    async (req) => phaseCoverage(coverage(req), req.params.id),
  );
};
