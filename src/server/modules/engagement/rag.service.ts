import { academicYearOf } from "../../../shared/rules/academic-year";
import {
  DEFAULT_RAG_CONFIG,
  RAG_CRITERIA,
  type RagCriteriaConfig,
  type RagSuggestion,
  settingFor,
  suggestRating,
} from "../../../shared/rules/rag-suggestion";
import {
  type RagBoardQuery,
  RagBoardResponse,
  type RagCriteriaInput,
  type RagCriteriaResponse,
  type SchoolRag,
  type SetRagRequest,
} from "../../../shared/schemas/rag";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { forbidden, invalid } from "../../platform/errors";
import { hubJsonReads } from "../../platform/hub-reads";
import { phaseOf } from "../schools/schools.presenter";
import { findSchool, type SchoolRef } from "../schools/schools.service";
import { canEditCriteria, canSeeCriteria, canSeeRatings, canSetRatings } from "./rag.policy";
import { ragRepository } from "./rag.repository";
import { isAvailable, loadInputs, type RagSchool } from "./rag-inputs";
import { londonDate } from "./visits.calendar";

/** The hub's criteria: what it saved, each criterion Tutti knows completed from the defaults. */
const configOf = async (ctx: ServiceContext) => {
  const row = await ragRepository(ctx.db).criteria(ctx.actor.hubId);
  const saved = row?.config ?? DEFAULT_RAG_CONFIG;
  const config: RagCriteriaConfig = {
    criteria: RAG_CRITERIA.map((c) => {
      const s = saved.criteria.find((x) => x.id === c.id) ?? settingFor(DEFAULT_RAG_CONFIG, c.id);
      return {
        id: c.id,
        enabled: s.enabled,
        threshold: c.threshold ? (s.threshold ?? c.threshold.default) : null,
      };
    }),
    redAt: saved.redAt,
    amberAt: saved.amberAt,
  };
  return { config, updatedAt: row?.updatedAt ?? null };
};

/** Suggestions for some schools, with one query per input for all of them. */
const suggestionsFor = async (
  ctx: ServiceContext,
  schools: RagSchool[],
  config: RagCriteriaConfig,
): Promise<Map<string, RagSuggestion>> => {
  const inputs = await loadInputs(ctx, schools, academicYearOf(ctx.clock()));
  return new Map(schools.map((s) => [s.id, suggestRating(config, inputs.get(s.id) ?? {})]));
};

const iso = (d: Date): string => d.toISOString();

/** GET /api/schools/:urn/rag: the current rating, the suggestion and the history. */
export const getSchoolRag = async (ctx: ServiceContext, ref: SchoolRef): Promise<SchoolRag> => {
  if (!canSeeRatings(ctx.actor)) throw forbidden();
  const school = await findSchool(ctx, ref);
  const { config } = await configOf(ctx);
  const [suggestions, history] = await Promise.all([
    suggestionsFor(ctx, [school], config),
    ragRepository(ctx.db).history(ctx.actor.hubId, school.id),
  ]);
  const entries = history.map((h) => ({ ...h, setAt: iso(h.setAt) }));
  const [latest] = entries;
  const suggestion = suggestions.get(school.id) ?? suggestRating(config, {});
  return {
    current: latest
      ? { rating: latest.rating, reason: latest.reason, setBy: latest.setBy, setAt: latest.setAt }
      : null,
    suggestion,
    history: entries,
  };
};

/**
 * PUT /api/schools/:urn/rag: confirms or overrides the suggestion with a reason. The school's
 * row is locked for the transaction, so concurrent ratings take turns: each is appended to the
 * history, and the current rating is the last to commit.
 */
export const setSchoolRag = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  body: SetRagRequest,
): Promise<SchoolRag> => {
  if (!canSetRatings(ctx.actor)) throw forbidden();
  const reason = body.reason.trim();
  if (!reason)
    throw invalid("Give a reason for the rating", [
      { path: "reason", message: "Give a reason for the rating" },
    ]);
  await inTransaction(ctx, async (tx) => {
    const school = await findSchool(tx, ref, { lock: true });
    const { config } = await configOf(tx);
    const suggestion = (await suggestionsFor(tx, [school], config)).get(school.id);
    const before = (await ragRepository(tx.db).history(ctx.actor.hubId, school.id))[0];
    const saved = await ragRepository(tx.db).record({
      hubId: ctx.actor.hubId,
      schoolId: school.id,
      rating: body.rating,
      reason,
      suggested: suggestion?.rating ?? "green",
      setBy: ctx.actor.userId,
      setAt: ctx.clock(),
    });
    await recordAudit(tx.db, ctx.actor, {
      action: before ? "update" : "create",
      entity: "school_rag",
      entityId: school.id,
      before: before ? { rating: before.rating, reason: before.reason } : null,
      after: { rating: saved.rating, reason: saved.reason, suggested: saved.suggested },
    });
  });
  return getSchoolRag(ctx, ref);
};

