import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { AuditEntry, AuditListQuery } from "../../../shared/schemas/audit";
import type { DbOrTx } from "../../db/client";
import { auditLog, users } from "../../db/schema/index";

export const auditRepository = (db: DbOrTx) => ({
  list: async (hubId: string, q: AuditListQuery): Promise<{ items: AuditEntry[]; total: number }> => {
    const where: SQL[] = [eq(auditLog.hubId, hubId)];
    if (q.entity) where.push(eq(auditLog.entity, q.entity));
    if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
    if (q.action) where.push(eq(auditLog.action, q.action));
    const cond = and(...where);
    const [rows, totals] = await Promise.all([
      db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorId: auditLog.actorId,
          actorName: users.name,
          action: auditLog.action,
          entity: auditLog.entity,
          entityId: auditLog.entityId,
          before: auditLog.before,
          after: auditLog.after,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(cond)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(auditLog).where(cond),
    ]);
    return {
      items: rows.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        before: r.before ?? null,
        after: r.after ?? null,
      })),
      total: totals[0]?.n ?? 0,
    };
  },
});
