import { humaniseField } from "../../../shared/rules/audit-summary";
import type {
  AuditEntry,
  AuditFilter,
  AuditListQuery,
  AuditPeopleResponse,
} from "../../../shared/schemas/audit";
import type { Paged } from "../../../shared/schemas/common";
import type { ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden } from "../../platform/errors";
import { canReadAudit } from "./audit.policy";
import { presentEntry, presentReadable } from "./audit.presenter";
import { auditRepository } from "./audit.repository";

/** The most entries one export holds (newest first); the filters narrow it. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export const listAudit = async (ctx: ServiceContext, q: AuditListQuery): Promise<Paged<AuditEntry>> => {
  if (!canReadAudit(ctx.actor)) throw forbidden();
  const repo = auditRepository(ctx.db);
  const { items, total } = await repo.list(ctx.actor.hubId, q);
  const subjects = await repo.subjects(ctx.actor.hubId, items);
  return { items: items.map((r) => presentEntry(r, subjects)), total, page: q.page, pageSize: q.pageSize };
};

export const auditPeople = async (ctx: ServiceContext): Promise<AuditPeopleResponse> => {
  if (!canReadAudit(ctx.actor)) throw forbidden();
  return { items: await auditRepository(ctx.db).people(ctx.actor.hubId) };
};

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2026-12-02 09:15:03", London time. */
const londonTime = (d: Date): string => {
  const p = Object.fromEntries(LONDON.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};

const ACTION_WORDS = { create: "Added", update: "Changed", delete: "Removed" } as const;

/** The filtered log as CSV (through the one formula-safe writer), newest first. */
export const exportAudit = async (
  ctx: ServiceContext,
  q: AuditFilter,
): Promise<{ fileName: string; body: string }> => {
  if (!canReadAudit(ctx.actor)) throw forbidden();
  const repo = auditRepository(ctx.db);
  const rows = await repo.all(ctx.actor.hubId, q, AUDIT_EXPORT_LIMIT);
  const subjects = await repo.subjects(ctx.actor.hubId, rows);
  const body = csvDocument(
    ["When (London time)", "Who", "Action", "Kind", "What changed", "Fields"],
    rows.map((r) => {
      const e = presentReadable(r, subjects);
      const fields = Object.keys({ ...(r.before ?? {}), ...(r.after ?? {}) })
        .filter((k) => k !== "source" && !k.endsWith("Id"))
        .map(humaniseField);
      return [
        londonTime(r.at),
        e.actorName ?? "System",
        ACTION_WORDS[r.action],
        e.kindLabel,
        e.summary,
        [...new Set(fields)].join("; "),
      ];
    }),
  );
  const day = londonTime(ctx.clock()).slice(0, 10);
  return { fileName: `audit-log-${ctx.actor.hubSlug}-${day}.csv`, body };
};
