import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Paged } from "../../../shared/schemas/common";
import type { Interest, Phase, PhaseSummary, SchoolAudits, VisitAudit } from "../../../shared/schemas/phases";
import { api, type QueryParams } from "../../api/client";

export const phaseKeys = {
  all: ["phases"] as const,
  list: ["phases", "list"] as const,
  one: (id: string) => ["phases", "one", id] as const,
  interests: (params: QueryParams) => ["interests", params] as const,
  schoolAudits: (urn: string) => ["audits", "school", urn] as const,
  myAudits: ["audits", "mine"] as const,
};

export const phasesQuery = queryOptions({
  queryKey: phaseKeys.list,
  queryFn: ({ signal }) => api.get<PhaseSummary[]>("/api/engagement/phases", undefined, signal),
});

export const phaseQuery = (id: string) =>
  queryOptions({
    queryKey: phaseKeys.one(id),
    queryFn: ({ signal }) => api.get<Phase>(`/api/engagement/phases/${id}`, undefined, signal),
  });

export const interestsQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: phaseKeys.interests(params),
    queryFn: ({ signal }) => api.get<Paged<Interest>>("/api/engagement/interests", params, signal),
    placeholderData: keepPreviousData,
  });

export const schoolAuditsQuery = (urn: string) =>
  queryOptions({
    queryKey: phaseKeys.schoolAudits(urn),
    queryFn: ({ signal }) => api.get<SchoolAudits>(`/api/schools/${urn}/audits`, undefined, signal),
  });

/** The sections a visit's report judges: those of the audit version in force for it. */
export const visitAuditQuery = (visitId: string) =>
  queryOptions({
    queryKey: ["audits", "visit", visitId] as const,
    queryFn: ({ signal }) => api.get<VisitAudit>(`/api/visits/${visitId}/audit`, undefined, signal),
  });

export const myAuditsQuery = queryOptions({
  queryKey: phaseKeys.myAudits,
  queryFn: ({ signal }) => api.get<SchoolAudits>("/api/engagement/audits/mine", undefined, signal),
});

export const AUDIT_STATUS_LABELS: Record<string, string> = {
  none: "No audit yet",
  not_started: "Not started",
  draft: "Draft saved",
  submitted: "Submitted",
};

export const STATE_LABELS: Record<PhaseSummary["state"], string> = {
  upcoming: "Upcoming",
  current: "Current",
  past: "Ended",
};
