import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { MailStatus, OutboxMessage } from "../../../shared/schemas/outbox";
import type { DbOrTx } from "../../db/client";
import { mailMessages } from "../../db/schema/index";

type Row = typeof mailMessages.$inferSelect;

const present = (r: Row): OutboxMessage => ({
  id: r.id,
  createdAt: r.createdAt.toISOString(),
  to: r.to,
  subject: r.subject,
  text: r.text,
  status: r.status,
  sentAt: r.sentAt?.toISOString() ?? null,
  error: r.error,
});

export const outboxRepository = (db: DbOrTx) => ({
  list: async (hubId: string, q: { page: number; pageSize: number; status?: MailStatus }) => {
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
    return { items: rows.map(present), total: totals[0]?.n ?? 0 };
  },

  byId: async (hubId: string, id: string): Promise<OutboxMessage | undefined> => {
    const [row] = await db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.hubId, hubId), eq(mailMessages.id, id)))
      .limit(1);
    return row ? present(row) : undefined;
  },

  /** Puts a failed message back in the queue; undefined when it is not failed (or not this hub's). */
  requeueFailed: async (hubId: string, id: string): Promise<OutboxMessage | undefined> => {
    const [row] = await db
      .update(mailMessages)
      .set({ status: "queued", error: null })
      .where(and(eq(mailMessages.hubId, hubId), eq(mailMessages.id, id), eq(mailMessages.status, "failed")))
      .returning();
    return row ? present(row) : undefined;
  },
});
