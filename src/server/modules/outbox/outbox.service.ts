import type { OutboxMessage } from "../../../shared/schemas/outbox";
import { isHubAdmin } from "../../platform/actor";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, notFound } from "../../platform/errors";
import { enqueueMail } from "../../platform/mailer";
import { outboxRepository } from "./outbox.repository";

/**
 * Sends a failed message again: it is queued, with its job, in one transaction (audited). Only
 * a failed message of the actor's hub, and only when Tutti sends mail over SMTP.
 */
export const retryMessage = async (ctx: ServiceContext, id: string): Promise<OutboxMessage> => {
  if (!isHubAdmin(ctx.actor)) throw forbidden("Only hub admins send messages again");
  return inTransaction(ctx, async (tx) => {
    const repo = outboxRepository(tx.db);
    const message = await repo.byId(ctx.actor.hubId, id);
    if (!message) throw notFound("The message");
    if (ctx.mailer.transport !== "smtp")
      throw new AppError(
        "conflict",
        "Tutti has no mail server to send through (SMTP_URL is not set): the message stays in the outbox",
      );
    const queued = await repo.requeueFailed(ctx.actor.hubId, id);
    if (!queued)
      throw new AppError(
        "conflict",
        `This message is ${message.status}, not failed: there is nothing to retry`,
      );
    await enqueueMail(tx.db, id);
    await recordAudit(tx.db, ctx.actor, {
      action: "update",
      entity: "mail_message",
      entityId: id,
      before: { status: "failed" },
      after: { status: "queued" },
    });
    return queued;
  });
};
