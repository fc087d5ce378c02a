import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, paged } from "../../../shared/schemas/common";
import {
  AcceptInterest,
  AddPhaseSchools,
  AuditTemplateResult,
  DeclineInterest,
  Interest,
  InterestInput,
  InterestListQuery,
  Phase,
  PhaseInput,
  PhasePatch,
  PhaseSchoolParams,
  PhaseSummary,
  SchoolAudits,
  UrnParams,
  VisitAudit,
} from "../../../shared/schemas/phases";
import { ctxOf, requireRole } from "../../platform/http";
import { myAudits, schoolAudits, setUpDefaultAudit, visitAudit } from "./audits.service";
import { interestPublicRoute } from "./interest.public";
import {
  acceptInterest,
  declineInterest,
  exportInterests,
  expressInterest,
  listInterests,
} from "./interest.service";
import { phaseCoverageRoutes } from "./phase-coverage.routes";
import { rolesFor } from "./phases.policy";
import {
  addPhaseSchools,
  createPhase,
  getPhase,
  listPhases,
  removePhaseSchool,
  updatePhase,
} from "./phases.service";

const tags = ["engagement"];
const P = "/api/engagement/phases";
const I = "/api/engagement/interests";
type Req = Parameters<typeof requireRole>[0];

/** The programme's phases, schools' expressions of interest, and pre-visit audits (decision 024). */
export const phasesRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const as = (action: Parameters<typeof rolesFor>[0]) => (req: Req) =>
    ctxOf(req, requireRole(req, rolesFor(action)));
  const manager = as("managePhases");
  const decider = as("decideInterests");

  app.get(P, { schema: { tags, response: { 200: z.array(PhaseSummary) } } }, async (req) =>
    listPhases(manager(req)),
  );
  app.post(P, { schema: { tags, body: PhaseInput, response: { 201: Phase } } }, async (req, reply) =>
    reply.status(201).send(await createPhase(manager(req), req.body)),
  );
  app.get(`${P}/:id`, { schema: { tags, params: IdParams, response: { 200: Phase } } }, async (req) =>
    getPhase(manager(req), req.params.id),
  );
  app.patch(
    `${P}/:id`,
    { schema: { tags, params: IdParams, body: PhasePatch, response: { 200: Phase } } },
    async (req) => updatePhase(manager(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/schools`,
    { schema: { tags, params: IdParams, body: AddPhaseSchools, response: { 200: Phase } } },
    async (req) => addPhaseSchools(manager(req), req.params.id, req.body.urns),
  );
  app.delete(
    `${P}/:id/schools/:urn`,
    { schema: { tags, params: PhaseSchoolParams, response: { 200: Phase } } },
    async (req) => removePhaseSchool(manager(req), req.params.id, req.params.urn),
  );

  app.post(I, { schema: { tags, body: InterestInput, response: { 201: Interest } } }, async (req, reply) =>
    reply.status(201).send(await expressInterest(as("expressInterest")(req), req.body)),
  );
  app.get(
    I,
    { schema: { tags, querystring: InterestListQuery, response: { 200: paged(Interest) } } },
    async (req) => listInterests(as("listInterests")(req), req.query),
  );
  app.get(
    `${I}/export.csv`,
    { schema: { tags, querystring: InterestListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="expressions-of-interest.csv"')
        .header("cache-control", "private, no-store")
        .send(await exportInterests(decider(req), req.query)),
  );
  app.post(
    `${I}/:id/accept`,
    { schema: { tags, params: IdParams, body: AcceptInterest, response: { 200: Interest } } },
    async (req) => acceptInterest(decider(req), req.params.id, req.body.phaseId),
  );
  app.post(
    `${I}/:id/decline`,
    { schema: { tags, params: IdParams, body: DeclineInterest, response: { 200: Interest } } },
    async (req) => declineInterest(decider(req), req.params.id, req.body.reason),
  );
  await app.register(interestPublicRoute);
  await app.register(phaseCoverageRoutes);

  const reader = as("readAudits");
  app.get(
    "/api/schools/:urn/audits",
    { schema: { tags, params: UrnParams, response: { 200: SchoolAudits } } },
    async (req) => schoolAudits(reader(req), req.params.urn),
  );
  app.get("/api/engagement/audits/mine", { schema: { tags, response: { 200: SchoolAudits } } }, async (req) =>
    myAudits(as("ownAudits")(req)),
  );
  app.get(
    "/api/visits/:id/audit",
    { schema: { tags, params: IdParams, response: { 200: VisitAudit } } },
    async (req) => visitAudit(manager(req), req.params.id),
  );
  app.post(
    "/api/engagement/audits/default",
    { schema: { tags, response: { 200: AuditTemplateResult, 201: AuditTemplateResult } } },
    async (req, reply) => {
      const result = await setUpDefaultAudit(as("setUpAudit")(req));
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
};
