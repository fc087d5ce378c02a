import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { paged } from "../../../shared/schemas/common";
import { OutboxListQuery, OutboxMessage } from "../../../shared/schemas/outbox";
import { ctxOf, requireRole } from "../../platform/http";
import { outboxRepository } from "./outbox.repository";
import { retryMessage } from "./outbox.service";

/** The outbox: every message Tutti wrote for this hub, for hub admins. */
export const outboxRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/outbox",
    { schema: { tags: ["outbox"], querystring: OutboxListQuery, response: { 200: paged(OutboxMessage) } } },
    async (req) => {
      const ctx = ctxOf(req, requireRole(req, ["hub_admin"]));
      const { items, total } = await outboxRepository(ctx.db).list(ctx.actor.hubId, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    "/api/outbox/:id/retry",
    {
      schema: {
        tags: ["outbox"],
        summary: "Send a failed message again (it is queued; a background job sends it)",
        params: z.object({ id: z.uuid("That is not a message id") }),
        response: { 200: OutboxMessage },
      },
    },
    async (req) => retryMessage(ctxOf(req, requireRole(req, ["hub_admin"])), req.params.id),
  );
};
