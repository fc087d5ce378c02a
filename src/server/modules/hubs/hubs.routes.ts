import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Health, Hub, HubPatch } from "../../../shared/schemas/hubs";
import { ctxOf, requireActor, requireRole } from "../../platform/http";
import { getCurrentHub, updateCurrentHub } from "./hubs.service";

export const hubsRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get("/api/health", { schema: { tags: ["health"], response: { 200: Health } } }, async () => {
    await app.deps.db.execute("select 1");
    return { status: "ok" as const, database: app.deps.dbKind };
  });

  app.get("/api/hubs/current", { schema: { tags: ["hubs"], response: { 200: Hub } } }, async (req) =>
    getCurrentHub(ctxOf(req, requireActor(req))),
  );

  app.patch(
    "/api/hubs/current",
    { schema: { tags: ["hubs"], body: HubPatch, response: { 200: Hub } } },
    async (req) => updateCurrentHub(ctxOf(req, requireRole(req, ["hub_admin"])), req.body),
  );
};
