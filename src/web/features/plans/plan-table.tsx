import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { PLAN_STATUS_LABELS, type Plan, type PlanTarget } from "../../../shared/schemas/plans";
import { api, errorMessage, isApiError } from "../../api/client";
import { Alert, Badge, Button, Select, TextField } from "../../components/ui";
import { ItemControls, StatusControl } from "./plan-controls";
import { COURSE_LABELS, measuresQuery, percent, planKeys, STATUS_TONES } from "./plans-api";

type Objective = Plan["objectives"][number];

/** A small line of the trend (SVG), with its values in words for screen readers. */
function Trend({ points }: { points: PlanTarget["trend"] }) {
  if (points.length < 2) return null;
  const w = 80;
  const h = 20;
  const xs = points.map((_, i) => (i / (points.length - 1)) * w);
  const ys = points.map((p) => h - Math.max(0, Math.min(1, p.value)) * h);
  const d = xs.map((x, i) => `${i ? "L" : "M"}${x.toFixed(1)},${(ys[i] ?? 0).toFixed(1)}`).join(" ");
  const words = points.map((p) => `${formatUkDate(p.on)}: ${percent(p.value)}`).join("; ");
  return (
    <svg width={w} height={h} role="img" aria-label={`Trend: ${words}`} className="mt-1 text-blue-800">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

function BindForm({ planId, target }: { planId: string; target: PlanTarget }) {
  const measures = useQuery(measuresQuery);
  const client = useQueryClient();
  const [measure, setMeasure] = useState(target.measure ?? "");
  const [goal, setGoal] = useState(target.goal === null ? "" : String(Math.round(target.goal * 1000) / 10));
  const [deadline, setDeadline] = useState(target.deadline ?? target.byWhen ?? "");
  const bind = useMutation({
    mutationFn: () =>
      api.patch(`/api/plans/${planId}/targets/${target.id}`, {
        measure: measure || null,
        goal: measure ? Number(goal) / 100 : null,
        deadline: measure ? deadline || null : null,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.plan(planId) }),
  });
  const fieldError = (path: string) =>
    isApiError(bind.error) ? bind.error.fields.find((f) => f.path === path)?.message : undefined;
  const chosen = measures.data?.find((m) => m.id === measure);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    bind.mutate();
  };
  return (
    <form onSubmit={submit} className="mt-2 space-y-2" noValidate>
      <Select
        label="Measure"
        placeholder="None: progress is recorded by hand"
        options={(measures.data ?? []).map((m) => ({
          value: m.id,
          label: m.available ? m.label : `${m.label} (not available yet)`,
        }))}
        value={measure}
        onChange={(e) => setMeasure(e.target.value)}
        error={fieldError("measure")}
      />
      {chosen ? <p className="text-xs text-slate-700">{chosen.definition}</p> : null}
      {measure ? (
        <div className="grid gap-2 sm:grid-cols-2">
          <TextField
            label="Goal (%)"
            inputMode="decimal"
            value={goal}
            onChange={(e) => setGoal(e.target.value)}
            error={fieldError("goal")}
          />
          <TextField
            label="Deadline"
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
            error={fieldError("deadline")}
          />
        </div>
      ) : null}
      {bind.isError && !(isApiError(bind.error) && bind.error.fields.length) ? (
        <Alert tone="error">{errorMessage(bind.error)}</Alert>
      ) : null}
      <Button type="submit" size="sm" disabled={bind.isPending}>
        Save measure
      </Button>
    </form>
  );
}

function TargetValue({ target }: { target: PlanTarget }) {
  if (!target.measure) return <span className="text-slate-700">Recorded by hand</span>;
  return (
    <div>
      <p className="font-medium text-slate-900" data-testid="target-value">
        {target.currentText}
      </p>
      {target.goal !== null ? (
        <p className="text-xs text-slate-700">
          Goal {percent(target.goal)}
          {target.deadline ? ` by ${formatUkDate(target.deadline)}` : ""}
        </p>
      ) : null}
      <p className="text-xs text-slate-700">{target.definition}</p>
      <Trend points={target.trend} />
      {target.course ? <p className="text-xs text-slate-800">{COURSE_LABELS[target.course]}</p> : null}
    </div>
  );
}

function AddForm({
  label,
  fields,
  onSave,
}: {
  label: string;
  fields: string[];
  onSave: (values: Record<string, string>) => Promise<unknown>;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => onSave(values),
    onSuccess: () => {
      setValues({});
      return client.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-blue-800 underline">{label}</summary>
      <form onSubmit={submit} className="mt-2 grid gap-2 sm:grid-cols-3" noValidate>
        {fields.map((f) => (
          <TextField
            key={f}
            label={f}
            type={f === "By when" ? "date" : "text"}
            value={values[f] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            error={isApiError(save.error) ? save.error.fields[0]?.message : undefined}
          />
        ))}
        <div className="self-end">
          <Button type="submit" size="sm" disabled={save.isPending}>
            {label}
          </Button>
        </div>
        {save.isError && !(isApiError(save.error) && save.error.fields.length) ? (
          <Alert tone="error">{errorMessage(save.error)}</Alert>
        ) : null}
      </form>
    </details>
  );
}

/** One objective as the seed plan lays it out: actions, leads, targets, by when, monitor, budget, next year, and the value now. */
export function ObjectiveTable({
  planId,
  objective,
  canEdit,
  first = true,
  last = true,
}: {
  planId: string;
  objective: Objective;
  canEdit: boolean;
  /** Its place among the plan's objectives (for moving it). */
  first?: boolean;
  last?: boolean;
}) {
  const name = `${objective.number}. ${objective.title}`;
  return (
    <section aria-labelledby={`objective-${objective.id}`} className="mb-8">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2
          id={`objective-${objective.id}`}
          className="flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900"
        >
          {name}
          {canEdit ? null : (
            <Badge tone={STATUS_TONES[objective.status]}>{PLAN_STATUS_LABELS[objective.status].label}</Badge>
          )}
        </h2>
        {canEdit ? (
          <>
            <StatusControl
              planId={planId}
              path={`objectives/${objective.id}`}
              value={objective.status}
              label={`Status of objective ${objective.number}`}
            />
            <ItemControls
              planId={planId}
              path={`objectives/${objective.id}`}
              name={name}
              what="objective"
              canMoveUp={!first}
              canMoveDown={!last}
            />
          </>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Objective {objective.number}: actions and targets</caption>
          <thead className="bg-slate-100 text-slate-900">
            <tr>
              {["Action", "Lead", "Target", "By when", "Monitor", "Budget", "Next year", "Now", "Status"].map(
                (h) => (
                  <th key={h} scope="col" className="p-2 font-semibold">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 align-top">
            {objective.actions.flatMap((a, ai) => {
              const targets = a.targets.filter((t) => !t.retired);
              const head = (
                <>
                  <th scope="row" rowSpan={Math.max(1, targets.length)} className="p-2 font-normal">
                    {a.text}
                    {canEdit ? (
                      <div className="mt-1">
                        <ItemControls
                          planId={planId}
                          path={`actions/${a.id}`}
                          name={a.text}
                          what="action"
                          canMoveUp={ai > 0}
                          canMoveDown={ai < objective.actions.length - 1}
                        />
                      </div>
                    ) : null}
                    {canEdit ? (
                      <AddForm
                        label="Add a target"
                        fields={["Target", "By when", "Monitor", "Budget"]}
                        onSave={(v) =>
                          api.post(`/api/plans/${planId}/actions/${a.id}/targets`, {
                            text: v.Target ?? "",
                            byWhen: v["By when"] || null,
                            monitor: v.Monitor ?? "",
                            budget: v.Budget ?? "",
                          })
                        }
                      />
                    ) : null}
                  </th>
                  <td rowSpan={Math.max(1, targets.length)} className="p-2">
                    {a.lead}
                  </td>
                </>
              );
              if (!targets.length)
                return [
                  <tr key={a.id}>
                    {head}
                    <td colSpan={7} className="p-2 text-slate-700">
                      No targets yet
                    </td>
                  </tr>,
                ];
              return targets.map((t, i) => (
                <tr key={t.id} data-testid={`target-${t.id}`}>
                  {i === 0 ? head : null}
                  <td className="p-2">
                    <span>{t.text}</span>
                    {canEdit ? (
                      <div className="mt-1">
                        <ItemControls
                          planId={planId}
                          path={`targets/${t.id}`}
                          name={t.text}
                          what="target"
                          canMoveUp={i > 0}
                          canMoveDown={i < targets.length - 1}
                        />
                      </div>
                    ) : null}
                    {canEdit ? (
                      <details className="text-xs">
                        <summary className="cursor-pointer text-blue-800 underline">Measure</summary>
                        <BindForm planId={planId} target={t} />
                      </details>
                    ) : null}
                  </td>
                  <td className="p-2 whitespace-nowrap">{t.byWhen ? formatUkDate(t.byWhen) : ""}</td>
                  <td className="p-2">{t.monitor}</td>
                  <td className="p-2">{t.budget}</td>
                  <td className="p-2">{t.nextYearTarget}</td>
                  <td className="p-2 min-w-48">
                    <TargetValue target={t} />
                  </td>
                  <td className="p-2">
                    {canEdit && !(t.measure && t.course && t.course !== "unknown") ? (
                      <StatusControl
                        planId={planId}
                        path={`targets/${t.id}`}
                        value={t.status}
                        label={`Status of target "${t.text}"`}
                      />
                    ) : (
                      <Badge tone={STATUS_TONES[t.status]}>{PLAN_STATUS_LABELS[t.status].label}</Badge>
                    )}
                    {t.measure && t.course && t.course !== "unknown" ? (
                      <p className="mt-1 text-xs text-slate-700">Follows its measure</p>
                    ) : null}
                  </td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <AddForm
          label="Add an action"
          fields={["Action", "Lead"]}
          onSave={(v) =>
            api.post(`/api/plans/${planId}/objectives/${objective.id}/actions`, {
              text: v.Action ?? "",
              lead: v.Lead ?? "",
            })
          }
        />
      ) : null}
    </section>
  );
}

export { AddForm };
