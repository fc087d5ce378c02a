import type { AuditEntry, AuditListQuery } from "../../../shared/schemas/audit";
import type { Paged } from "../../../shared/schemas/common";
import type { ServiceContext } from "../../platform/context";
import { forbidden } from "../../platform/errors";
import { canReadAudit } from "./audit.policy";
import { auditRepository } from "./audit.repository";

export const listAudit = async (ctx: ServiceContext, q: AuditListQuery): Promise<Paged<AuditEntry>> => {
  if (!canReadAudit(ctx.actor)) throw forbidden();
  const { items, total } = await auditRepository(ctx.db).list(ctx.actor.hubId, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
};
