import { formatUkDate } from "../../../shared/rules/uk-date";
import { recordAudit } from "../../platform/audit";
import type { ServiceContext } from "../../platform/context";
import { type PhaseRow, phasesRepository } from "./phases.repository";

type InvitedSchool = { id: string; urn: number; name: string };

/** Who was told of an invitation: each school's URN and the addresses written to (none when it has no e-mail). */
export type InvitationsSent = { urn: number; to: string[] }[];

/**
 * Tells the contacts of schools just invited into a phase (those with an e-mail address, each
 * address once per school), through the mailer of the caller's transaction: the messages and
 * their `mail:send` jobs exist only if the invitation commits. One audit entry lists who was told.
 */
export const tellInvitedSchools = async (
  ctx: ServiceContext,
  phase: PhaseRow,
  invited: readonly InvitedSchool[],
): Promise<InvitationsSent> => {
  if (!invited.length) return [];
  const repo = phasesRepository(ctx.db);
  const hubName = (await repo.hubName(ctx.actor.hubId)) || ctx.actor.hubName;
  const contacts = await repo.contactsOf(
    ctx.actor.hubId,
    invited.map((s) => s.id),
  );
  const dates = `from ${formatUkDate(phase.startsOn)} to ${formatUkDate(phase.endsOn)}`;
  const sent: InvitationsSent = [];
  for (const school of invited) {
    const to: string[] = [];
    for (const c of contacts) {
      const address = c.email?.trim().toLowerCase();
      if (c.schoolId !== school.id || !address || to.includes(address)) continue;
      to.push(address);
      await ctx.mailer.send({
        hubId: ctx.actor.hubId,
        to: address,
        subject: `${school.name} is invited to ${phase.name} (${hubName})`,
        text: [
          `Dear ${c.name},`,
          `${hubName} has invited ${school.name} to take part in ${phase.name} of its programme of supportive conversations about music, ${dates}.`,
          "Your link officer will be in touch to arrange a visit. Before it, we will ask you to complete a short audit of music in your school; you will find it in Tutti under Audits.",
          `If you have any questions, reply to your link officer or contact ${hubName}.`,
          hubName,
        ].join("\n\n"),
      });
    }
    sent.push({ urn: school.urn, to });
  }
  await recordAudit(ctx.db, ctx.actor, {
    action: "create",
    entity: "phase_invitation",
    entityId: phase.id,
    after: { phase: phase.name, invitationsSent: sent },
  });
  return sent;
};
