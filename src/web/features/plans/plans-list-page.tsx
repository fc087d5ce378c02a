import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Plan } from "../../../shared/schemas/plans";
import { api, errorMessage, isApiError } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Alert,
  Button,
  cx,
  EmptyState,
  focusRing,
  Loading,
  PageHeader,
  TextField,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { planKeys, plansQuery } from "./plans-api";

/** /plans — the hub's plans by period, and a new one. */
export function PlansListPage() {
  useDocumentTitle("Plans");
  const plans = useQuery(plansQuery);
  const me = useMe();
  const isAdmin = currentRole(me.data) === "hub_admin";
  return (
    <div>
      <PageHeader
        title="Plans"
        description="The hub's plans: numbered objectives, actions, leads and targets, many of them measured live from the hub's own data."
        actions={
          <Link to="/plans/glossary" className={cx("text-sm text-blue-800 underline", focusRing)}>
            Glossary of roles
          </Link>
        }
      />
      {plans.isPending ? <Loading label="Loading plans…" /> : null}
      {plans.isError ? <Alert tone="error">{errorMessage(plans.error)}</Alert> : null}
      {plans.data?.length === 0 ? <EmptyState title="No plans yet" /> : null}
      {plans.data?.length ? (
        <ul className="mb-8 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {plans.data.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm">
              <Link to={`/plans/${p.id}`} className={cx("font-medium text-blue-800 underline", focusRing)}>
                {p.title}
              </Link>
              <span className="text-slate-700">
                {formatUkDate(p.startsOn)} to {formatUkDate(p.endsOn)}
              </span>
              <span className="text-slate-700">
                {p.objectives} objectives, {p.targets} targets
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {isAdmin ? <NewPlanForm /> : null}
    </div>
  );
}

function NewPlanForm() {
  const [title, setTitle] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const navigate = useNavigate();
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () => api.post<Plan>("/api/plans", { title, startsOn, endsOn }),
    onSuccess: async (plan) => {
      await client.invalidateQueries({ queryKey: planKeys.all });
      navigate(`/plans/${plan.id}`);
    },
  });
  const fieldError = (path: string) =>
    isApiError(create.error) ? create.error.fields.find((f) => f.path === path)?.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-plan" className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-plan" className="mb-3 text-lg font-semibold text-slate-900">
        New plan
      </h2>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fieldError("title")}
          limit={200}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Starts on"
            type="date"
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
            error={fieldError("startsOn")}
          />
          <TextField
            label="Ends on"
            type="date"
            value={endsOn}
            onChange={(e) => setEndsOn(e.target.value)}
            error={fieldError("endsOn")}
          />
        </div>
        {create.isError && !isApiError(create.error) ? (
          <Alert tone="error">{errorMessage(create.error)}</Alert>
        ) : null}
        {isApiError(create.error) && !create.error.fields.length ? (
          <Alert tone="error">{create.error.message}</Alert>
        ) : null}
        <Button type="submit" disabled={create.isPending}>
          Create plan
        </Button>
      </form>
    </section>
  );
}
