import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { AUDIT_ACTIONS, AuditAction, type AuditEntry } from "../../../shared/schemas/audit";
import type { Paged } from "../../../shared/schemas/common";
import { api, errorMessage } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { EmptyState } from "../../components/ui/empty-state";
import { FilterBar } from "../../components/ui/filter-bar";
import { PageHeader } from "../../components/ui/page-header";
import { PagedTable } from "../../components/ui/paged-table";
import { FilterSelect } from "../../components/ui/select";
import type { Column } from "../../components/ui/table";
import { TextField } from "../../components/ui/text-field";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { diffRecords, humaniseField } from "./diff";

const PAGE_SIZE = 25;
const ACTION_LABELS: Record<AuditEntry["action"], string> = {
  create: "Created",
  update: "Updated",
  delete: "Deleted",
};
const ACTION_TONES: Record<AuditEntry["action"], BadgeTone> = {
  create: "green",
  update: "blue",
  delete: "red",
};
const actionOptions = AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }));

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = diffRecords(entry.before, entry.after);
  if (changes.length === 0) return <span className="text-slate-700">No field changes</span>;
  return (
    <details className="group">
      <summary className="cursor-pointer rounded font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700">
        {changes.length === 1 ? "1 field" : `${changes.length} fields`}
        <span className="sr-only">
          {" "}
          changed in {entry.entity} {entry.entityId}
        </span>
      </summary>
      <table className="mt-2 min-w-[20rem] text-xs">
        <caption className="sr-only">
          Changes to {entry.entity} {entry.entityId}
        </caption>
        <thead>
          <tr className="text-left text-slate-700">
            <th scope="col" className="py-1 pr-3 font-semibold">
              Field
            </th>
            <th scope="col" className="py-1 pr-3 font-semibold">
              Before
            </th>
            <th scope="col" className="py-1 font-semibold">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} className="border-t border-slate-200 align-top">
              <th scope="row" className="py-1 pr-3 text-left font-medium text-slate-900">
                {humaniseField(c.field)}
              </th>
              <td className="max-w-[16rem] py-1 pr-3 break-words text-slate-700">
                {c.kind === "added" ? <span className="sr-only">none</span> : null}
                {c.before}
              </td>
              <td className="max-w-[16rem] py-1 break-words text-slate-900">{c.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const columns: Column<AuditEntry>[] = [
  { key: "at", header: "When", className: "whitespace-nowrap", cell: (e) => formatDateTime(e.at) },
  { key: "who", header: "Who", cell: (e) => e.actorName ?? "System" },
  {
    key: "action",
    header: "Action",
    cell: (e) => <Badge tone={ACTION_TONES[e.action]}>{ACTION_LABELS[e.action]}</Badge>,
  },
  { key: "entity", header: "Entity", cell: (e) => humaniseField(e.entity) },
  {
    key: "entityId",
    header: "Id",
    cell: (e) => <code className="text-xs break-all text-slate-800">{e.entityId}</code>,
  },
  { key: "changes", header: "Changes", cell: (e) => <Changes entry={e} /> },
];

export function AuditPage() {
  useDocumentTitle("Audit log");
  const [params, setParams] = useSearchParams();
  const actionParam = AuditAction.safeParse(params.get("action"));
  const filters = {
    entity: params.get("entity") ?? undefined,
    action: actionParam.success ? actionParam.data : undefined,
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  const [entity, setEntity] = useState(filters.entity ?? "");
  const list = useQuery({
    queryKey: ["audit", filters],
    queryFn: ({ signal }) =>
      api.get<Paged<AuditEntry>>("/api/audit", { ...filters, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });

  const setFilter = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };
  const filtered = Boolean(filters.entity || filters.action);

  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every change to this hub's data: who made it, when, and what it was before and after."
      />
      <FilterBar
        label="Filter audit log"
        onApply={() => setFilter({ entity: entity.trim() || undefined })}
        onClear={
          filtered
            ? () => {
                setEntity("");
                setParams(new URLSearchParams());
              }
            : undefined
        }
      >
        <TextField
          label="Entity"
          description="e.g. user, school"
          value={entity}
          onChange={(event) => setEntity(event.target.value)}
          className="sm:w-56"
        />
        <FilterSelect
          label="Action"
          placeholder="Any action"
          options={actionOptions}
          value={filters.action}
          onChange={(v) => setFilter({ action: v })}
          className="sm:w-44"
        />
      </FilterBar>
      {list.isError ? (
        <Alert tone="error" title="The audit log could not be loaded">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      <PagedTable
        list={list}
        loadingLabel="Loading the audit log…"
        empty={<EmptyState title={filtered ? "No entries match these filters" : "No changes recorded yet"} />}
        caption="Audit log entries, newest first"
        columns={columns}
        rowKey={(e) => String(e.id)}
        noun="entries"
        defaultPageSize={PAGE_SIZE}
        onPageChange={(page) => setFilter({ page: String(page) })}
      />
    </div>
  );
}
