import type { z } from "zod";
import { FOCUS_AREA_LABELS, type FocusArea } from "../../../shared/rules/focus-areas";
import type { Setting } from "../../../shared/rules/lead-school-coverage";
import type { PublicLeadSchools, PublicRound, Round, RoundInput } from "../../../shared/schemas/lead-schools";
import type { DbOrTx } from "../../db/client";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { invalid, notFound } from "../../platform/errors";
import { londonDate } from "../engagement/visits.calendar";
import { leadSchoolsRepository, type RoundRow } from "./lead-schools.repository";
import { requireCan, today } from "./lead-schools.service";
import { checkRoundSetup } from "./round-setup.service";

/** Where a round is in its timeline on a day. */
export const roundStage = (
  r: Pick<RoundRow, "closesOn" | "visitsFrom" | "announceOn">,
  on: string,
): Round["stage"] =>
  on <= r.closesOn ? "open" : on < r.visitsFrom ? "reviewing" : on < r.announceOn ? "visits" : "announced";

const presentRound = async (db: DbOrTx, r: RoundRow, applications: number, on: string): Promise<Round> => {
  const names = await leadSchoolsRepository(db).areaNames(r.hubId, r.areaIdsWanted);
  return {
    id: r.id,
    title: r.title,
    closesOn: r.closesOn,
    shortlistOn: r.shortlistOn,
    visitsFrom: r.visitsFrom,
    announceOn: r.announceOn,
    stage: roundStage(r, on),
    lookingFor: r.lookingFor,
    areasWanted: names.sort((a, b) => a.name.localeCompare(b.name)),
    settingsWanted: r.settingsWanted as Setting[],
    expectations: r.expectations,
    benefits: r.benefits,
    criteria: r.criteria,
    panelUserIds: r.panelUserIds,
    applications,
  };
};

const checkAreas = async (ctx: ServiceContext, ids: readonly string[]) => {
  const found = await leadSchoolsRepository(ctx.db).areaNames(ctx.actor.hubId, ids);
  if (found.length !== new Set(ids).size)
    throw invalid("Choose areas of this hub", [
      { path: "areaIdsWanted", message: "Choose areas of this hub" },
    ]);
};

export const createRound = async (ctx: ServiceContext, input: RoundInput): Promise<Round> => {
  requireCan(ctx, "manage");
  await checkAreas(ctx, input.areaIdsWanted);
  await checkRoundSetup(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const round = await leadSchoolsRepository(tx.db).insertRound({ ...input, hubId: tx.actor.hubId });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "lead_school_round",
      entityId: round.id,
      after: round,
    });
    return presentRound(tx.db, round, 0, today(tx));
  });
};

export const updateRound = async (ctx: ServiceContext, id: string, input: RoundInput): Promise<Round> => {
  requireCan(ctx, "manage");
  await checkAreas(ctx, input.areaIdsWanted);
  return inTransaction(ctx, async (tx) => {
    const repo = leadSchoolsRepository(tx.db);
    const before = await repo.round(tx.actor.hubId, id);
    if (!before) throw notFound("The round");
    await checkRoundSetup(tx, input, before);
    const round = await repo.updateRound(tx.actor.hubId, id, input);
    if (!round) throw notFound("The round");
    await recordAudit(tx.db, tx.actor, {
      action: "update",
      entity: "lead_school_round",
      entityId: id,
      before,
      after: round,
    });
    return presentRound(tx.db, round, 0, today(tx));
  });
};

export const listRounds = async (ctx: ServiceContext): Promise<Round[]> => {
  requireCan(ctx, "see");
  const on = today(ctx);
  const rows = await leadSchoolsRepository(ctx.db).rounds(ctx.actor.hubId);
  return Promise.all(rows.map((r) => presentRound(ctx.db, r.round, r.applications, on)));
};

/** A round: hub users see all of it; anyone else signed in (a school) sees what the public page shows. */
export const getRound = async (ctx: ServiceContext, id: string): Promise<Round> => {
  const repo = leadSchoolsRepository(ctx.db);
  const round = await repo.round(ctx.actor.hubId, id);
  if (!round) throw notFound("The round");
  const out = await presentRound(ctx.db, round, 0, today(ctx));
  return requireSee(ctx) ? out : { ...out, criteria: [], panelUserIds: [] };
};
const requireSee = (ctx: ServiceContext) => ["hub_admin", "hub_staff"].includes(ctx.actor.role);

// ---------- public ----------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hubOr404 = async (db: DbOrTx, slug: string) => {
  const hub = await leadSchoolsRepository(db).hubBySlug(slug);
  if (!hub) throw notFound("The hub");
  return hub;
};

export const publicRound = async (
  db: DbOrTx,
  slug: string,
  roundId: string,
  now: Date,
): Promise<z.infer<typeof PublicRound>> => {
  const hub = await hubOr404(db, slug);
  if (!UUID.test(roundId)) throw notFound("The round");
  const round = await leadSchoolsRepository(db).round(hub.id, roundId);
  if (!round) throw notFound("The round");
  const r = await presentRound(db, round, 0, londonDate(now));
  return {
    id: r.id,
    title: r.title,
    closesOn: r.closesOn,
    shortlistOn: r.shortlistOn,
    visitsFrom: r.visitsFrom,
    announceOn: r.announceOn,
    stage: r.stage,
    lookingFor: r.lookingFor,
    areasWanted: r.areasWanted,
    settingsWanted: r.settingsWanted,
    expectations: r.expectations,
    benefits: r.benefits,
    hubName: hub.name,
    applyHref: `/lead-schools/rounds/${r.id}/apply`,
  };
};

/** The Lead Schools announced and in office today, with their focus areas and area, and the open rounds. */
export const publicLeadSchools = async (
  db: DbOrTx,
  slug: string,
  now: Date,
): Promise<z.infer<typeof PublicLeadSchools>> => {
  const hub = await hubOr404(db, slug);
  const on = londonDate(now);
  const repo = leadSchoolsRepository(db);
  const [leads, rounds] = await Promise.all([repo.publicLeads(hub.id, on), repo.rounds(hub.id)]);
  return {
    hubName: hub.name,
    leadSchools: leads.map((l) => ({
      urn: l.urn,
      schoolName: l.schoolName,
      area: l.area,
      focusAreas: (l.focusAreas as FocusArea[]).map((code) => ({ code, label: FOCUS_AREA_LABELS[code] })),
      from: l.from,
      to: l.to,
    })),
    openRounds: rounds
      .filter((r) => r.round.closesOn >= on)
      .map((r) => ({ id: r.round.id, title: r.round.title, closesOn: r.round.closesOn })),
  };
};
