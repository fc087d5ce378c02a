import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { QM_LEVEL_LABELS, type QmLevel } from "../../../shared/rules/quality-mark";
import { CSRF_HEADER, type MeResponse } from "../../../shared/schemas/auth";
import type { Paged } from "../../../shared/schemas/common";
import type {
  QmApplication,
  QmApplicationSummary,
  QmAward,
  QmFrameworkResponse,
  QmStatus,
} from "../../../shared/schemas/quality-mark";
import { ApiError, api, type QueryParams } from "../../api/client";
import { queryClient } from "../../api/query-client";
import { meQueryKey } from "../../api/session";
import type { BadgeTone } from "../../components/ui";

export const QM = "/api/quality-mark";

export const qmKeys = {
  all: ["quality-mark"] as const,
  framework: (year?: string) => ["quality-mark", "framework", year ?? "current"] as const,
  applications: (params: QueryParams) => ["quality-mark", "applications", params] as const,
  application: (id: string) => ["quality-mark", "application", id] as const,
  awards: (params: QueryParams) => ["quality-mark", "awards", params] as const,
  assessors: ["quality-mark", "assessors"] as const,
};

export const frameworkQuery = (year?: string) =>
  queryOptions({
    queryKey: qmKeys.framework(year),
    queryFn: ({ signal }) => api.get<QmFrameworkResponse>(`${QM}/framework`, { year }, signal),
  });
export const applicationsQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: qmKeys.applications(params),
    queryFn: ({ signal }) => api.get<Paged<QmApplicationSummary>>(`${QM}/applications`, params, signal),
    placeholderData: keepPreviousData,
  });
export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: qmKeys.application(id),
    queryFn: ({ signal }) => api.get<QmApplication>(`${QM}/applications/${id}`, undefined, signal),
  });
export const awardsQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: qmKeys.awards(params),
    queryFn: ({ signal }) => api.get<Paged<QmAward>>(`${QM}/awards`, params, signal),
    placeholderData: keepPreviousData,
  });
/** A member of the assessor panel (a hub admin or staff member) and the school they work at, if any. */
export type Assessor = { userId: string; name: string; schoolId: string | null; schoolName: string | null };
export const assessorsQuery = queryOptions({
  queryKey: qmKeys.assessors,
  queryFn: ({ signal }) => api.get<Assessor[]>(`${QM}/assessors`, undefined, signal),
});

/** Uploads an evidence file for a standard (multipart, with the session's CSRF token). */
export const uploadEvidence = async (id: string, standardId: string, file: File): Promise<QmApplication> => {
  const me = queryClient.getQueryData<MeResponse | null>(meQueryKey);
  const body = new FormData();
  body.append("file", file);
  const res = await fetch(`${QM}/applications/${id}/files?standardId=${encodeURIComponent(standardId)}`, {
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
  return json as QmApplication;
};

export const LEVEL_OPTIONS = (Object.keys(QM_LEVEL_LABELS) as QmLevel[]).map((l) => ({
  value: l,
  label: QM_LEVEL_LABELS[l],
}));

export const STATUS_LABELS: Record<QmStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  queried: "Queried",
  assessed: "Assessed",
  awarded: "Awarded",
  not_yet: "Not yet",
};
export const STATUS_TONES: Record<QmStatus, BadgeTone> = {
  draft: "neutral",
  submitted: "blue",
  queried: "amber",
  assessed: "blue",
  awarded: "green",
  not_yet: "red",
};
export const AWARD_STATUS_LABELS: Record<QmAward["status"], string> = {
  not_yet_valid: "Not yet valid",
  current: "Current",
  expiring: "About to expire",
  expired: "Expired",
};

export const ukDate = (iso: string | null): string =>
  iso
    ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString("en-GB", {
        dateStyle: "medium",
      })
    : "";
