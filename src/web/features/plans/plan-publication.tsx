import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import type { Plan, PlanPublication } from "../../../shared/schemas/plans";
import { api, errorMessage, isApiError } from "../../api/client";
import { Alert, Button, cx, focusRing } from "../../components/ui";
import { controlClasses } from "../../components/ui/field";
import { publicationQuery } from "./plans-api";

const fieldError = (error: unknown, path: string) =>
  isApiError(error) ? error.fields.find((f) => f.path === path)?.message : undefined;

/**
 * The plan's public summary: whether it is published, the words that introduce it, which
 * objectives anyone may read, and whether their targets (status and latest value) are listed.
 * Leads, monitors, budgets, owners, updates and reviews are never published.
 */
export function PublicationSection({ plan, canEdit }: { plan: Plan; canEdit: boolean }) {
  const current = useQuery(publicationQuery(plan.id));
  const client = useQueryClient();
  const [form, setForm] = useState<Omit<PlanPublication, "publishedAt" | "href"> | null>(null);
  useEffect(() => {
    if (current.data && !form) setForm(current.data);
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: () => api.put<PlanPublication>(`/api/plans/${plan.id}/publication`, form),
    onSuccess: (data) => client.setQueryData(publicationQuery(plan.id).queryKey, data),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const data = current.data;
  const link = data?.published ? (
    <a href={data.href} className={cx("text-sm text-blue-800 underline", focusRing)}>
      Open the public page
    </a>
  ) : null;
  return (
    <section aria-labelledby="publication" className="mb-8">
      <h2 id="publication" className="mb-2 text-lg font-semibold text-slate-900">
        Public summary
      </h2>
      <p className="mb-2 max-w-3xl text-sm text-slate-700">
        {data?.published
          ? "A summary of this plan is public: anyone can read it without signing in. "
          : "This plan is private to the hub's team. "}
        {link}
      </p>
      {canEdit && form ? (
        <form
          onSubmit={submit}
          className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-4"
          noValidate
        >
          <label className="flex items-center gap-2 text-sm font-medium text-slate-900">
            <input
              type="checkbox"
              checked={form.published}
              onChange={(e) => setForm({ ...form, published: e.target.checked })}
            />
            Publish a summary of this plan
          </label>
          <div className="space-y-1">
            <label htmlFor="publication-summary" className="block text-sm font-medium text-slate-900">
              Summary (optional)
            </label>
            <textarea
              id="publication-summary"
              rows={3}
              value={form.summary}
              onChange={(e) => setForm({ ...form, summary: e.target.value })}
              className={controlClasses(false)}
            />
          </div>
          <fieldset
            className="space-y-1"
            aria-describedby={
              fieldError(save.error, "objectiveIds") ? "publication-objectives-error" : undefined
            }
          >
            <legend className="text-sm font-medium text-slate-900">Objectives shown</legend>
            {fieldError(save.error, "objectiveIds") ? (
              <p id="publication-objectives-error" className="text-sm font-medium text-red-700">
                {fieldError(save.error, "objectiveIds")}
              </p>
            ) : null}
            {plan.objectives.map((o) => (
              <label key={o.id} className="flex items-center gap-2 text-sm text-slate-900">
                <input
                  type="checkbox"
                  checked={form.objectiveIds.includes(o.id)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      objectiveIds: e.target.checked
                        ? [...form.objectiveIds, o.id]
                        : form.objectiveIds.filter((x) => x !== o.id),
                    })
                  }
                />
                {o.number}. {o.title}
              </label>
            ))}
          </fieldset>
          <label className="flex items-center gap-2 text-sm text-slate-900">
            <input
              type="checkbox"
              checked={form.showTargets}
              onChange={(e) => setForm({ ...form, showTargets: e.target.checked })}
            />
            List their targets, with status and latest measured value
          </label>
          <p className="text-xs text-slate-700">
            Leads, monitors, budgets, owners, updates and reviews are never published.
          </p>
          {save.isError && !fieldError(save.error, "objectiveIds") ? (
            <Alert tone="error">{errorMessage(save.error)}</Alert>
          ) : null}
          {save.isSuccess ? (
            <Alert tone="success">
              {save.data.published ? "The summary is published." : "The summary is not published."}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" disabled={save.isPending}>
              Save public summary
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
