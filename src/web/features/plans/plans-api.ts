import { queryOptions } from "@tanstack/react-query";
import type { MeResponse } from "../../../shared/schemas/auth";
import { CSRF_HEADER } from "../../../shared/schemas/auth";
import type {
  Glossary,
  ImportResult,
  MeasureInfo,
  Plan,
  PlanPublication,
  PlanStatus,
  PlanSummary,
  PlanUpdate,
  Review,
} from "../../../shared/schemas/plans";
import { ApiError, api } from "../../api/client";
import { queryClient } from "../../api/query-client";
import { meQueryKey } from "../../api/session";
import type { BadgeTone } from "../../components/ui";

const P = "/api/plans";

export const planKeys = {
  all: ["plans"] as const,
  plan: (id: string) => ["plans", id] as const,
};

export const plansQuery = queryOptions({
  queryKey: planKeys.all,
  queryFn: ({ signal }) => api.get<PlanSummary[]>(P, undefined, signal),
});
export const planQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.plan(id),
    queryFn: ({ signal }) => api.get<Plan>(`${P}/${id}`, undefined, signal),
  });
export const measuresQuery = queryOptions({
  queryKey: ["plans", "measures"],
  queryFn: ({ signal }) => api.get<MeasureInfo[]>(`${P}/measures`, undefined, signal),
  staleTime: 5 * 60_000,
});
export const glossaryQuery = queryOptions({
  queryKey: ["plans", "glossary"],
  queryFn: ({ signal }) => api.get<Glossary>(`${P}/glossary`, undefined, signal),
});
export const updatesQuery = (id: string) =>
  queryOptions({
    queryKey: ["plans", id, "updates"],
    queryFn: ({ signal }) => api.get<PlanUpdate[]>(`${P}/${id}/updates`, undefined, signal),
  });
export const reviewsQuery = (id: string) =>
  queryOptions({
    queryKey: ["plans", id, "reviews"],
    queryFn: ({ signal }) => api.get<Review[]>(`${P}/${id}/reviews`, undefined, signal),
  });

export const publicationQuery = (id: string) =>
  queryOptions({
    queryKey: ["plans", id, "publication"],
    queryFn: ({ signal }) => api.get<PlanPublication>(`${P}/${id}/publication`, undefined, signal),
  });

export const STATUS_TONES: Record<PlanStatus, BadgeTone> = {
  not_started: "neutral",
  on_track: "green",
  at_risk: "amber",
  off_track: "red",
  done: "blue",
};

export const COURSE_LABELS: Record<string, string> = {
  met: "Goal met",
  on_course: "On course",
  at_risk: "Just short of the goal at this rate",
  off_course: "Off course at this rate",
  missed: "Deadline passed",
  unknown: "Too few snapshots to tell",
};

/** A share as people read it: 0.425 → "42.5%". */
export const percent = (v: number | null | undefined): string =>
  v === null || v === undefined ? "—" : `${Math.round(v * 1000) / 10}%`;

/** Sends a file as multipart (field "file") with the session's CSRF token; a refused import answers its row errors. */
export const uploadFile = async <T>(path: string, file: File): Promise<T> => {
  const me = queryClient.getQueryData<MeResponse | null>(meQueryKey);
  const body = new FormData();
  body.append("file", file);
  const res = await fetch(path, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(me?.csrfToken ? { [CSRF_HEADER]: me.csrfToken } : {}) },
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (json && typeof json === "object" && "errors" in json) throw new ImportRefused(json as ImportResult);
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "error",
      error?.message ?? `The upload failed (${res.status})`,
    );
  }
  return json as T;
};

export class ImportRefused extends Error {
  constructor(readonly result: ImportResult) {
    super("The file has errors: nothing was imported");
  }
}
