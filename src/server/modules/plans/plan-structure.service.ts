import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { MoveInput, Plan } from "../../../shared/schemas/plans";
import {
  planActions,
  planObjectives,
  planReviewDecisions,
  plans,
  planTargets,
  planUpdates,
} from "../../db/schema/plans";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { plansRepository } from "./plans.repository";
import { getPlan } from "./plans.service";

/**
 * Deleting and reordering a plan's objectives, actions and targets. Every change is audited in
 * its transaction. A target with a history (an earlier version, a progress update or a review
 * decision) is never deleted, nor is anything above it: revising a target keeps its history, so
 * such a target is retired at a review instead.
 */

const hubOf = (ctx: ServiceContext) => ctx.actor.hubId;

/** The targets among `ids` that have a history, with their wording (for the message). */
const targetsWithHistory = async (ctx: ServiceContext, ids: string[]): Promise<string[]> => {
  if (!ids.length) return [];
  const rows = await ctx.db
    .select({ text: planTargets.text })
    .from(planTargets)
    .where(
      and(
        eq(planTargets.hubId, hubOf(ctx)),
        inArray(planTargets.id, ids),
        sql`(${planTargets.version} > 1
          or exists (select 1 from ${planUpdates} u where u.target_id = ${planTargets.id})
          or exists (select 1 from ${planReviewDecisions} d where d.target_id = ${planTargets.id}))`,
      ),
    );
  return rows.map((r) => r.text);
};

const refuseIfHistory = async (ctx: ServiceContext, ids: string[], what: string) => {
  const kept = await targetsWithHistory(ctx, ids);
  if (kept.length)
    throw new AppError(
      "conflict",
      `${what} cannot be deleted: ${
        kept.length === 1 ? `the target "${kept[0]}" has` : `${kept.length} of its targets have`
      } progress updates, review decisions or earlier versions, and a target's history is kept. Retire the target at a review instead.`,
    );
};

const targetIdsWhere = async (ctx: ServiceContext, column: "actionId" | "objectiveId", id: string) => {
  if (column === "actionId")
    return (
      await ctx.db
        .select({ id: planTargets.id })
        .from(planTargets)
        .where(and(eq(planTargets.hubId, hubOf(ctx)), eq(planTargets.actionId, id)))
    ).map((r) => r.id);
  return (
    await ctx.db
      .select({ id: planTargets.id })
      .from(planTargets)
      .innerJoin(planActions, eq(planActions.id, planTargets.actionId))
      .where(and(eq(planTargets.hubId, hubOf(ctx)), eq(planActions.objectiveId, id)))
  ).map((r) => r.id);
};

/** Deletes a target that has no history yet (typed by mistake, say). */
export const deleteTarget = (ctx: ServiceContext, planId: string, targetId: string): Promise<Plan> =>
  inTransaction(ctx, async (tx) => {
    const before = await plansRepository(tx.db).target(hubOf(tx), planId, targetId);
    if (!before) throw notFound("Target");
    await refuseIfHistory(tx, [targetId], "This target");
    await tx.db.delete(planTargets).where(eq(planTargets.id, targetId));
    await recordAudit(tx.db, tx.actor, {
      action: "delete",
      entity: "plan_target",
      entityId: targetId,
      before,
    });
    return getPlan(tx, planId);
  });

/** Deletes an action and its targets, when none of them has a history. */
export const deleteAction = (ctx: ServiceContext, planId: string, actionId: string): Promise<Plan> =>
  inTransaction(ctx, async (tx) => {
    const before = await plansRepository(tx.db).action(hubOf(tx), planId, actionId);
    if (!before) throw notFound("Action");
    const targets = await targetIdsWhere(tx, "actionId", actionId);
    await refuseIfHistory(tx, targets, "This action");
    await tx.db.delete(planActions).where(eq(planActions.id, actionId));
    await recordAudit(tx.db, tx.actor, {
      action: "delete",
      entity: "plan_action",
      entityId: actionId,
      before: { ...before, targets: targets.length },
    });
    return getPlan(tx, planId);
  });

/** Deletes an objective with its actions and targets, when none of its targets has a history. */
export const deleteObjective = (ctx: ServiceContext, planId: string, objectiveId: string): Promise<Plan> =>
  inTransaction(ctx, async (tx) => {
    const before = await plansRepository(tx.db).objective(hubOf(tx), planId, objectiveId);
    if (!before) throw notFound("Objective");
    const targets = await targetIdsWhere(tx, "objectiveId", objectiveId);
    await refuseIfHistory(tx, targets, "This objective");
    await tx.db.delete(planObjectives).where(eq(planObjectives.id, objectiveId));
    await recordAudit(tx.db, tx.actor, {
      action: "delete",
      entity: "plan_objective",
      entityId: objectiveId,
      before: { ...before, targets: targets.length },
    });
    return getPlan(tx, planId);
  });

