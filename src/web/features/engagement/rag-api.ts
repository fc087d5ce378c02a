import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { RagRating } from "../../../shared/rules/rag-suggestion";
import type { RagBoardResponse, SchoolRag } from "../../../shared/schemas/rag";
import { api, type QueryParams } from "../../api/client";
import type { BadgeTone } from "../../components/ui";

export const ragKeys = {
  school: (urn: number) => ["rag", "school", urn] as const,
  board: (params: QueryParams) => ["rag", "board", params] as const,
};

export const schoolRagQuery = (urn: number) =>
  queryOptions({
    queryKey: ragKeys.school(urn),
    queryFn: ({ signal }) => api.get<SchoolRag>(`/api/schools/${urn}/rag`, undefined, signal),
  });

export const ragBoardQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: ragKeys.board(params),
    queryFn: ({ signal }) => api.get<RagBoardResponse>("/api/engagement/rag-board", params, signal),
    placeholderData: keepPreviousData,
  });

export const RAG_LABELS: Record<RagRating | "unrated", string> = {
  red: "Red",
  amber: "Amber",
  green: "Green",
  unrated: "Not yet rated",
};
export const RAG_TONES: Record<RagRating | "unrated", BadgeTone> = {
  red: "red",
  amber: "amber",
  green: "green",
  unrated: "neutral",
};
