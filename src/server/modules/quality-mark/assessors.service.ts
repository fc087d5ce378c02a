import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { forbidden, invalid, notFound } from "../../platform/errors";
import { allows } from "./quality-mark.policy";
import { qmRepository } from "./quality-mark.repository";

/** GET /api/quality-mark/assessors: the hub's admins and staff, each with the school a peer assessor works at. */
export const listAssessors = async (ctx: ServiceContext) => {
  if (!allows(ctx.actor, "seeAll")) throw forbidden();
  return qmRepository(ctx.db).assessors(ctx.actor.hubId);
};

/** PUT /api/quality-mark/assessors/:userId (hub admins): the school the assessor works at, or none. */
export const saveAssessorSchool = async (ctx: ServiceContext, userId: string, schoolId: string | null) => {
  if (!allows(ctx.actor, "manageAssessors")) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const repo = qmRepository(tx.db);
    if (!(await repo.hubMember(tx.actor.hubId, userId))) throw notFound("The assessor");
    if (schoolId && !(await repo.school(tx.actor.hubId, { id: schoolId })))
      throw invalid("Choose a school of this hub", [
        { path: "schoolId", message: "Choose a school of this hub" },
      ]);
    const before = await repo.assessor(tx.actor.hubId, userId);
    await repo.saveAssessor(tx.actor.hubId, userId, schoolId);
    await recordAudit(tx.db, tx.actor, {
      action: before ? "update" : "create",
      entity: "qm_assessor",
      entityId: userId,
      before: before ? { schoolId: before.schoolId } : null,
      after: { schoolId },
    });
    const all = await repo.assessors(tx.actor.hubId);
    const row = all.find((a) => a.userId === userId);
    if (!row) throw notFound("The assessor");
    return row;
  });
};
