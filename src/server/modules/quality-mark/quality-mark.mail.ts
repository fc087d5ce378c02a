import type { ServiceContext } from "../../platform/context";
import { qmRepository } from "./quality-mark.repository";

/**
 * Tells a school about its quality mark (each step of its application, its award, a renewal):
 * one message to each of its users and contacts with an address, in the caller's transaction.
 */
export const mailSchool = async (
  ctx: Pick<ServiceContext, "db" | "mailer" | "actor">,
  schoolId: string,
  mail: { subject: string; body: string },
  hub?: { id: string; name: string },
): Promise<number> => {
  const hubId = hub?.id ?? ctx.actor.hubId;
  const repo = qmRepository(ctx.db);
  const hubName = hub?.name ?? (await repo.hub(hubId))?.name ?? ctx.actor.hubName;
  const to = await repo.schoolAddresses(hubId, schoolId);
  for (const p of to)
    await ctx.mailer.send({
      hubId,
      to: p.email,
      subject: mail.subject,
      text: `Dear ${p.name},\n\n${mail.body}\n\n${hubName}`,
    });
  return to.length;
};
