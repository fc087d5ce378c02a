import { phaseDatesInOrder, phaseState } from "../../../shared/rules/engagement-phases";
import type { Phase, PhaseInput, PhasePatch, PhaseSummary } from "../../../shared/schemas/phases";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { userIdOf } from "../questionnaires/questionnaire-templates.service";
import { tellInvitedSchools } from "./phases.mail";
import { canManagePhases } from "./phases.policy";
import { type PhaseRow, phasesRepository } from "./phases.repository";
import { londonDate } from "./visits.calendar";

const requireManager = (ctx: ServiceContext): void => {
  if (!canManagePhases(ctx.actor)) throw forbidden();
};

const summary = (ctx: ServiceContext, p: PhaseRow, schools: number): PhaseSummary => ({
  id: p.id,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  state: phaseState(p, londonDate(ctx.clock())),
  schools,
});

const nameTaken = () =>
  new AppError("conflict", "This hub already has a phase of that name", {
    fields: [{ path: "name", message: "Another phase has this name" }],
  });

export const listPhases = async (ctx: ServiceContext): Promise<PhaseSummary[]> => {
  requireManager(ctx);
  const rows = await phasesRepository(ctx.db).phases(ctx.actor.hubId);
  return rows.map((r) => summary(ctx, r.phase, r.schools));
};

export const getPhase = async (ctx: ServiceContext, id: string): Promise<Phase> => {
  requireManager(ctx);
  const repo = phasesRepository(ctx.db);
  const phase = await repo.phase(ctx.actor.hubId, id);
  if (!phase) throw notFound("The phase");
  const schools = await repo.phaseSchools(ctx.actor.hubId, id);
  return {
    ...summary(ctx, phase, schools.length),
    schoolList: schools.map((s) => ({
      urn: s.urn,
      name: s.name,
      status: s.status,
      joinedVia: s.joinedVia,
      addedAt: s.addedAt.toISOString(),
      audit: s.audit ?? "none",
    })),
  };
};

export const createPhase = async (ctx: ServiceContext, input: PhaseInput): Promise<Phase> => {
  requireManager(ctx);
  const id = await inTransaction(ctx, async (tx) => {
    const repo = phasesRepository(tx.db);
    if (await repo.phaseByName(tx.actor.hubId, input.name)) throw nameTaken();
    const phase = await repo.insertPhase({ hubId: tx.actor.hubId, ...input, createdBy: userIdOf(tx) });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "phase",
      entityId: phase.id,
      after: input,
    });
    return phase.id;
  });
  return getPhase(ctx, id);
};

export const updatePhase = async (ctx: ServiceContext, id: string, patch: PhasePatch): Promise<Phase> => {
  requireManager(ctx);
  await inTransaction(ctx, async (tx) => {
    const repo = phasesRepository(tx.db);
    const phase = await repo.phase(tx.actor.hubId, id, true);
    if (!phase) throw notFound("The phase");
    const next = { ...phase, ...patch };
    if (!phaseDatesInOrder(next.startsOn, next.endsOn))
      throw invalid("The phase must end on or after the day it starts", [
        { path: "endsOn", message: "The phase must end on or after the day it starts" },
      ]);
    if (patch.name && patch.name.toLowerCase() !== phase.name.toLowerCase()) {
      const other = await repo.phaseByName(tx.actor.hubId, patch.name);
      if (other && other.id !== id) throw nameTaken();
    }
    await repo.updatePhase(tx.actor.hubId, id, patch);
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "phase",
      entityId: id,
      before: { name: phase.name, startsOn: phase.startsOn, endsOn: phase.endsOn },
      after: patch,
    });
  });
  return getPhase(ctx, id);
};

/**
 * Adds schools to a phase by URN (an invitation by hub staff). Every URN must name an open
 * school of the hub; schools already in the phase stay as they were (and are not told again).
 * The contacts of each school added are told by e-mail, in the same transaction.
 */
export const addPhaseSchools = async (ctx: ServiceContext, id: string, urns: number[]): Promise<Phase> => {
  requireManager(ctx);
  await inTransaction(ctx, async (tx) => {
    const repo = phasesRepository(tx.db);
    const phase = await repo.phase(tx.actor.hubId, id, true);
    if (!phase) throw notFound("The phase");
    const wanted = [...new Set(urns)];
    const found = await repo.schoolsByUrn(tx.actor.hubId, wanted);
    const byUrn = new Map(found.map((s) => [s.urn, s]));
    const unknown = wanted.filter((u) => !byUrn.has(u));
    if (unknown.length)
      throw invalid(`No school of this hub has the URN ${unknown.slice(0, 5).join(", ")}`, [
        { path: "urns", message: `Unknown URN: ${unknown.slice(0, 5).join(", ")}` },
      ]);
    const closed = found.filter((s) => s.status === "closed");
    if (closed.length)
      throw invalid(`Closed schools cannot join a phase: ${closed.map((s) => s.name).join(", ")}`, [
        { path: "urns", message: `Closed: ${closed.map((s) => s.urn).join(", ")}` },
      ]);
    const added = await repo.addSchools(
      found.map((s) => ({
        phaseId: id,
        schoolId: s.id,
        hubId: tx.actor.hubId,
        joinedVia: "invitation" as const,
        addedBy: userIdOf(tx),
      })),
    );
    if (added.length) {
      const invited = found.filter((s) => added.includes(s.id));
      await recordAudit(tx.db, tx.actor, {
        action: "update",
        entity: "phase",
        entityId: id,
        after: { schoolsAdded: invited.map((s) => s.urn) },
      });
      await tellInvitedSchools(tx, phase, invited);
    }
  });
  return getPhase(ctx, id);
};

export const removePhaseSchool = async (ctx: ServiceContext, id: string, urn: number): Promise<Phase> => {
  requireManager(ctx);
  await inTransaction(ctx, async (tx) => {
    const repo = phasesRepository(tx.db);
    if (!(await repo.phase(tx.actor.hubId, id, true))) throw notFound("The phase");
    const [school] = await repo.schoolsByUrn(tx.actor.hubId, [urn]);
    if (!school || !(await repo.removeSchool(tx.actor.hubId, id, school.id)))
      throw notFound("The school in this phase");
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "phase",
      entityId: id,
      after: { schoolRemoved: urn },
    });
  });
  return getPhase(ctx, id);
};
