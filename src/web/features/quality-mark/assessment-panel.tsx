import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QM_LEVEL_LABELS } from "../../../shared/rules/quality-mark";
import type { QmApplication } from "../../../shared/schemas/quality-mark";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Button, FormAlert, Select, TextField } from "../../components/ui";
import { themeOf } from "./application-page";
import { assessorsQuery, QM, qmKeys } from "./quality-mark-api";
import { TextArea } from "./text-area";

type Decision = "accept" | "query" | "reject";
const DECISIONS: { value: Decision; label: string }[] = [
  { value: "accept", label: "Accept" },
  { value: "query", label: "Query (ask the school)" },
  { value: "reject", label: "Reject" },
];
const SELF = { met: "Met", partly: "Partly met", not_yet: "Not yet" } as const;

/** The hub's view of an application: the answers and evidence, the assessor, the visit and the reviews. */
export function AssessmentPanel({ app }: { app: QmApplication }) {
  const client = useQueryClient();
  const role = currentRole(useMe().data);
  const done = (a: QmApplication) => {
    client.setQueryData(qmKeys.application(app.id), a);
    void client.invalidateQueries({ queryKey: ["quality-mark", "applications"] });
  };
  const [reviews, setReviews] = useState<Record<string, { decision: Decision | ""; comment: string }>>({});
  const review = useMutation({
    mutationFn: () =>
      api.put<QmApplication>(`${QM}/applications/${app.id}/reviews`, {
        reviews: Object.entries(reviews)
          .filter(([, r]) => r.decision)
          .map(([standardId, r]) => ({ standardId, decision: r.decision, comment: r.comment || null })),
      }),
    onSuccess: (a) => {
      done(a);
      setReviews({});
    },
  });
  const [visitDate, setVisitDate] = useState("");
  const visit = useMutation({
    mutationFn: () => api.post<QmApplication>(`${QM}/applications/${app.id}/visit`, { date: visitDate }),
    onSuccess: done,
  });
  const assessors = useQuery({ ...assessorsQuery, enabled: role === "hub_admin" });
  const [assessor, setAssessor] = useState("");
  const assign = useMutation({
    mutationFn: () => api.post<QmApplication>(`${QM}/applications/${app.id}/assessor`, { userId: assessor }),
    onSuccess: done,
  });
  const reviewing = app.status === "submitted";
  return (
    <div className="space-y-6">
      {role === "hub_admin" && ["draft", "submitted", "queried"].includes(app.status) ? (
        <section aria-labelledby="qm-assessor" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="qm-assessor" className="text-lg font-semibold text-slate-900">
            Assessor
          </h2>
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <Select
              label="Assessor"
              placeholder="Choose a hub member"
              value={assessor}
              onChange={(e) => setAssessor(e.target.value)}
              options={(assessors.data ?? []).map((a) => ({
                value: a.userId,
                label: a.schoolName ? `${a.name} (works at ${a.schoolName})` : a.name,
              }))}
            />
            <Button
              type="button"
              variant="secondary"
              disabled={!assessor || assign.isPending}
              onClick={() => assign.mutate()}
            >
              Assign
            </Button>
          </div>
          <FormAlert message={assign.isError ? errorMessage(assign.error) : null} />
        </section>
      ) : null}
      {["submitted", "queried", "assessed"].includes(app.status) && !app.visit ? (
        <section aria-labelledby="qm-visit" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="qm-visit" className="text-lg font-semibold text-slate-900">
            Assessment visit (optional)
          </h2>
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <TextField
              label="Date of the visit"
              type="date"
              value={visitDate}
              onChange={(e) => setVisitDate(e.target.value)}
            />
            <Button
              type="button"
              variant="secondary"
              disabled={!visitDate || visit.isPending}
              onClick={() => visit.mutate()}
            >
              Schedule the visit
            </Button>
          </div>
          <FormAlert message={visit.isError ? errorMessage(visit.error) : null} />
        </section>
      ) : null}
      <section aria-labelledby="qm-standards">
        <h2 id="qm-standards" className="mb-2 text-lg font-semibold text-slate-900">
          Standards
        </h2>
        <ol className="space-y-4">
          {app.standards.map((s) => {
            const a = app.answers[s.id];
            const r = app.reviews[s.id];
            const mine = reviews[s.id] ?? { decision: "", comment: "" };
            return (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <h3 className="font-semibold text-slate-900">{s.title}</h3>
                <p className="text-slate-700">
                  {QM_LEVEL_LABELS[s.level]} · {themeOf(s.theme)}
                </p>
                <p className="mt-1">
                  Self-evaluation: {a?.self ? SELF[a.self] : "Not answered"}
                  {a?.commentary ? ` — ${a.commentary}` : ""}
                </p>
                <ul className="mt-1 list-disc pl-5">
                  {a?.evidence.map((e) => (
                    <li key={e.kind === "file" ? e.fileId : e.kind === "link" ? e.url : "plan"}>
                      {e.kind === "file" ? (
                        <a
                          className="text-blue-800 underline"
                          href={`${QM}/applications/${app.id}/files/${e.fileId}`}
                        >
                          {e.name}
                        </a>
                      ) : e.kind === "link" ? (
                        <a
                          className="text-blue-800 underline"
                          href={e.url}
                          rel="noreferrer noopener"
                          target="_blank"
                        >
                          {e.url}
                        </a>
                      ) : (
                        "The music development plan on record"
                      )}
                    </li>
                  ))}
                </ul>
                {a?.queryAnswer ? <p className="mt-1">The school's answer: {a.queryAnswer}</p> : null}
                {r ? (
                  <p className="mt-1 font-medium">
                    Review: {DECISIONS.find((d) => d.value === r.decision)?.label}
                    {r.comment ? ` — ${r.comment}` : ""}
                  </p>
                ) : null}
                {reviewing ? (
                  <div className="mt-2 grid gap-3 sm:grid-cols-[14rem_1fr]">
                    <Select
                      label={`Decision on "${s.title}"`}
                      placeholder="Not reviewed"
                      value={mine.decision}
                      options={DECISIONS}
                      onChange={(e) =>
                        setReviews((all) => ({
                          ...all,
                          [s.id]: { ...mine, decision: e.target.value as Decision | "" },
                        }))
                      }
                    />
                    <TextArea
                      label={`Comment on "${s.title}"`}
                      value={mine.comment}
                      onChange={(e) =>
                        setReviews((all) => ({ ...all, [s.id]: { ...mine, comment: e.target.value } }))
                      }
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
      {reviewing ? (
        <div>
          <FormAlert message={review.isError ? errorMessage(review.error) : null} />
          <Button type="button" disabled={review.isPending} onClick={() => review.mutate()}>
            Save the reviews
          </Button>
        </div>
      ) : null}
    </div>
  );
}
