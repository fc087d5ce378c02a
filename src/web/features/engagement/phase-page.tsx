import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { Phase, PhaseSchool } from "../../../shared/schemas/phases";
import { api, errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  Button,
  type Column,
  cx,
  EmptyState,
  FormAlert,
  focusRing,
  Loading,
  PageHeader,
  Table,
} from "../../components/ui";
import { controlClasses, FieldHelp, FieldLabel } from "../../components/ui/field";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { PhaseCoveragePanel, phaseCoverageKeys } from "./phase-coverage-panel";
import { PhaseEditForm } from "./phase-edit-form";
import { AUDIT_STATUS_LABELS, phaseKeys, phaseQuery, STATE_LABELS } from "./phases-api";

/** URNs typed or pasted: numbers separated by commas, spaces or new lines. */
const urnsIn = (text: string): number[] | null => {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d{1,8}$/.test(p))) return null;
  return parts.map(Number);
};

/** /engagement/phases/:id — a phase's schools: add by URN, remove, and each school's audit. */
export function PhasePage() {
  const { id = "" } = useParams();
  const qc = useQueryClient();
  const phase = useQuery(phaseQuery(id));
  useDocumentTitle(phase.data?.name ?? "Phase");
  const [urns, setUrns] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const update = (p: Phase) => {
    qc.setQueryData(phaseKeys.one(id), p);
    void qc.invalidateQueries({ queryKey: phaseKeys.list });
    void qc.invalidateQueries({ queryKey: phaseCoverageKeys.all });
  };
  const add = useMutation({
    mutationFn: (list: number[]) => api.post<Phase>(`/api/engagement/phases/${id}/schools`, { urns: list }),
    onSuccess: (p) => {
      update(p);
      setUrns("");
      setNotice("The schools were added, and their contacts told by e-mail.");
    },
    onError: (e) => setFormError(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (urn: number) => api.delete<Phase>(`/api/engagement/phases/${id}/schools/${urn}`),
    onSuccess: (p, urn) => {
      update(p);
      setNotice(`The school with URN ${urn} was removed from the phase.`);
    },
    onError: (e) => setFormError(errorMessage(e)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setNotice(null);
    const list = urnsIn(urns);
    if (!list) {
      setFieldError("Give one or more URNs (numbers), separated by commas or spaces");
      return;
    }
    setFieldError(undefined);
    add.mutate(list);
  };
  const columns: Column<PhaseSchool>[] = [
    { key: "name", header: "School", rowHeader: true, cell: (s) => s.name },
    { key: "urn", header: "URN", cell: (s) => s.urn },
    {
      key: "via",
      header: "Joined by",
      cell: (s) => (s.joinedVia === "interest" ? "Its own interest" : "Invitation"),
    },
    {
      key: "audit",
      header: "Audit",
      cell: (s) => (
        <Link to={`/engagement/schools/${s.urn}/audits`} className={cx("text-blue-800 underline", focusRing)}>
          {AUDIT_STATUS_LABELS[s.audit]}
          <span className="sr-only"> for {s.name}</span>
        </Link>
      ),
    },
    {
      key: "remove",
      header: <span className="sr-only">Remove</span>,
      cell: (s) => (
        <Button variant="ghost" size="sm" onClick={() => remove.mutate(s.urn)} disabled={remove.isPending}>
          Remove<span className="sr-only"> {s.name}</span>
        </Button>
      ),
    },
  ];
  if (phase.isPending) return <Loading label="Loading the phase…" />;
  if (phase.isError) return <Alert tone="error">{errorMessage(phase.error)}</Alert>;
  const p = phase.data;
  return (
    <div>
      <PageHeader
        title={p.name}
        description={`${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}`}
        actions={<Badge tone="neutral">{STATE_LABELS[p.state]}</Badge>}
      />
      <p className="mb-4 text-sm">
        <Link to="/engagement/phases" className={cx("text-blue-800 underline", focusRing)}>
          All phases
        </Link>
      </p>
      {notice ? (
        <Alert tone="success" className="mb-3">
          {notice}
        </Alert>
      ) : null}
      {p.schoolList.length === 0 ? (
        <EmptyState title="No schools in this phase yet">Add schools by their URN below.</EmptyState>
      ) : (
        <Table
          caption={`Schools in ${p.name} (${p.schools})`}
          columns={columns}
          rows={p.schoolList}
          rowKey={(s) => String(s.urn)}
        />
      )}
      <PhaseCoveragePanel id={p.id} />
      <form onSubmit={submit} noValidate className="mt-6 max-w-xl space-y-2">
        <FormAlert message={formError} />
        <FieldLabel htmlFor="phase-urns">Add schools by URN</FieldLabel>
        <FieldHelp
          id="phase-urns"
          description="One or more URNs, separated by commas or spaces. Each school's contacts are told by e-mail that it is invited."
          error={fieldError}
        />
        <textarea
          id="phase-urns"
          rows={3}
          value={urns}
          onChange={(e) => setUrns(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "phase-urns-error phase-urns-description" : "phase-urns-description"}
          className={controlClasses(Boolean(fieldError))}
        />
        <Button type="submit" disabled={add.isPending}>
          Add schools
        </Button>
      </form>
      <PhaseEditForm key={p.id} phase={p} />
    </div>
  );
}
