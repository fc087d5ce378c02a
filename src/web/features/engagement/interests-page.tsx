import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { INTEREST_KIND_LABELS, INTEREST_STATUS_LABELS } from "../../../shared/rules/engagement-phases";
import { INTEREST_KINDS, INTEREST_STATUSES, type Interest } from "../../../shared/schemas/phases";
import { api, errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  Button,
  type Column,
  Dialog,
  EmptyState,
  ExportButton,
  FilterSelect,
  FormAlert,
  PagedTable,
  PageHeader,
  Select,
  TextField,
} from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { interestsQuery, phasesQuery } from "./phases-api";

const PAGE_SIZE = 25;
type Filters = { status?: string; kind?: string };
type Answering = { interest: Interest; action: "accept" | "decline" };

function AnswerDialog({
  answering,
  onClose,
}: {
  answering: Answering | null;
  onClose: (done?: string) => void;
}) {
  const qc = useQueryClient();
  const phases = useQuery(phasesQuery);
  const [phaseId, setPhaseId] = useState("");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: (a: Answering) =>
      a.action === "accept"
        ? api.post<Interest>(`/api/engagement/interests/${a.interest.id}/accept`, {
            phaseId: phaseId || null,
          })
        : api.post<Interest>(`/api/engagement/interests/${a.interest.id}/decline`, { reason }),
    onSuccess: (i) => {
      void qc.invalidateQueries({ queryKey: ["interests"] });
      void qc.invalidateQueries({ queryKey: ["phases"] });
      setPhaseId("");
      setReason("");
      onClose(
        `${i.schoolName}: ${i.status}${i.phase ? ` into ${i.phase.name}` : ""}. The contact was told by e-mail.`,
      );
    },
    onError: (e) => setFormError(errorMessage(e)),
  });
  if (!answering) return null;
  const accept = answering.action === "accept";
  const submit = () => {
    setFormError(null);
    if (!accept && !reason.trim()) {
      setReasonError("Give a reason");
      return;
    }
    setReasonError(undefined);
    answer.mutate(answering);
  };
  return (
    <Dialog
      open
      onClose={() => onClose()}
      title={`${accept ? "Accept" : "Decline"} ${answering.interest.schoolName}'s interest`}
      description={INTEREST_KIND_LABELS[answering.interest.kind]}
      footer={
        <>
          <Button variant="secondary" onClick={() => onClose()}>
            Cancel
          </Button>
          <Button variant={accept ? "primary" : "danger"} onClick={submit} disabled={answer.isPending}>
            {accept ? "Accept" : "Decline"}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        <FormAlert message={formError} />
        {accept ? (
          <Select
            label="Into a phase"
            optional
            placeholder="No phase (just accept)"
            options={(phases.data ?? [])
              .filter((p) => p.state !== "past")
              .map((p) => ({ value: p.id, label: p.name }))}
            value={phaseId}
            onChange={(e) => setPhaseId(e.target.value)}
          />
        ) : (
          <TextField
            label="Reason (sent to the school)"
            value={reason}
            error={reasonError}
            limit={1000}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </div>
    </Dialog>
  );
}

/** /engagement/interests — schools' expressions of interest: filter, export, accept or decline. */
export function InterestsPage() {
  useDocumentTitle("Expressions of interest");
  const [filters, setFilters] = useState<Filters>({ status: "pending" });
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<Answering | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery(interestsQuery({ ...filters, page, pageSize: PAGE_SIZE }));
  const set = (key: keyof Filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const columns: Column<Interest>[] = [
    { key: "school", header: "School", rowHeader: true, cell: (i) => `${i.schoolName} (${i.urn})` },
    { key: "kind", header: "Interest", cell: (i) => INTEREST_KIND_LABELS[i.kind] },
    {
      key: "contact",
      header: "Contact",
      cell: (i) => (
        <>
          {i.contactName}
          <br />
          <span className="text-slate-700">{i.contactEmail}</span>
        </>
      ),
    },
    { key: "received", header: "Received", cell: (i) => formatDate(i.createdAt) },
    {
      key: "status",
      header: "Status",
      cell: (i) => (
        <Badge tone={i.status === "accepted" ? "green" : i.status === "declined" ? "neutral" : "amber"}>
          {INTEREST_STATUS_LABELS[i.status]}
          {i.phase ? `: ${i.phase.name}` : ""}
        </Badge>
      ),
    },
    {
      key: "answer",
      header: <span className="sr-only">Answer</span>,
      cell: (i) =>
        i.status === "pending" ? (
          <div className="flex gap-2">
            <Button size="sm" onClick={() => setAnswering({ interest: i, action: "accept" })}>
              Accept<span className="sr-only"> {i.schoolName}</span>
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setAnswering({ interest: i, action: "decline" })}
            >
              Decline<span className="sr-only"> {i.schoolName}</span>
            </Button>
          </div>
        ) : (
          (i.decisionReason ?? "")
        ),
    },
  ];
  return (
    <div>
      <PageHeader
        title="Expressions of interest"
        description="Schools asking to be visited in the next phase, or offering to support other schools."
        actions={
          <ExportButton
            href="/api/engagement/interests/export.csv"
            format="csv"
            query={filters}
            noun="interests"
          />
        }
      />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <FilterSelect
          label="Status"
          placeholder="Any status"
          options={INTEREST_STATUSES.map((s) => ({ value: s, label: INTEREST_STATUS_LABELS[s] }))}
          value={filters.status}
          onChange={set("status")}
        />
        <FilterSelect
          label="Interest"
          placeholder="Any interest"
          options={INTEREST_KINDS.map((k) => ({ value: k, label: INTEREST_KIND_LABELS[k] }))}
          value={filters.kind}
          onChange={set("kind")}
        />
      </div>
      {notice ? (
        <Alert tone="success" className="mb-3">
          {notice}
        </Alert>
      ) : null}
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      <PagedTable
        list={list}
        loadingLabel="Loading expressions of interest…"
        empty={<EmptyState title="No expressions of interest match these filters" />}
        caption="Expressions of interest"
        columns={columns}
        rowKey={(i) => i.id}
        noun="expressions of interest"
        defaultPageSize={PAGE_SIZE}
        onPageChange={setPage}
      />
      <AnswerDialog
        answering={answering}
        onClose={(done) => {
          setAnswering(null);
          if (done) setNotice(done);
        }}
      />
    </div>
  );
}
