import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QM_LEVEL_LABELS, type QmEvidence, type SelfEvaluation } from "../../../shared/rules/quality-mark";
import type { QmAnswerInput, QmApplication } from "../../../shared/schemas/quality-mark";
import { ApiError, api, errorMessage } from "../../api/client";
import { Alert, Button, FormAlert, Select, TextField } from "../../components/ui";
import { themeOf } from "./application-page";
import { QM, qmKeys, uploadEvidence } from "./quality-mark-api";
import { TextArea } from "./text-area";

const SELF_OPTIONS: { value: SelfEvaluation; label: string }[] = [
  { value: "met", label: "Met" },
  { value: "partly", label: "Partly met" },
  { value: "not_yet", label: "Not yet" },
];

const blank = (): QmAnswerInput => ({ self: null, commentary: "", evidence: [], queryAnswer: null });

/** Field errors by path ("answers.<id>.evidence") from a refused save or submit. */
const fieldErrors = (error: unknown): Map<string, string> =>
  new Map((error instanceof ApiError ? error.fields : []).map((f) => [f.path, f.message]));

/** The school's application: each standard's self-evaluation, commentary and evidence; drafts and submission. */
export function ApplicationForm({ app }: { app: QmApplication }) {
  const client = useQueryClient();
  const editable = app.status === "draft" || app.status === "queried";
  const [answers, setAnswers] = useState<Record<string, QmAnswerInput>>(() =>
    Object.fromEntries(app.standards.map((s) => [s.id, { ...blank(), ...app.answers[s.id] }])),
  );
  const [links, setLinks] = useState<Record<string, string>>({});
  const update = (id: string, change: Partial<QmAnswerInput>) =>
    setAnswers((all) => ({ ...all, [id]: { ...(all[id] ?? blank()), ...change } }));
  const done = (a: QmApplication) => {
    client.setQueryData(qmKeys.application(app.id), a);
    void client.invalidateQueries({ queryKey: ["quality-mark", "applications"] });
  };
  const save = useMutation({
    mutationFn: () => api.put<QmApplication>(`${QM}/applications/${app.id}/answers`, { answers }),
    onSuccess: done,
  });
  const submit = useMutation({
    mutationFn: async () => {
      await api.put<QmApplication>(`${QM}/applications/${app.id}/answers`, { answers });
      return api.post<QmApplication>(`${QM}/applications/${app.id}/submit`);
    },
    onSuccess: done,
  });
  const upload = useMutation({
    mutationFn: ({ standardId, file }: { standardId: string; file: File }) =>
      uploadEvidence(app.id, standardId, file),
    onSuccess: (a, v) => {
      done(a);
      const added = a.answers[v.standardId]?.evidence.filter((e) => e.kind === "file") ?? [];
      update(v.standardId, {
        evidence: [...(answers[v.standardId]?.evidence.filter((e) => e.kind !== "file") ?? []), ...added],
      });
    },
  });
  const errors = fieldErrors(submit.error ?? save.error);
  const label = (e: QmEvidence) =>
    e.kind === "file"
      ? `File: ${e.name}`
      : e.kind === "link"
        ? `Link: ${e.url}`
        : "The music development plan on record";
  if (!editable)
    return (
      <Alert tone="info">
        This application is with the hub. You can change it again if the assessor asks a question.
      </Alert>
    );
  return (
    <form noValidate onSubmit={(e) => e.preventDefault()} className="space-y-6">
      {app.standards.map((s) => {
        const a = answers[s.id] ?? blank();
        const review = app.reviews[s.id];
        return (
          <fieldset key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-base font-semibold text-slate-900">{s.title}</legend>
            <p className="text-sm text-slate-700">
              {QM_LEVEL_LABELS[s.level]} · {themeOf(s.theme)}
            </p>
            {s.guidance ? <p className="mt-1 text-sm">{s.guidance}</p> : null}
            {s.evidenceExpected ? (
              <p className="mt-1 text-sm text-slate-700">Evidence expected: {s.evidenceExpected}</p>
            ) : null}
            {review?.decision === "query" ? (
              <Alert tone="warning">The assessor asks: {review.comment}</Alert>
            ) : null}
            <div className="mt-3 grid gap-3 sm:grid-cols-[12rem_1fr]">
              <Select
                label="Self-evaluation"
                placeholder="Choose"
                value={a.self ?? ""}
                options={SELF_OPTIONS}
                error={errors.get(`answers.${s.id}`)}
                onChange={(e) => update(s.id, { self: (e.target.value || null) as SelfEvaluation | null })}
              />
              <TextArea
                label="Commentary"
                value={a.commentary}
                onChange={(e) => update(s.id, { commentary: e.target.value })}
              />
            </div>
            <h3 className="mt-3 text-sm font-medium text-slate-900">Evidence</h3>
            {errors.get(`answers.${s.id}.evidence`) ? (
              <p className="text-sm text-red-800">{errors.get(`answers.${s.id}.evidence`)}</p>
            ) : null}
            <ul className="mt-1 space-y-1 text-sm">
              {a.evidence.map((e, i) => (
                <li
                  key={e.kind === "file" ? e.fileId : e.kind === "link" ? e.url : "plan"}
                  className="flex items-center gap-2"
                >
                  {label(e)}
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => update(s.id, { evidence: a.evidence.filter((_, j) => j !== i) })}
                  >
                    Remove<span className="sr-only"> {label(e)}</span>
                  </Button>
                </li>
              ))}
            </ul>
            <div className="mt-2 flex flex-wrap items-end gap-3">
              <TextField
                label="Link to evidence"
                type="url"
                value={links[s.id] ?? ""}
                onChange={(e) => setLinks((l) => ({ ...l, [s.id]: e.target.value }))}
              />
              <Button
                type="button"
                variant="secondary"
                disabled={!links[s.id]?.trim()}
                onClick={() => {
                  update(s.id, {
                    evidence: [...a.evidence, { kind: "link", url: (links[s.id] ?? "").trim() }],
                  });
                  setLinks((l) => ({ ...l, [s.id]: "" }));
                }}
              >
                Add the link<span className="sr-only"> to {s.title}</span>
              </Button>
              {app.hasMusicPlan && !a.evidence.some((e) => e.kind === "plan") ? (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => update(s.id, { evidence: [...a.evidence, { kind: "plan" }] })}
                >
                  Use our music development plan<span className="sr-only"> for {s.title}</span>
                </Button>
              ) : null}
              <label className="text-sm">
                <span className="mb-1 block font-medium text-slate-900">
                  Upload a file (PDF, image, Word or Excel, up to 10 MB)
                </span>
                <input
                  type="file"
                  className="text-sm"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) upload.mutate({ standardId: s.id, file });
                    e.target.value = "";
                  }}
                />
              </label>
            </div>
            {review?.decision === "query" ? (
              <TextArea
                className="mt-3"
                label="Your answer to the assessor"
                value={a.queryAnswer ?? ""}
                error={errors.get(`answers.${s.id}.queryAnswer`)}
                onChange={(e) => update(s.id, { queryAnswer: e.target.value })}
              />
            ) : null}
          </fieldset>
        );
      })}
      <FormAlert message={upload.isError ? errorMessage(upload.error) : null} />
      <FormAlert
        message={save.isError ? errorMessage(save.error) : submit.isError ? errorMessage(submit.error) : null}
      />
      {save.isSuccess && !submit.isPending ? (
        <p role="status" className="text-sm text-green-800">
          Draft saved.
        </p>
      ) : null}
      <div className="flex gap-3">
        <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => save.mutate()}>
          Save draft
        </Button>
        <Button type="button" disabled={submit.isPending} onClick={() => submit.mutate()}>
          {app.status === "queried" ? "Send the answers" : "Submit the application"}
        </Button>
      </div>
    </form>
  );
}
