import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Health, HealthUnavailable, Hub, HubPatch } from "../../../shared/schemas/hubs";
import type { Db } from "../../db/client";
import { ctxOf, requireActor, requireRole } from "../../platform/http";
import { getCurrentHub, updateCurrentHub } from "./hubs.service";

/** Whether the database answers `select 1` within 5 s (any failure means it does not). */
const databaseAnswers = async (db: Db): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), 5000);
  });
  try {
    return await Promise.race([db.execute("select 1").then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};

export const hubsRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/health",
    { schema: { tags: ["health"], response: { 200: Health, 503: HealthUnavailable } } },
    async (_req, reply) => {
      if (!(await databaseAnswers(app.deps.db)))
        return reply.status(503).send({ status: "unavailable", database: "unavailable" });
      return { status: "ok" as const, database: app.deps.dbKind };
    },
  );

  app.get("/api/hubs/current", { schema: { tags: ["hubs"], response: { 200: Hub } } }, async (req) =>
    getCurrentHub(ctxOf(req, requireActor(req))),
  );

  app.patch(
    "/api/hubs/current",
    { schema: { tags: ["hubs"], body: HubPatch, response: { 200: Hub } } },
    async (req) => updateCurrentHub(ctxOf(req, requireRole(req, ["hub_admin"])), req.body),
  );
};
