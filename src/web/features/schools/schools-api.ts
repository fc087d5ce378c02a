import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Hub } from "../../../shared/schemas/hubs";
import type {
  Area,
  AreaInput,
  ContactInput,
  ContactRole,
  LinkOfficer,
  MusicFigures,
  MusicYear,
  School,
  SchoolListResponse,
  SchoolMapQuery,
  SchoolMapResponse,
  SchoolPatch,
} from "../../../shared/schemas/schools";
import { api, type QueryParams } from "../../api/client";

export const PAGE_SIZE = 25;

/** What a bulk change answers. */
export interface BulkResult {
  changed: number;
  unchanged: number;
}

/** Schools chosen for a bulk change: by URN, or everything matching the list's filter. */
export type BulkSelection = { urns: number[] } | { filter: Record<string, string> };

export const schoolsKeys = {
  all: ["schools"] as const,
  list: (params: QueryParams) => ["schools", "list", params] as const,
  map: (params: QueryParams) => ["schools", "map", params] as const,
  detail: (urn: number) => ["schools", "detail", urn] as const,
  areas: ["schools", "areas"] as const,
  officers: ["schools", "link-officers"] as const,
  hub: ["hubs", "current"] as const,
};

export const schoolListQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: schoolsKeys.list(params),
    queryFn: ({ signal }) => api.get<SchoolListResponse>("/api/schools", params, signal),
    placeholderData: keepPreviousData,
  });

export const schoolMapQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: schoolsKeys.map(params),
    queryFn: ({ signal }) => api.get<SchoolMapResponse>("/api/schools/map", params, signal),
    placeholderData: keepPreviousData,
  });

export const schoolQuery = (urn: number) =>
  queryOptions({
    queryKey: schoolsKeys.detail(urn),
    queryFn: ({ signal }) => api.get<School>(`/api/schools/${urn}`, undefined, signal),
  });

export const areasQuery = queryOptions({
  queryKey: schoolsKeys.areas,
  queryFn: ({ signal }) => api.get<Area[]>("/api/areas", undefined, signal),
  staleTime: 30_000,
});

export const linkOfficersQuery = queryOptions({
  queryKey: schoolsKeys.officers,
  queryFn: ({ signal }) => api.get<LinkOfficer[]>("/api/link-officers", undefined, signal),
  staleTime: 30_000,
});

export const currentHubQuery = queryOptions({
  queryKey: schoolsKeys.hub,
  queryFn: ({ signal }) => api.get<Hub>("/api/hubs/current", undefined, signal),
  staleTime: 60_000,
});

export const patchSchool = (urn: number, patch: SchoolPatch) =>
  api.patch<School>(`/api/schools/${urn}`, patch);

export const putContact = (urn: number, role: ContactRole, input: ContactInput) =>
  api.put<unknown>(`/api/schools/${urn}/contacts/${role}`, input);

export const deleteContact = (urn: number, role: ContactRole) =>
  api.delete<unknown>(`/api/schools/${urn}/contacts/${role}`);

/** Academic years go in the URL with a hyphen: 2025/26 → 2025-26. */
export const yearInUrl = (year: string): string => year.replace("/", "-");

export const putMusicData = (urn: number, year: string, figures: MusicFigures) =>
  api.put<MusicYear>(`/api/schools/${urn}/music-data/${yearInUrl(year)}`, figures);

export const createArea = (input: AreaInput) => api.post<Area>("/api/areas", input);
export const updateArea = (id: string, input: Partial<AreaInput>) =>
  api.patch<Area>(`/api/areas/${id}`, input);
export const deleteArea = (id: string) => api.delete<unknown>(`/api/areas/${id}`);
export const applyAreaRules = () => api.post<unknown>("/api/areas/apply-rules");

export const assignArea = (selection: BulkSelection, areaId: string | null) =>
  api.post<BulkResult>("/api/areas/assign", { ...selection, areaId });

export const assignLinkOfficer = (selection: BulkSelection, userId: string | null) =>
  api.post<BulkResult>("/api/link-officers/assign", { ...selection, userId });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads `{changed, unchanged}` (or a bare count) from an answer whose shape may vary. */
export const readBulkResult = (value: unknown): BulkResult | null => {
  if (!isRecord(value)) return null;
  const changed = typeof value.changed === "number" ? value.changed : null;
  const unchanged = typeof value.unchanged === "number" ? value.unchanged : 0;
  return changed === null ? null : { changed, unchanged };
};

export type { SchoolMapQuery };
