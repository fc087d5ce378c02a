import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuditEntry, AuditFilter, AuditListQuery, AuditPeopleResponse } from "../../../shared/schemas/audit";
import { paged } from "../../../shared/schemas/common";
import { ctxOf, requireRole } from "../../platform/http";
import { auditPeople, exportAudit, listAudit } from "./audit.service";

export const auditRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/audit",
    { schema: { tags: ["audit"], querystring: AuditListQuery, response: { 200: paged(AuditEntry) } } },
    async (req) => listAudit(ctxOf(req, requireRole(req, ["hub_admin"])), req.query),
  );
  app.get(
    "/api/audit/people",
    { schema: { tags: ["audit"], response: { 200: AuditPeopleResponse } } },
    async (req) => auditPeople(ctxOf(req, requireRole(req, ["hub_admin"]))),
  );
  app.get(
    "/api/audit/export",
    { schema: { tags: ["audit"], querystring: AuditFilter } },
    async (req, reply) => {
      const file = await exportAudit(ctxOf(req, requireRole(req, ["hub_admin"])), req.query);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "no-store")
        .send(file.body);
    },
  );
};
