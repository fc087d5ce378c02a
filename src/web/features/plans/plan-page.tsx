import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { ImportResult } from "../../../shared/schemas/plans";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, Button, cx, focusRing, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { GovernanceSection, ReviewsSection, UpdatesSection } from "./plan-progress";
import { PublicationSection } from "./plan-publication";
import { AddForm, ObjectiveTable } from "./plan-table";
import { ImportRefused, planKeys, planQuery, uploadFile } from "./plans-api";

const linkClass = cx("text-sm text-blue-800 underline", focusRing);

/** /plans/:id — the plan: objectives with live values, definitions, trends and course; updates, reviews, import, exports. */
export function PlanPage() {
  const { id = "" } = useParams();
  const plan = useQuery(planQuery(id));
  const me = useMe();
  const canEdit = currentRole(me.data) === "hub_admin";
  const client = useQueryClient();
  useDocumentTitle(plan.data?.title ?? "Plan");
  const snapshot = useMutation({
    mutationFn: () => api.post(`/api/plans/${id}/snapshots`),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.plan(id) }),
  });
  if (plan.isPending) return <Loading label="Loading the plan…" />;
  if (plan.isError) return <Alert tone="error">{errorMessage(plan.error)}</Alert>;
  const p = plan.data;
  const next = Math.max(0, ...p.objectives.map((o) => o.number)) + 1;
  return (
    <div>
      <PageHeader
        title={p.title}
        description={`${formatUkDate(p.startsOn)} to ${formatUkDate(p.endsOn)}. Values marked with a measure are computed from the hub's data now.`}
        actions={
          <>
            <a href={`/api/plans/${id}/export.pdf`} className={linkClass}>
              Export PDF
            </a>
            <a href={`/api/plans/${id}/export.xlsx`} className={linkClass}>
              Export XLSX
            </a>
            <Link to="/plans/glossary" className={linkClass}>
              Glossary of roles
            </Link>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => snapshot.mutate()}
              disabled={snapshot.isPending}
            >
              Take a snapshot now
            </Button>
          </>
        }
      />
      {snapshot.isSuccess ? <Alert tone="success">Today's values are recorded in the trend.</Alert> : null}
      {p.objectives.length === 0 ? (
        <p className="mb-4 text-sm text-slate-700">No objectives yet: add one, or import a spreadsheet.</p>
      ) : null}
      {p.objectives.map((o, i) => (
        <ObjectiveTable
          key={o.id}
          planId={id}
          objective={o}
          canEdit={canEdit}
          first={i === 0}
          last={i === p.objectives.length - 1}
        />
      ))}
      {canEdit ? (
        <div className="mb-8">
          <AddForm
            label="Add an objective"
            fields={["Objective"]}
            onSave={(v) =>
              api.post(`/api/plans/${id}/objectives`, { number: next, title: v.Objective ?? "" })
            }
          />
        </div>
      ) : null}
      <UpdatesSection plan={p} />
      <ReviewsSection plan={p} canEdit={canEdit} />
      <GovernanceSection plan={p} />
      <PublicationSection plan={p} canEdit={canEdit} />
      {canEdit ? <ImportSection planId={id} /> : null}
    </div>
  );
}

function ImportSection({ planId }: { planId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: () => {
      if (!file) throw new Error("Choose a CSV or Excel file");
      return uploadFile<ImportResult>(`/api/plans/${planId}/import`, file);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["plans"] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  const refused = run.error instanceof ImportRefused ? run.error.result : null;
  return (
    <section
      aria-labelledby="import"
      className="mb-8 max-w-3xl rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="import" className="mb-2 text-lg font-semibold text-slate-900">
        Import from a spreadsheet
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        One row per target. A blank objective number, objective or action means the same as the row above.
        Download the{" "}
        <a href="/api/plans/template.csv" className={linkClass}>
          CSV template
        </a>{" "}
        or the{" "}
        <a href="/api/plans/template.xlsx" className={linkClass}>
          Excel template
        </a>
        .
      </p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="space-y-1">
          <label htmlFor="plan-file" className="block text-sm font-medium text-slate-900">
            Plan file (CSV or XLSX)
          </label>
          <input
            id="plan-file"
            type="file"
            accept=".csv,.xlsx"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="text-sm"
          />
        </div>
        <Button type="submit" disabled={run.isPending}>
          Import
        </Button>
      </form>
      {run.isSuccess ? (
        <Alert tone="success">
          Imported {run.data.objectives} objectives, {run.data.actions} actions and {run.data.targets}{" "}
          targets.
        </Alert>
      ) : null}
      {refused ? (
        <div className="mt-3">
          <Alert tone="error">The file has errors: nothing was imported.</Alert>
          <table className="mt-2 text-left text-sm">
            <caption className="sr-only">Errors by row</caption>
            <thead>
              <tr>
                <th scope="col" className="p-1">
                  Row
                </th>
                <th scope="col" className="p-1">
                  Column
                </th>
                <th scope="col" className="p-1">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody>
              {refused.errors.map((e) => (
                <tr key={`${e.row}-${e.column}-${e.message}`}>
                  <td className="p-1">{e.row}</td>
                  <td className="p-1">{e.column}</td>
                  <td className="p-1">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {run.isError && !refused ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
    </section>
  );
}
