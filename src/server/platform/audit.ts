import { insertRows } from "../db/bulk-insert";
import type { DbOrTx } from "../db/client";
import { auditLog } from "../db/schema/index";
import type { Actor } from "./actor";
import { SYSTEM_USER_ID } from "./actor";

export type AuditInput = {
  action: "create" | "update" | "delete";
  entity: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

const plain = (v: Record<string, unknown> | null | undefined): Record<string, unknown> | null => {
  if (!v) return null;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === "passwordHash") continue; // never into the log
    out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return out;
};

/** Only the fields that changed, on both sides: what an update entry keeps. */
export const changedFields = (
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined => {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : undefined;
};

/** Writes an audit entry in the caller's transaction. */
export const recordAudit = async (db: DbOrTx, actor: Actor, entry: AuditInput): Promise<void> => {
  await db.insert(auditLog).values({
    hubId: actor.hubId,
    actorId: actor.userId === SYSTEM_USER_ID ? null : actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: plain(entry.before),
    after: plain(entry.after),
  });
};

/** Many entries at once (imports). */
export const recordAuditMany = async (db: DbOrTx, actor: Actor, entries: AuditInput[]): Promise<void> => {
  // One statement, one parameter (db/bulk-insert.ts), however many entries.
  await insertRows(
    db,
    auditLog,
    entries.map((entry) => ({
      hubId: actor.hubId,
      actorId: actor.userId === SYSTEM_USER_ID ? null : actor.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: plain(entry.before),
      after: plain(entry.after),
    })),
  );
};
