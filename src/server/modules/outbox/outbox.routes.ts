import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { paged } from "../../../shared/schemas/common";
import { OutboxListQuery, OutboxMessage } from "../../../shared/schemas/outbox";
import type { DbOrTx } from "../../db/client";
import { mailMessages } from "../../db/schema/index";
import { ctxOf, requireRole } from "../../platform/http";

export const outboxRepository = (db: DbOrTx) => ({
  list: async (
    hubId: string,
    q: { page: number; pageSize: number; status?: "stored" | "sent" | "failed" },
  ) => {
    const where: SQL[] = [eq(mailMessages.hubId, hubId)];
    if (q.status) where.push(eq(mailMessages.status, q.status));
    const cond = and(...where);
    const [rows, totals] = await Promise.all([
      db
        .select()
        .from(mailMessages)
        .where(cond)
        .orderBy(desc(mailMessages.createdAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(mailMessages).where(cond),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        to: r.to,
        subject: r.subject,
        text: r.text,
        status: r.status,
        sentAt: r.sentAt?.toISOString() ?? null,
        error: r.error,
      })),
      total: totals[0]?.n ?? 0,
    };
  },
});

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
};
