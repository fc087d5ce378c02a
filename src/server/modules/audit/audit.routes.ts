import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuditEntry, AuditListQuery } from "../../../shared/schemas/audit";
import { paged } from "../../../shared/schemas/common";
import { ctxOf, requireRole } from "../../platform/http";
import { listAudit } from "./audit.service";

export const auditRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/audit",
    { schema: { tags: ["audit"], querystring: AuditListQuery, response: { 200: paged(AuditEntry) } } },
    async (req) => listAudit(ctxOf(req, requireRole(req, ["hub_admin"])), req.query),
  );
};
