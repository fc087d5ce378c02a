import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { CSRF_HEADER } from "../../../shared/roles";
import type { MeResponse } from "../../../shared/schemas/auth";
import type { Paged } from "../../../shared/schemas/common";
import type { PanelApplication, PanelMember } from "../../../shared/schemas/lead-school-rounds";
import type {
  Application,
  ApplicationSummary,
  LeadSchool,
  LeadSchoolCoverage,
  LeadSchoolDetail,
  Reviews,
  Round,
  RoundInput,
  VisitRecord,
} from "../../../shared/schemas/lead-schools";
import { ApiError, api, type QueryParams } from "../../api/client";
import { queryClient } from "../../api/query-client";
import { meQueryKey } from "../../api/session";

export const L = "/api/lead-schools";
export const R = "/api/lead-school-rounds";
export const A = "/api/lead-school-applications";

export const lsKeys = {
  all: ["lead-schools"] as const,
  list: (p: QueryParams) => ["lead-schools", "list", p] as const,
  coverage: (p: QueryParams) => ["lead-schools", "coverage", p] as const,
  rounds: ["lead-schools", "rounds"] as const,
  round: (id: string) => ["lead-schools", "round", id] as const,
  applications: (p: QueryParams) => ["lead-schools", "applications", p] as const,
  application: (id: string) => ["lead-schools", "application", id] as const,
  reviews: (id: string) => ["lead-schools", "reviews", id] as const,
  visit: (id: string) => ["lead-schools", "visit", id] as const,
  lead: (id: string) => ["lead-schools", "lead", id] as const,
  panel: (id: string) => ["lead-schools", "panel", id] as const,
  toReview: ["lead-schools", "to-review"] as const,
};

export const leadSchoolsQuery = (p: QueryParams) =>
  queryOptions({
    queryKey: lsKeys.list(p),
    queryFn: ({ signal }) => api.get<Paged<LeadSchool>>(L, p, signal),
    placeholderData: keepPreviousData,
  });
export const coverageQuery = (p: QueryParams = {}) =>
  queryOptions({
    queryKey: lsKeys.coverage(p),
    queryFn: ({ signal }) => api.get<LeadSchoolCoverage>(`${L}/coverage`, p, signal),
  });
export const roundsQuery = queryOptions({
  queryKey: lsKeys.rounds,
  queryFn: ({ signal }) => api.get<Round[]>(R, undefined, signal),
});
export const roundQuery = (id: string) =>
  queryOptions({
    queryKey: lsKeys.round(id),
    queryFn: ({ signal }) => api.get<Round>(`${R}/${id}`, undefined, signal),
  });
export const panelQuery = (id: string) =>
  queryOptions({
    queryKey: lsKeys.panel(id),
    queryFn: ({ signal }) => api.get<PanelMember[]>(`${R}/${id}/panel`, undefined, signal),
  });
export const toReviewQuery = queryOptions({
  queryKey: lsKeys.toReview,
  queryFn: ({ signal }) => api.get<PanelApplication[]>(`${A}/to-review`, undefined, signal),
});
/** A round as `PUT /api/lead-school-rounds/:id` takes it, with `patch` applied. */
export const roundBody = (r: Round, patch: Partial<RoundInput> = {}): RoundInput => ({
  title: r.title,
  closesOn: r.closesOn,
  shortlistOn: r.shortlistOn,
  visitsFrom: r.visitsFrom,
  announceOn: r.announceOn,
  lookingFor: r.lookingFor,
  areaIdsWanted: r.areasWanted.map((a) => a.id),
  settingsWanted: r.settingsWanted,
  expectations: r.expectations,
  benefits: r.benefits,
  criteria: r.criteria,
  panelUserIds: r.panelUserIds,
  ...patch,
});
export const applicationsQuery = (p: QueryParams) =>
  queryOptions({
    queryKey: lsKeys.applications(p),
    queryFn: ({ signal }) => api.get<Paged<z.infer<typeof ApplicationSummary>>>(A, p, signal),
    placeholderData: keepPreviousData,
  });
export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: lsKeys.application(id),
    queryFn: ({ signal }) => api.get<Application>(`${A}/${id}`, undefined, signal),
  });
export const reviewsQuery = (id: string) =>
  queryOptions({
    queryKey: lsKeys.reviews(id),
    queryFn: ({ signal }) => api.get<z.infer<typeof Reviews>>(`${A}/${id}/reviews`, undefined, signal),
  });
export const visitQuery = (id: string) =>
  queryOptions({
    queryKey: lsKeys.visit(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<z.infer<typeof VisitRecord>>(`${A}/${id}/visit`, undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
export const leadQuery = (id: string) =>
  queryOptions({
    queryKey: lsKeys.lead(id),
    queryFn: ({ signal }) => api.get<z.infer<typeof LeadSchoolDetail>>(`${L}/${id}`, undefined, signal),
  });

export const invalidateAll = () => queryClient.invalidateQueries({ queryKey: lsKeys.all });

/** Uploads one document of an application (multipart, with the session's CSRF token). */
export const uploadDocument = async (id: string, kind: string, file: File): Promise<Application> => {
  const me = queryClient.getQueryData<MeResponse | null>(meQueryKey);
  const body = new FormData();
  body.append("file", file);
  const res = await fetch(`${A}/${id}/files?kind=${encodeURIComponent(kind)}`, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(me?.csrfToken ? { [CSRF_HEADER]: me.csrfToken } : {}) },
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "error",
      error?.message ?? `The upload failed (${res.status})`,
    );
  }
  return json as Application;
};

export const STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  submitted: "Submitted",
  shortlisted: "Shortlisted",
  declined: "Declined",
  appointed: "Appointed",
};