/** Moves in one plan wait for each other (a swap goes through a free number or position). */
const lockPlan = (ctx: ServiceContext, planId: string) =>
  ctx.db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.hubId, hubOf(ctx)), eq(plans.id, planId)))
    .for("update");

const nothingThere = (direction: MoveInput["direction"], what: string) =>
  new AppError("conflict", `This ${what} is already ${direction === "up" ? "first" : "last"}`);

/**
 * Moves an objective one place: it swaps numbers with its neighbour (objectives are numbered,
 * one number each per plan, so the swap goes through a number no objective uses).
 */
export const moveObjective = (ctx: ServiceContext, planId: string, objectiveId: string, input: MoveInput) =>
  inTransaction(ctx, async (tx) => {
    await lockPlan(tx, planId);
    const me = await plansRepository(tx.db).objective(hubOf(tx), planId, objectiveId);
    if (!me) throw notFound("Objective");
    const up = input.direction === "up";
    const [other] = await tx.db
      .select()
      .from(planObjectives)
      .where(
        and(
          eq(planObjectives.hubId, hubOf(tx)),
          eq(planObjectives.planId, planId),
          up ? lt(planObjectives.number, me.number) : gt(planObjectives.number, me.number),
        ),
      )
      .orderBy(up ? desc(planObjectives.number) : asc(planObjectives.number))
      .limit(1);
    if (!other) throw nothingThere(input.direction, "objective");
    await tx.db.update(planObjectives).set({ number: -1 }).where(eq(planObjectives.id, me.id));
    await tx.db.update(planObjectives).set({ number: me.number }).where(eq(planObjectives.id, other.id));
    await tx.db.update(planObjectives).set({ number: other.number }).where(eq(planObjectives.id, me.id));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_objective",
      entityId: me.id,
      before: { number: me.number },
      after: { number: other.number, swappedWith: other.id },
    });
    return getPlan(tx, planId);
  });

/** Moves an action one place among its objective's actions. */
export const moveAction = (ctx: ServiceContext, planId: string, actionId: string, input: MoveInput) =>
  inTransaction(ctx, async (tx) => {
    await lockPlan(tx, planId);
    const me = await plansRepository(tx.db).action(hubOf(tx), planId, actionId);
    if (!me) throw notFound("Action");
    const up = input.direction === "up";
    const [other] = await tx.db
      .select()
      .from(planActions)
      .where(
        and(
          eq(planActions.hubId, hubOf(tx)),
          eq(planActions.objectiveId, me.objectiveId),
          up ? lt(planActions.position, me.position) : gt(planActions.position, me.position),
        ),
      )
      .orderBy(up ? desc(planActions.position) : asc(planActions.position))
      .limit(1);
    if (!other) throw nothingThere(input.direction, "action");
    await tx.db.update(planActions).set({ position: other.position }).where(eq(planActions.id, me.id));
    await tx.db.update(planActions).set({ position: me.position }).where(eq(planActions.id, other.id));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_action",
      entityId: me.id,
      before: { position: me.position },
      after: { position: other.position, swappedWith: other.id },
    });
    return getPlan(tx, planId);
  });

/** Moves a target one place among its action's targets (retired ones keep their places). */
export const moveTarget = (ctx: ServiceContext, planId: string, targetId: string, input: MoveInput) =>
  inTransaction(ctx, async (tx) => {
    await lockPlan(tx, planId);
    const me = await plansRepository(tx.db).target(hubOf(tx), planId, targetId);
    if (!me) throw notFound("Target");
    const up = input.direction === "up";
    const [other] = await tx.db
      .select()
      .from(planTargets)
      .where(
        and(
          eq(planTargets.hubId, hubOf(tx)),
          eq(planTargets.actionId, me.actionId),
          eq(planTargets.retired, false),
          up ? lt(planTargets.position, me.position) : gt(planTargets.position, me.position),
        ),
      )
      .orderBy(up ? desc(planTargets.position) : asc(planTargets.position))
      .limit(1);
    if (!other) throw nothingThere(input.direction, "target");
    await tx.db.update(planTargets).set({ position: other.position }).where(eq(planTargets.id, me.id));
    await tx.db.update(planTargets).set({ position: me.position }).where(eq(planTargets.id, other.id));
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "plan_target",
      entityId: me.id,
      before: { position: me.position },
      after: { position: other.position, swappedWith: other.id },
    });
    return getPlan(tx, planId);
  });
