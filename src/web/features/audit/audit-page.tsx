import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { AUDIT_KIND_LABELS } from "../../../shared/rules/audit-summary";
import {
  AUDIT_ACTIONS,
  AuditAction,
  type AuditEntry,
  type AuditPeopleResponse,
} from "../../../shared/schemas/audit";
import type { Paged } from "../../../shared/schemas/common";
import { api, errorMessage } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { EmptyState } from "../../components/ui/empty-state";
import { ExportButton } from "../../components/ui/export-button";
import { FilterBar } from "../../components/ui/filter-bar";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { Pagination } from "../../components/ui/pagination";
import { FilterSelect } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ACTION_LABELS, AuditEntryItem } from "./audit-entry";

const PAGE_SIZE = 25;
const actionOptions = AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }));
const kindOptions = Object.entries(AUDIT_KIND_LABELS).map(([value, label]) => ({ value, label }));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateParam = (value: string | null): string | undefined =>
  value && DATE.test(value) ? value : undefined;

export function AuditPage() {
  useDocumentTitle("Audit log");
  const [params, setParams] = useSearchParams();
  const actionParam = AuditAction.safeParse(params.get("action"));
  const filter = {
    entity: params.get("entity") ?? undefined,
    action: actionParam.success ? actionParam.data : undefined,
    actor: params.get("actor") ?? undefined,
    from: dateParam(params.get("from")),
    to: dateParam(params.get("to")),
  };
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [dates, setDates] = useState({ from: filter.from ?? "", to: filter.to ?? "" });
  const list = useQuery({
    queryKey: ["audit", filter, page],
    queryFn: ({ signal }) =>
      api.get<Paged<AuditEntry>>("/api/audit", { ...filter, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const people = useQuery({
    queryKey: ["audit", "people"],
    queryFn: ({ signal }) => api.get<AuditPeopleResponse>("/api/audit/people", undefined, signal),
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
  const filtered = Object.values(filter).some(Boolean);

  return (
    <div>
      <PageHeader
        title="Audit log"
        description="Every change to this hub's data: what changed, who made it and when."
        actions={<ExportButton href="/api/audit/export" format="csv" query={filter} noun="log" />}
      />
      <FilterBar
        label="Filter audit log"
        onApply={() => setFilter({ from: dates.from || undefined, to: dates.to || undefined })}
        onClear={
          filtered
            ? () => {
                setDates({ from: "", to: "" });
                setParams(new URLSearchParams());
              }
            : undefined
        }
      >
        <FilterSelect
          label="Person"
          placeholder="Anyone"
          options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={filter.actor}
          onChange={(v) => setFilter({ actor: v })}
          className="sm:w-52"
        />
        <FilterSelect
          label="Kind"
          placeholder="Any kind"
          options={kindOptions}
          value={filter.entity}
          onChange={(v) => setFilter({ entity: v })}
          className="sm:w-44"
        />
        <FilterSelect
          label="Action"
          placeholder="Any action"
          options={actionOptions}
          value={filter.action}
          onChange={(v) => setFilter({ action: v })}
          className="sm:w-36"
        />
        <TextField
          label="From"
          type="date"
          value={dates.from}
          onChange={(event) => setDates((d) => ({ ...d, from: event.target.value }))}
          className="sm:w-40"
        />
        <TextField
          label="To"
          type="date"
          value={dates.to}
          onChange={(event) => setDates((d) => ({ ...d, to: event.target.value }))}
          className="sm:w-40"
        />
      </FilterBar>
      {list.isError ? (
        <Alert tone="error" title="The audit log could not be loaded">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      {list.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : list.data && list.data.items.length === 0 ? (
        <EmptyState title={filtered ? "No entries match these filters" : "No changes recorded yet"} />
      ) : list.data ? (
        <>
          <h2 className="sr-only">Entries, newest first</h2>
          <ol aria-busy={list.isPlaceholderData} className="space-y-2" data-testid="audit-entries">
            {list.data.items.map((entry) => (
              <AuditEntryItem key={entry.id} entry={entry} />
            ))}
          </ol>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize || PAGE_SIZE}
            total={list.data.total}
            noun="entries"
            onPageChange={(p) => setFilter({ page: String(p) })}
          />
        </>
      ) : null}
    </div>
  );
}
