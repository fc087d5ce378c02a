import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../shared/schemas/common";
import { Area, AreaInput, AreaPatch, AssignAreaRequest, BulkResult } from "../../../shared/schemas/schools";
import { ctxOf, requireRole } from "../../platform/http";
import { applyAreaRules, assignArea, createArea, deleteArea, listAreas, updateArea } from "./areas.service";
import { HUB_ROLES } from "./schools.policy";

const tags = ["areas"];

/** Areas: create, rename, rules, bulk assignment. */
export const areasRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/areas", { schema: { tags, response: { 200: z.array(Area) } } }, async (req) =>
    listAreas(ctxOf(req, requireRole(req, HUB_ROLES))),
  );

  app.post(
    "/api/areas",
    { schema: { tags, body: AreaInput, response: { 201: Area } } },
    async (req, reply) => {
      const area = await createArea(ctxOf(req, requireRole(req, HUB_ROLES)), req.body);
      return reply.status(201).send(area);
    },
  );

  app.patch(
    "/api/areas/:id",
    { schema: { tags, params: IdParams, body: AreaPatch, response: { 200: Area } } },
    async (req) => updateArea(ctxOf(req, requireRole(req, HUB_ROLES)), req.params.id, req.body),
  );

  app.delete(
    "/api/areas/:id",
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteArea(ctxOf(req, requireRole(req, HUB_ROLES)), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post("/api/areas/apply-rules", { schema: { tags, response: { 200: BulkResult } } }, async (req) =>
    applyAreaRules(ctxOf(req, requireRole(req, HUB_ROLES))),
  );

  app.post(
    "/api/areas/assign",
    { schema: { tags, body: AssignAreaRequest, response: { 200: BulkResult } } },
    async (req) => assignArea(ctxOf(req, requireRole(req, HUB_ROLES)), req.body),
  );
};
