import { Link } from "react-router";
import type { AuditEntry } from "../../../shared/schemas/audit";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { cx, focusRing } from "../../components/ui/cx";
import { formatDateTime } from "../../lib/format";
import { diffRecords, humaniseField } from "./diff";

export const ACTION_LABELS: Record<AuditEntry["action"], string> = {
  create: "Added",
  update: "Changed",
  delete: "Removed",
};
const ACTION_TONES: Record<AuditEntry["action"], BadgeTone> = {
  create: "green",
  update: "blue",
  delete: "red",
};

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = diffRecords(entry.before, entry.after).filter((c) => c.field !== "source");
  if (changes.length === 0) return null;
  return (
    <details className="mt-1 text-sm">
      <summary
        className={cx("cursor-pointer rounded text-blue-800 underline-offset-2 hover:underline", focusRing)}
      >
        {changes.length === 1 ? "1 field" : `${changes.length} fields`}: before and after
        <span className="sr-only"> ({entry.summary})</span>
      </summary>
      <dl className="mt-2 space-y-1 text-xs">
        {changes.map((c) => (
          <div
            key={c.field}
            className="border-t border-slate-200 pt-1 sm:grid sm:grid-cols-[10rem_1fr] sm:gap-2"
          >
            <dt className="font-medium text-slate-900">{humaniseField(c.field)}</dt>
            <dd className="break-words text-slate-800">
              <span className="text-slate-700">{c.before}</span>
              <span aria-hidden="true"> → </span>
              <span className="sr-only"> became </span>
              <span>{c.after}</span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** One entry: what changed in words (a link to it), its kind, who and when; a compact card on phones. */
export function AuditEntryItem({ entry }: { entry: AuditEntry }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3 md:grid md:grid-cols-[11rem_minmax(0,1fr)_12rem] md:gap-4">
      <p className="text-xs text-slate-700 md:text-sm">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </p>
      <div className="min-w-0">
        <p className="font-medium text-slate-900" data-testid="audit-summary">
          {entry.href ? (
            <Link
              to={entry.href}
              state={{ from: "/admin/audit" }}
              className={cx("text-blue-800 underline-offset-2 hover:underline", focusRing)}
            >
              {entry.summary}
            </Link>
          ) : (
            entry.summary
          )}
        </p>
        <Changes entry={entry} />
      </div>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-800 md:mt-0 md:flex-col md:items-start md:gap-1">
        <span>{entry.actorName ?? "System"}</span>
        <span className="flex gap-1">
          <Badge tone={ACTION_TONES[entry.action]}>{ACTION_LABELS[entry.action]}</Badge>
          <Badge>{entry.kindLabel}</Badge>
        </span>
      </p>
    </li>
  );
}
