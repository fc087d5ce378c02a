import {
  awardStatusOn,
  awardYearOf,
  EXPIRY_WINDOW_DAYS,
  QM_LEVEL_LABELS,
  type QmLevel,
  validUntil,
} from "../../../shared/rules/quality-mark";
import type { Paged } from "../../../shared/schemas/common";
import type {
  PublicQualityMark,
  QmAward,
  QmAwardInput,
  QmAwardQuery,
} from "../../../shared/schemas/quality-mark";
import type { DbOrTx } from "../../db/client";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden, invalid, notFound } from "../../platform/errors";
import { londonDate } from "../engagement/visits.calendar";
import { validityYearsFor } from "./framework.service";
import { allows, canSeeSchoolRecord } from "./quality-mark.policy";
import { type AwardRow, type QmSchool, qmRepository } from "./quality-mark.repository";

export const todayOf = (ctx: Pick<ServiceContext, "clock">): string => londonDate(ctx.clock());

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day after the "about to expire" window that starts on `on`. */
export const windowEndOf = (on: string): string => addDays(on, EXPIRY_WINDOW_DAYS);

export const presentAward = (
  r: { award: AwardRow; urn: number; schoolName: string },
  on: string,
): QmAward => ({
  id: r.award.id,
  urn: r.urn,
  schoolName: r.schoolName,
  level: r.award.level,
  awardedOn: r.award.awardedOn,
  academicYear: r.award.academicYear,
  validUntil: r.award.validUntil,
  status: awardStatusOn(r.award, on),
  applicationId: r.award.applicationId,
});

/**
 * Writes an award (in the caller's transaction), valid for `validityYears` academic years (the
 * framework's: the application's version, or for a past award the hub's framework of its year).
 */
export const createAward = async (
  ctx: ServiceContext,
  a: {
    school: QmSchool;
    level: QmLevel;
    awardedOn?: string;
    applicationId: string | null;
    moderatorId: string | null;
    validityYears: number;
  },
): Promise<AwardRow> => {
  const awardedOn = a.awardedOn ?? todayOf(ctx);
  const award = await qmRepository(ctx.db).insertAward({
    hubId: ctx.actor.hubId,
    schoolId: a.school.id,
    level: a.level,
    awardedOn,
    academicYear: awardYearOf(awardedOn),
    validUntil: validUntil(awardedOn, a.validityYears),
    applicationId: a.applicationId,
    moderatorId: a.moderatorId,
    createdBy: ctx.actor.userId,
  });
  await recordAudit(ctx.db, ctx.actor, {
    action: "create",
    entity: "qm_award",
    entityId: award.id,
    after: {
      schoolId: a.school.id,
      level: a.level,
      awardedOn,
      validUntil: award.validUntil,
      validityYears: a.validityYears,
      applicationId: a.applicationId,
    },
  });
  return award;
};

/** POST /api/quality-mark/awards (hub admins): records an award made before the hub used Tutti. */
export const recordAward = async (ctx: ServiceContext, input: QmAwardInput): Promise<QmAward> => {
  if (!allows(ctx.actor, "recordAwards")) throw forbidden();
  const today = todayOf(ctx);
  if (input.awardedOn > today)
    throw invalid("An award is recorded once it has been made: the date is in the future", [
      { path: "awardedOn", message: "The date is in the future" },
    ]);
  return inTransaction(ctx, async (tx) => {
    const school = await qmRepository(tx.db).school(tx.actor.hubId, { urn: input.urn });
    if (!school)
      throw invalid("No school of this hub has that URN", [
        { path: "urn", message: "No school of this hub has that URN" },
      ]);
    const award = await createAward(tx, {
      school,
      level: input.level,
      awardedOn: input.awardedOn,
      applicationId: null,
      moderatorId: null,
      validityYears: await validityYearsFor(tx, awardYearOf(input.awardedOn)),
    });
    return presentAward({ award, urn: school.urn, schoolName: school.name }, today);
  });
};

export const listAwards = async (ctx: ServiceContext, q: QmAwardQuery): Promise<Paged<QmAward>> => {
  if (!allows(ctx.actor, "readAwards")) throw forbidden();
  const hubWide = allows(ctx.actor, "seeAll");
  if (!hubWide && !ctx.actor.schoolId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const on = todayOf(ctx);
  const { items, total } = await qmRepository(ctx.db).listAwards(
    ctx.actor.hubId,
    q,
    hubWide ? null : ctx.actor.schoolId,
    on,
    windowEndOf(on),
  );
  return { items: items.map((r) => presentAward(r, on)), total, page: q.page, pageSize: q.pageSize };
};

export const exportAwards = async (ctx: ServiceContext, q: Omit<QmAwardQuery, "page" | "pageSize">) => {
  if (!allows(ctx.actor, "seeAll")) throw forbidden();
  const { items } = await listAwards(ctx, { ...q, page: 1, pageSize: 50_000 });
  return csvDocument(
    ["URN", "School", "Level", "Awarded on", "Academic year", "Valid until", "Status"],
    items.map((a) => [
      a.urn,
      a.schoolName,
      QM_LEVEL_LABELS[a.level],
      a.awardedOn,
      a.academicYear,
      a.validUntil,
      a.status,
    ]),
  );
};

/**
 * An award the actor may download: hub users any of the hub's, a school user its own school's.
 * Anyone else (another school, a partner, another hub) is told it does not exist.
 */
export const awardFor = async (ctx: ServiceContext, id: string) => {
  const row = await qmRepository(ctx.db).award(ctx.actor.hubId, id);
  if (!row || !canSeeSchoolRecord(ctx.actor, "readAwards", row.award.schoolId)) throw notFound("The award");
  const hub = await qmRepository(ctx.db).hub(ctx.actor.hubId);
  return { ...row, hubName: hub?.name ?? ctx.actor.hubName, hubColour: hub?.colour ?? "#1f4e79" };
};

/** GET /api/public/hubs/:slug/quality-mark: each school's current award, level and year only. */
export const publicAwards = async (db: DbOrTx, slug: string, now: Date): Promise<PublicQualityMark> => {
  const repo = qmRepository(db);
  const hub = await repo.hubBySlug(slug);
  if (!hub) throw notFound("The hub");
  const items = await repo.currentAwards(hub.id, londonDate(now));
  // By level, highest first, then by name.
  const rank = (l: QmLevel) => -["bronze", "silver", "gold", "platinum"].indexOf(l);
  return {
    items: items.sort(
      (a, b) => rank(a.level) - rank(b.level) || a.schoolName.localeCompare(b.schoolName, "en-GB"),
    ),
  };
};
