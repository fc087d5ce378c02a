import { QM_LEVELS, type QmLevel } from "../../../shared/rules/quality-mark";
import type { QmPresentation, QmPresentationInput } from "../../../shared/schemas/quality-mark";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { forbidden, invalid } from "../../platform/errors";
import { listAwards } from "./awards.service";
import { allows } from "./quality-mark.policy";
import { qmRepository } from "./quality-mark.repository";

const rank = (l: QmLevel) => QM_LEVELS.indexOf(l);

/**
 * GET /api/quality-mark/presentation?year= (hub users): the CPD event at which the year's awards
 * are presented, if the hub chose one, and the schools to be presented there (every award made
 * in the academic year), highest level first, then by name.
 */
export const getPresentation = async (ctx: ServiceContext, year: string): Promise<QmPresentation> => {
  if (!allows(ctx.actor, "seeAll")) throw forbidden();
  const [event, awards] = await Promise.all([
    qmRepository(ctx.db).presentation(ctx.actor.hubId, year),
    listAwards(ctx, { page: 1, pageSize: 5000, year }),
  ]);
  return {
    academicYear: year,
    event: event ? { ...event, startsAt: event.startsAt.toISOString() } : null,
    schools: awards.items
      .map((a) => ({ urn: a.urn, schoolName: a.schoolName, level: a.level, awardedOn: a.awardedOn }))
      .sort((a, b) => rank(b.level) - rank(a.level) || a.schoolName.localeCompare(b.schoolName, "en-GB")),
  };
};

/** PUT /api/quality-mark/presentation (hub admins): the year's presentation event, or none. */
export const savePresentation = async (
  ctx: ServiceContext,
  input: QmPresentationInput,
): Promise<QmPresentation> => {
  if (!allows(ctx.actor, "managePresentation")) throw forbidden();
  await inTransaction(ctx, async (tx) => {
    const repo = qmRepository(tx.db);
    if (input.eventId) {
      const event = await repo.cpdEvent(tx.actor.hubId, input.eventId);
      if (!event)
        throw invalid("Choose one of the hub's CPD events", [
          { path: "eventId", message: "Choose one of the hub's CPD events" },
        ]);
      if (event.status === "cancelled")
        throw invalid("That event is cancelled: choose another", [
          { path: "eventId", message: "That event is cancelled" },
        ]);
    }
    const before = await repo.presentation(tx.actor.hubId, input.academicYear);
    const entityId = input.eventId ?? before?.id;
    if (!entityId) return; // none before, none now
    await repo.savePresentation(tx.actor.hubId, input.academicYear, input.eventId, tx.actor.userId);
    await recordAudit(tx.db, tx.actor, {
      action: before ? (input.eventId ? "update" : "delete") : "create",
      entity: "qm_presentation",
      entityId,
      before: before ? { academicYear: input.academicYear, eventId: before.id } : null,
      after: input.eventId ? { academicYear: input.academicYear, eventId: input.eventId } : null,
    });
  });
  return getPresentation(ctx, input.academicYear);
};
