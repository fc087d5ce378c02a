import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Paged } from "../../../shared/schemas/common";
import type {
  Coverage,
  CoverageTargets,
  MySchoolsResponse,
  Report,
  ReportInput,
  ReportSummary,
  Visit,
  VisitInput,
  VisitPurpose,
} from "../../../shared/schemas/engagement";
import type { SchoolTimeline } from "../../../shared/schemas/timeline";
import { ApiError, api, type QueryParams } from "../../api/client";

export const engagementKeys = {
  all: ["engagement"] as const,
  visits: (params: QueryParams) => ["engagement", "visits", params] as const,
  visit: (id: string) => ["engagement", "visit", id] as const,
  report: (id: string) => ["engagement", "report", id] as const,
  reports: ["engagement", "reports"] as const,
  coverage: (year: string) => ["engagement", "coverage", year] as const,
  targets: ["engagement", "targets"] as const,
  mySchools: (params: QueryParams) => ["engagement", "my-schools", params] as const,
  followUps: (mine: boolean) => ["engagement", "follow-ups", mine] as const,
  timeline: (urn: number, params: QueryParams) => ["engagement", "timeline", urn, params] as const,
};

export const PURPOSE_LABELS: Record<VisitPurpose, string> = {
  first_conversation: "First conversation",
  follow_up: "Follow-up",
  targeted_support: "Targeted support",
  lead_school: "Lead School visit",
  quality_mark: "Quality mark assessment",
};

export const visitsQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: engagementKeys.visits(params),
    queryFn: ({ signal }) => api.get<Paged<Visit>>("/api/visits", params, signal),
    placeholderData: keepPreviousData,
  });

export const visitQuery = (id: string) =>
  queryOptions({
    queryKey: engagementKeys.visit(id),
    queryFn: ({ signal }) => api.get<Visit>(`/api/visits/${id}`, undefined, signal),
  });

/** The report of a visit, or null when none has been saved yet. */
export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: engagementKeys.report(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Report>(`/api/visits/${id}/report`, undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

export const reportsQuery = queryOptions({
  queryKey: engagementKeys.reports,
  queryFn: ({ signal }) => api.get<ReportSummary[]>("/api/engagement/reports", undefined, signal),
});

export const coverageQuery = (year: string) =>
  queryOptions({
    queryKey: engagementKeys.coverage(year),
    queryFn: ({ signal }) => api.get<Coverage>("/api/engagement/coverage", { year }, signal),
    placeholderData: keepPreviousData,
  });

export const targetsQuery = queryOptions({
  queryKey: engagementKeys.targets,
  queryFn: ({ signal }) =>
    api.get<CoverageTargets & { updatedAt: string | null }>("/api/engagement/targets", undefined, signal),
});

export const mySchoolsQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: engagementKeys.mySchools(params),
    queryFn: ({ signal }) => api.get<MySchoolsResponse>("/api/engagement/my-schools", params, signal),
    placeholderData: keepPreviousData,
  });

export type FollowUp = {
  id: string;
  visitId: string;
  urn: number;
  schoolName: string;
  text: string;
  owner: "school" | "hub";
  due: string | null;
  overdue: boolean;
};
export const followUpsQuery = (mine: boolean) =>
  queryOptions({
    queryKey: engagementKeys.followUps(mine),
    queryFn: ({ signal }) =>
      api.get<FollowUp[]>("/api/engagement/follow-ups", { mine: mine ? "true" : undefined }, signal),
  });

export const timelineQuery = (urn: number, params: QueryParams) =>
  queryOptions({
    queryKey: engagementKeys.timeline(urn, params),
    queryFn: ({ signal }) => api.get<SchoolTimeline>(`/api/schools/${urn}/timeline`, params, signal),
    placeholderData: keepPreviousData,
  });

export const scheduleVisit = (body: VisitInput) => api.post<Visit>("/api/visits", body);
export const rescheduleVisit = (id: string, body: { date: string; time: string | null; reason: string }) =>
  api.post<Visit>(`/api/visits/${id}/reschedule`, body);
export const cancelVisit = (id: string, reason: string) =>
  api.post<Visit>(`/api/visits/${id}/cancel`, { reason });
export const saveReport = (id: string, body: ReportInput) =>
  api.put<Report>(`/api/visits/${id}/report`, body);
export const approveReport = (id: string) => api.post<Report>(`/api/visits/${id}/report/approve`);
export const saveTargets = (body: CoverageTargets) =>
  api.put<CoverageTargets>("/api/engagement/targets", body);

/** The server's field problems as { path: message } (first message per path). */
export const fieldErrors = (error: unknown): Record<string, string> => {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of error.fields) out[f.path] ??= f.message;
  return out;
};