const presentCriteria = (config: RagCriteriaConfig, updatedAt: Date | null): RagCriteriaResponse => ({
  criteria: RAG_CRITERIA.map((c) => {
    const s = settingFor(config, c.id);
    return {
      id: c.id,
      label: c.label(s.threshold ?? c.threshold?.default ?? 0),
      enabled: s.enabled,
      threshold: c.threshold ? s.threshold : null,
      thresholdUnit: c.threshold?.unit ?? null,
      thresholdMin: c.threshold?.min ?? null,
      thresholdMax: c.threshold?.max ?? null,
      available: isAvailable(c.input),
    };
  }),
  redAt: config.redAt,
  amberAt: config.amberAt,
  updatedAt: updatedAt ? iso(updatedAt) : null,
});

export const getRagCriteria = async (ctx: ServiceContext): Promise<RagCriteriaResponse> => {
  if (!canSeeCriteria(ctx.actor)) throw forbidden();
  const { config, updatedAt } = await configOf(ctx);
  return presentCriteria(config, updatedAt);
};

/** PUT /api/engagement/rag-criteria (hub admins): criteria not sent keep their setting. */
export const putRagCriteria = async (
  ctx: ServiceContext,
  body: RagCriteriaInput,
): Promise<RagCriteriaResponse> => {
  if (!canEditCriteria(ctx.actor)) throw forbidden();
  const problems: { path: string; message: string }[] = [];
  body.criteria.forEach((c, i) => {
    const def = RAG_CRITERIA.find((x) => x.id === c.id);
    const range = def?.threshold;
    if (!range || c.threshold === null) return;
    if (c.threshold < range.min || c.threshold > range.max)
      problems.push({
        path: `criteria.${i}.threshold`,
        message: `The threshold of "${def.label(range.default)}" must be between ${range.min} and ${range.max}`,
      });
  });
  const first = problems[0];
  if (first) throw invalid(first.message, problems);
  return inTransaction(ctx, async (tx) => {
    const { config: before } = await configOf(tx);
    const config: RagCriteriaConfig = {
      criteria: before.criteria.map((c) => {
        const sent = body.criteria.find((x) => x.id === c.id);
        return sent ? { id: c.id, enabled: sent.enabled, threshold: sent.threshold ?? c.threshold } : c;
      }),
      redAt: body.redAt,
      amberAt: body.amberAt,
    };
    const at = ctx.clock();
    await ragRepository(tx.db).saveCriteria(ctx.actor.hubId, config, ctx.actor.userId, at);
    await recordAudit(tx.db, ctx.actor, {
      action: "update",
      entity: "rag_criteria",
      entityId: ctx.actor.hubId,
      before: { ...before },
      after: { ...config },
    });
    return presentCriteria(config, at);
  });
};

/** GET /api/engagement/rag-board: schools by current rating, each with its suggestion. */
export const ragBoardJson = async (ctx: ServiceContext, q: RagBoardQuery): Promise<string> => {
  if (!canSeeRatings(ctx.actor)) throw forbidden();
  const key = `${londonDate(ctx.clock())} ${JSON.stringify(q)}`;
  return keptBoard.forActor(ctx, key, () => computeBoard(ctx, q));
};

/**
 * Board pages, kept per hub, query and London day while none of what they read has moved: the
 * schools (names, areas, link officers), their music figures, visits and next steps, ratings and
 * criteria (platform/hub-reads.ts, decision 030).
 */
const keptBoard = hubJsonReads("rag-board", RagBoardResponse, {
  topics: ["schools", "profiles", "engagement", "rag"],
  max: 1000,
});

const computeBoard = async (ctx: ServiceContext, q: RagBoardQuery): Promise<RagBoardResponse> => {
  const { config } = await configOf(ctx);
  const { items, counts, total } = await ragRepository(ctx.db).board(ctx.actor.hubId, q);
  const suggestions = await suggestionsFor(ctx, items, config);
  return {
    items: items.map((r) => ({
      urn: r.urn,
      name: r.name,
      phase: phaseOf(r.phase),
      areaName: r.areaName,
      linkOfficerName: r.linkOfficerName,
      current: r.rating && r.setAt ? { rating: r.rating, setAt: iso(r.setAt) } : null,
      targetedSupport: r.rating === "red",
      suggestion: suggestions.get(r.id) ?? suggestRating(config, {}),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    counts,
  };
};
