import { z } from "zod";
import { PageQuery } from "./common";

export const AUDIT_ACTIONS = ["create", "update", "delete"] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: AuditAction,
  entity: z.string(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = PageQuery.extend({
  entity: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: AuditAction.optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
