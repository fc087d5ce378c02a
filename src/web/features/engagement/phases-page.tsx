import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { type Phase, PhaseInput } from "../../../shared/schemas/phases";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
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
  TextField,
} from "../../components/ui";
import { formatDate } from "../../lib/format";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { phaseKeys, phasesQuery, STATE_LABELS } from "./phases-api";

type Row = Awaited<ReturnType<NonNullable<typeof phasesQuery.queryFn>>>[number];

const columns: Column<Row>[] = [
  {
    key: "name",
    header: "Phase",
    rowHeader: true,
    cell: (p) => (
      <Link
        to={`/engagement/phases/${p.id}`}
        className={cx("font-medium text-blue-800 underline", focusRing)}
      >
        {p.name}
      </Link>
    ),
  },
  { key: "dates", header: "Dates", cell: (p) => `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}` },
  { key: "state", header: "State", cell: (p) => <Badge tone="neutral">{STATE_LABELS[p.state]}</Badge> },
  { key: "schools", header: "Schools", cell: (p) => p.schools },
];

function NewPhaseForm() {
  const qc = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PhaseInput>({ resolver: zodResolver(PhaseInput) });
  const create = useMutation({
    mutationFn: (body: PhaseInput) => api.post<Phase>("/api/engagement/phases", body),
    onSuccess: (p) => {
      setDone(`${p.name} was created.`);
      reset();
      void qc.invalidateQueries({ queryKey: phaseKeys.all });
    },
  });
  const submit = handleSubmit(async (values) => {
    setFormError(null);
    setDone(null);
    try {
      await create.mutateAsync(values);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["name", "startsOn", "endsOn"]));
    }
  });
  return (
    <section
      aria-labelledby="new-phase"
      className="mt-8 max-w-xl rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="new-phase" className="mb-3 text-lg font-semibold text-slate-900">
        New phase
      </h2>
      <form onSubmit={submit} noValidate className="space-y-3">
        <FormAlert message={formError} />
        {done ? <Alert tone="success">{done}</Alert> : null}
        <TextField
          label="Name"
          description="For example “Phase 1, 2025/26”."
          error={errors.name?.message}
          limit={200}
          {...register("name")}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Starts on"
            type="date"
            error={errors.startsOn?.message}
            {...register("startsOn")}
          />
          <TextField label="Ends on" type="date" error={errors.endsOn?.message} {...register("endsOn")} />
        </div>
        <Button type="submit" disabled={isSubmitting}>
          Create phase
        </Button>
      </form>
    </section>
  );
}

function DefaultAudit() {
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const setUp = useMutation({
    mutationFn: () => api.post<{ title: string; created: boolean }>("/api/engagement/audits/default"),
    onSuccess: (r) =>
      setMessage({
        tone: "success",
        text: r.created ? `${r.title} is set up and published.` : `${r.title} was set up already.`,
      }),
    onError: (e) => setMessage({ tone: "error", text: errorMessage(e) }),
  });
  return (
    <section
      aria-labelledby="default-audit"
      className="mt-8 max-w-xl rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="default-audit" className="mb-2 text-lg font-semibold text-slate-900">
        Pre-visit audit
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        Schools answer the hub's audit before their first visit. Set up Tutti's default audit (nine sections,
        from the curriculum to partnerships), then change it under Questionnaires if you wish.
      </p>
      {message ? (
        <Alert tone={message.tone} className="mb-3">
          {message.text}
        </Alert>
      ) : null}
      <Button variant="secondary" onClick={() => setUp.mutate()} disabled={setUp.isPending}>
        Set up the default audit
      </Button>
    </section>
  );
}

/** /engagement/phases — the programme's phases, a new one, and the default audit. */
export function PhasesPage() {
  useDocumentTitle("Phases");
  const phases = useQuery(phasesQuery);
  const me = useMe();
  return (
    <div>
      <PageHeader
        title="Phases"
        description="The programme of school visits, phase by phase: dates and the schools in each."
        actions={
          <Link to="/engagement/interests" className={cx("font-medium text-blue-800 underline", focusRing)}>
            Expressions of interest
          </Link>
        }
      />
      {phases.isPending ? <Loading label="Loading phases…" /> : null}
      {phases.isError ? <Alert tone="error">{errorMessage(phases.error)}</Alert> : null}
      {phases.data ? (
        phases.data.length === 0 ? (
          <EmptyState title="No phases yet">Create the first phase below.</EmptyState>
        ) : (
          <Table caption="Phases" columns={columns} rows={phases.data} rowKey={(p) => p.id} />
        )
      ) : null}
      <NewPhaseForm />
      {currentRole(me.data) === "hub_admin" ? <DefaultAudit /> : null}
    </div>
  );
}
