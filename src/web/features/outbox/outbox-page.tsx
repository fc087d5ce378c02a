import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { Paged } from "../../../shared/schemas/common";
import { MAIL_STATUSES, MailStatus, type OutboxMessage } from "../../../shared/schemas/outbox";
import { api, errorMessage } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { FilterBar } from "../../components/ui/filter-bar";
import { PageHeader } from "../../components/ui/page-header";
import { PagedTable } from "../../components/ui/paged-table";
import { FilterSelect } from "../../components/ui/select";
import type { Column } from "../../components/ui/table";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";

const PAGE_SIZE = 25;
type Status = OutboxMessage["status"];
const STATUS_LABELS: Record<Status, string> = {
  stored: "Stored",
  queued: "Queued",
  sent: "Sent",
  failed: "Failed",
};
const STATUS_TONES: Record<Status, BadgeTone> = {
  stored: "neutral",
  queued: "amber",
  sent: "green",
  failed: "red",
};
const statusOptions = MAIL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

export function OutboxPage() {
  useDocumentTitle("Outbox");
  const [params, setParams] = useSearchParams();
  const statusParam = MailStatus.safeParse(params.get("status"));
  const filters = {
    status: statusParam.success ? statusParam.data : undefined,
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: (m: OutboxMessage) => api.post<OutboxMessage>(`/api/outbox/${m.id}/retry`),
    onSuccess: async (updated) => {
      setOpen(updated);
      await queryClient.invalidateQueries({ queryKey: ["outbox"] });
    },
  });
  const list = useQuery({
    queryKey: ["outbox", filters],
    queryFn: ({ signal }) =>
      api.get<Paged<OutboxMessage>>("/api/outbox", { ...filters, pageSize: PAGE_SIZE }, signal),
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

  const columns: Column<OutboxMessage>[] = [
    {
      key: "createdAt",
      header: "When",
      className: "whitespace-nowrap",
      cell: (m) => formatDateTime(m.createdAt),
    },
    { key: "to", header: "To", cell: (m) => <span className="break-all">{m.to}</span> },
    {
      key: "subject",
      header: "Subject",
      rowHeader: true,
      cell: (m) => (
        <button
          type="button"
          onClick={() => {
            retry.reset();
            setOpen(m);
          }}
          className="rounded text-left font-medium text-blue-800 underline underline-offset-2 hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          {m.subject}
        </button>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (m) => <Badge tone={STATUS_TONES[m.status]}>{STATUS_LABELS[m.status]}</Badge>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="Outbox"
        description="Every e-mail Tutti has written for this hub: queued, sent, or failed with the mail server's reason (send a failed one again from its message). Without an SMTP server, messages are stored here for you to read."
      />
      <FilterBar
        label="Filter outbox"
        showApply={false}
        onClear={filters.status ? () => setParams(new URLSearchParams()) : undefined}
      >
        <FilterSelect
          label="Status"
          placeholder="Any status"
          options={statusOptions}
          value={filters.status}
          onChange={(v) => setFilter({ status: v })}
          className="sm:w-44"
        />
      </FilterBar>
      {list.isError ? (
        <Alert tone="error" title="The outbox could not be loaded">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      <PagedTable
        list={list}
        loadingLabel="Loading the outbox…"
        empty={<EmptyState title={filters.status ? "No messages with this status" : "No messages yet"} />}
        caption="Stored e-mail messages, newest first"
        columns={columns}
        rowKey={(m) => m.id}
        noun="messages"
        defaultPageSize={PAGE_SIZE}
        onPageChange={(page) => setFilter({ page: String(page) })}
      />
      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open?.subject ?? "Message"} size="lg">
        {open ? (
          <div className="space-y-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="font-medium text-slate-700">To</dt>
              <dd className="break-all">{open.to}</dd>
              <dt className="font-medium text-slate-700">Created</dt>
              <dd>{formatDateTime(open.createdAt)}</dd>
              <dt className="font-medium text-slate-700">Status</dt>
              <dd>
                {STATUS_LABELS[open.status]}
                {open.sentAt ? `, sent ${formatDateTime(open.sentAt)}` : ""}
              </dd>
              {open.error ? (
                <>
                  <dt className="font-medium text-slate-700">Error</dt>
                  <dd className="text-red-800">{open.error}</dd>
                </>
              ) : null}
            </dl>
            {open.status === "failed" ? (
              <div className="flex flex-wrap items-center gap-3">
                <Button type="button" onClick={() => retry.mutate(open)} disabled={retry.isPending}>
                  {retry.isPending ? "Queuing…" : "Send again"}
                </Button>
              </div>
            ) : null}
            {open.status === "queued" && retry.isSuccess ? (
              <Alert tone="success" title="Queued">
                The message will be sent in the background.
              </Alert>
            ) : null}
            {retry.isError ? (
              <Alert tone="error" title="The message could not be queued">
                {errorMessage(retry.error)}
              </Alert>
            ) : null}
            <section
              aria-label="Message text"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
              tabIndex={0}
              className="max-h-[50vh] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 focus-visible:outline-2 focus-visible:outline-blue-700"
            >
              <pre className="font-mono text-xs break-words whitespace-pre-wrap text-slate-900">
                {open.text}
              </pre>
            </section>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
