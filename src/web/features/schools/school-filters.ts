import { PHASE_LABELS, type Phase } from "../../../shared/rules/phase";
import { SCHOOL_SORTS, SCHOOL_STATUS_LABELS, type SchoolStatus } from "../../../shared/schemas/schools";
import type { QueryParams } from "../../api/client";

/** The list's filters, as kept in the URL's query string. */
export const FILTER_KEYS = [
  "q",
  "phase",
  "type",
  "area",
  "la",
  "trust",
  "linkOfficer",
  "status",
  "tag",
  "missingMusicData",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export type SortKey = (typeof SCHOOL_SORTS)[number];
const isSortKey = (value: string | null): value is SortKey =>
  value !== null && (SCHOOL_SORTS as readonly string[]).includes(value);

export const readFilters = (params: URLSearchParams): Filters => {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
};

export const readSort = (params: URLSearchParams): { key: SortKey; direction: "asc" | "desc" } => {
  const sort = params.get("sort");
  return {
    key: isSortKey(sort) ? sort : "name",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
  };
};

export const readPage = (params: URLSearchParams): number => Math.max(1, Number(params.get("page")) || 1);

export const hasFilters = (filters: Filters): boolean => Object.keys(filters).length > 0;

/** The filters as an API query (and as the body's `filter` of a bulk change). */
export const filterQuery = (filters: Filters): QueryParams => ({ ...filters });

export const filterBody = (filters: Filters): Record<string, string> => {
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) body[key] = value;
  return body;
};

/** The query string of the filters alone (no paging or sorting), e.g. to carry them to the map. */
export const filterSearch = (filters: Filters): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
};

export const phaseLabel = (phase: Phase): string => PHASE_LABELS[phase] ?? phase;
export const statusLabel = (status: SchoolStatus): string => SCHOOL_STATUS_LABELS[status] ?? status;

export const phaseOptions = Object.entries(PHASE_LABELS).map(([value, label]) => ({ value, label }));
export const statusOptions = Object.entries(SCHOOL_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export const NONE = "none";
