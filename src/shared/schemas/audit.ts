import { z } from "zod";
import { PageQuery } from "./common";

export const AUDIT_ACTIONS = ["create", "update", "delete"] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);

const IsoDate = z.iso.date({ error: "Dates look like 2026-12-01" });

/** An entry as people read it: what changed in words, and where to see it. No internal id. */
export const ReadableAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: AuditAction,
  /** The kind of thing ("school_contact"), and its label ("School contact"). */
  entity: z.string(),
  kindLabel: z.string(),
  /** "Alder Grove Academy: headteacher contact changed". */
  summary: z.string(),
  /** The web page of what changed, when there is one. */
  href: z.string().nullable(),
});
export type ReadableAuditEntry = z.infer<typeof ReadableAuditEntry>;

export const AuditEntry = ReadableAuditEntry.extend({
  actorId: z.uuid().nullable(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The log's filters: person, kind, action and a date range (inclusive, London days). */
export const AuditFilter = z.object({
  entity: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: AuditAction.optional(),
  actor: z.uuid({ error: "Choose a person from the list" }).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditListQuery = PageQuery.extend(AuditFilter.shape);
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** The people who appear in the log, for its person filter. */
export const AuditPerson = z.object({ id: z.uuid(), name: z.string() });
export const AuditPeopleResponse = z.object({ items: z.array(AuditPerson) });
export type AuditPeopleResponse = z.infer<typeof AuditPeopleResponse>;
