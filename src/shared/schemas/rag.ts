import { z } from "zod";
import { RAG_CRITERION_IDS, RAG_RATINGS } from "../rules/rag-suggestion";
import { PageQuery, paged } from "./common";
import { Phase } from "./schools";

export const RAG_RATING_MESSAGE = "Choose a rating: red, amber or green";
export const RagRatingValue = z.enum(RAG_RATINGS, { error: RAG_RATING_MESSAGE });
export const RagCriterionId = z.enum(RAG_CRITERION_IDS, { error: "That is not one of Tutti's criteria" });
/** A board or list filter: a rating, or "unrated" for schools not yet rated. */
export const RagFilter = z.enum([...RAG_RATINGS, "unrated"], {
  error: "Filter by red, amber, green or unrated",
});
export type RagFilter = z.infer<typeof RagFilter>;

export const REASON_MESSAGE = "Give a reason for the rating";
export const SetRagRequest = z.object({
  rating: RagRatingValue,
  reason: z
    .string({ error: REASON_MESSAGE })
    .trim()
    .min(1, REASON_MESSAGE)
    .max(2000, "Keep the reason under 2,000 characters"),
});
export type SetRagRequest = z.infer<typeof SetRagRequest>;

export const RagEntry = z.object({
  rating: RagRatingValue,
  reason: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});
export type RagEntry = z.infer<typeof RagEntry>;

export const RagHistoryEntry = RagEntry.extend({
  id: z.number().int(),
  suggested: RagRatingValue.nullable(),
});
export type RagHistoryEntry = z.infer<typeof RagHistoryEntry>;

export const RagSuggestion = z.object({
  rating: RagRatingValue,
  criteria: z.array(z.object({ id: RagCriterionId, label: z.string(), fired: z.boolean() })),
});
export type RagSuggestion = z.infer<typeof RagSuggestion>;

/** GET /api/schools/:urn/rag */
export const SchoolRag = z.object({
  current: RagEntry.nullable(),
  suggestion: RagSuggestion,
  /** Newest first. */
  history: z.array(RagHistoryEntry),
});
export type SchoolRag = z.infer<typeof SchoolRag>;

const Threshold = z.number({ error: "A threshold is a number" }).int("A threshold is a whole number");

export const RagCriteriaInput = z
  .object({
    criteria: z
      .array(z.object({ id: RagCriterionId, enabled: z.boolean(), threshold: Threshold.nullable() }))
      .max(50),
    redAt: z.number().int("Red needs a whole number of criteria").min(1, "Red needs at least one criterion"),
    amberAt: z
      .number()
      .int("Amber needs a whole number of criteria")
      .min(1, "Amber needs at least one criterion"),
  })
  .refine((c) => c.amberAt <= c.redAt, {
    error: "Amber cannot need more criteria than red",
    path: ["amberAt"],
  });
export type RagCriteriaInput = z.infer<typeof RagCriteriaInput>;

/** GET /api/engagement/rag-criteria: the hub's config and what each criterion is. */
export const RagCriteriaResponse = z.object({
  criteria: z.array(
    z.object({
      id: RagCriterionId,
      label: z.string(),
      enabled: z.boolean(),
      threshold: z.number().nullable(),
      thresholdUnit: z.string().nullable(),
      thresholdMin: z.number().nullable(),
      thresholdMax: z.number().nullable(),
      /** False while the data it needs is not held by Tutti yet (visits). */
      available: z.boolean(),
    }),
  ),
  redAt: z.number().int(),
  amberAt: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type RagCriteriaResponse = z.infer<typeof RagCriteriaResponse>;

const IdOrNone = z.union([z.uuid(), z.literal("none")]);

export const RagBoardQuery = PageQuery.extend({
  rating: RagFilter.optional(),
  area: IdOrNone.optional(),
  phase: Phase.optional(),
  linkOfficer: IdOrNone.optional(),
});
export type RagBoardQuery = z.infer<typeof RagBoardQuery>;

export const RagBoardItem = z.object({
  urn: z.number().int(),
  name: z.string(),
  phase: Phase,
  areaName: z.string().nullable(),
  linkOfficerName: z.string().nullable(),
  current: z.object({ rating: RagRatingValue, setAt: z.string() }).nullable(),
  targetedSupport: z.boolean(),
  suggestion: RagSuggestion,
});
export type RagBoardItem = z.infer<typeof RagBoardItem>;

/** Schools in rating order (red, amber, green, unrated), paged; counts per rating for the filters. */
export const RagBoardResponse = paged(RagBoardItem).extend({
  counts: z.object({ red: z.number(), amber: z.number(), green: z.number(), unrated: z.number() }),
});
export type RagBoardResponse = z.infer<typeof RagBoardResponse>;
