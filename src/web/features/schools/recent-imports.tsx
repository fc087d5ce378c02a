import { useQuery } from "@tanstack/react-query";
import type { Paged } from "../../../shared/schemas/common";
import type { ImportJob } from "../../../shared/schemas/schools";
import { api } from "../../api/client";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { formatDateTime } from "../../lib/format";

export const recentImportsKey = ["schools", "imports"] as const;

const STATUS: Record<ImportJob["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Waiting to start", tone: "neutral" },
  running: { label: "Running", tone: "blue" },
  succeeded: { label: "Done", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

const KIND_LABEL: Record<string, string> = {
  "gias-import": "GIAS register",
  "music-data-import": "Music data",
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The hub's latest imports with how each ended, including one whose server stopped before it
 * finished (marked failed, with the reason, when a server next starts).
 */
export function RecentImports() {
  const { data } = useQuery({
    queryKey: recentImportsKey,
    queryFn: ({ signal }) =>
      api.get<Paged<ImportJob>>("/api/schools/imports", { page: 1, pageSize: 5 }, signal),
  });
  if (!data || data.items.length === 0) return null;
  return (
    <section
      aria-labelledby="recent-imports"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="recent-imports" className="text-base font-semibold text-slate-900">
        Recent imports
      </h2>
      <ul className="divide-y divide-slate-200">
        {data.items.map((job) => (
          <li key={job.id} className="space-y-1 py-2">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS[job.status].tone}>{STATUS[job.status].label}</Badge>
              <span className="font-medium text-slate-900">{job.fileName ?? "File"}</span>
              <span className="text-slate-700">
                {KIND_LABEL[job.kind] ?? job.kind}, {formatDateTime(job.createdAt)}
              </span>
            </div>
            {job.status === "failed" && job.error ? (
              <p className="text-red-800">{capitalised(job.error)}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
