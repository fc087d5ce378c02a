import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { FOCUS_AREA_LABELS, FOCUS_AREAS, type FocusArea } from "../../../shared/rules/focus-areas";
import { APPLICATION_DOCUMENTS, DOCUMENT_LABELS } from "../../../shared/rules/lead-school-eligibility";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Application, ApplicationAnswers } from "../../../shared/schemas/lead-schools";
import { api, errorMessage } from "../../api/client";
import { Alert, Button, Loading, PageHeader, TextField } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { TextArea, toNumber, useServerErrors } from "./form-bits";
import { A, invalidateAll, R, roundQuery, STATUS_LABELS, uploadDocument } from "./lead-schools-api";

const TEXTS = [
  ["focusReasons", "Why your school would lead these focus areas"],
  ["trackRecord", "Your track record"],
  ["curriculum", "Curriculum breadth and progression"],
  ["localNeeds", "Knowledge of local needs"],
  ["ks45Provision", "KS4 and KS5 provision (secondary schools)"],
  ["sendProvision", "SEND provision"],
] as const;
const NUMBERS = [
  ["instrumentPupils", "Pupils learning instruments"],
  ["fsmPupilsEngaged", "FSM pupils engaged"],
  ["extraCurricularPupils", "Pupils in co- and extra-curricular music"],
  ["ks4Uptake", "KS4 music uptake"],
  ["ks5Uptake", "KS5 music uptake"],
] as const;

/** /lead-schools/rounds/:id/apply — the school's application: saved as a draft, submitted once. */
export function ApplyPage() {
  const { id = "" } = useParams();
  const round = useQuery(roundQuery(id));
  const [app, setApp] = useState<Application | null>(null);
  const [answers, setAnswers] = useState<ApplicationAnswers | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const errors = useServerErrors();
  useDocumentTitle(round.data ? `Apply: ${round.data.title}` : "Apply");
  useEffect(() => {
    api
      .post<Application>(`${R}/${id}/applications`)
      .then((a) => {
        setApp(a);
        setAnswers(a.answers);
      })
      .catch((e: unknown) => setStartError(errorMessage(e)));
  }, [id]);
  if (startError) return <Alert tone="error">{startError}</Alert>;
  if (!app || !answers) return <Loading label="Opening your application…" />;
  const draft = app.status === "draft";
  const set = <K extends keyof ApplicationAnswers>(k: K, value: ApplicationAnswers[K]) =>
    setAnswers((a) => (a ? { ...a, [k]: value } : a));
  const toggle = (f: FocusArea) =>
    set(
      "focusAreas",
      answers.focusAreas.includes(f) ? answers.focusAreas.filter((x) => x !== f) : [...answers.focusAreas, f],
    );
  const save = async () => {
    errors.clear();
    setSaved(null);
    try {
      const next = await api.put<Application>(`${A}/${app.id}`, answers);
      setApp(next);
      setSaved("Draft saved.");
      return true;
    } catch (e) {
      errors.take(e);
      return false;
    }
  };
  const submit = async () => {
    if (!(await save())) return;
    try {
      setApp(await api.post<Application>(`${A}/${app.id}/submit`));
      setSaved("Application submitted.");
      await invalidateAll();
    } catch (e) {
      errors.take(e);
    }
  };
  const upload = async (kind: string, file: File | undefined) => {
    if (!file) return;
    errors.clear();
    try {
      setApp(await uploadDocument(app.id, kind, file));
    } catch (e) {
      errors.take(e);
    }
  };
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={`Application: ${app.roundTitle}`}
        description={`${app.schoolName}. ${STATUS_LABELS[app.status]}. Applications close on ${formatUkDate(app.closesOn)}.`}
      />
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {app.decisionReason ? (
        <Alert tone="info" title="The panel's decision">
          {app.decisionReason}
          {app.feedback ? ` Feedback: ${app.feedback}` : ""}
        </Alert>
      ) : null}
      <section aria-labelledby="eligibility" className="my-4">
        <h2 id="eligibility" className="text-lg font-semibold">
          Eligibility
        </h2>
        {app.eligibility.eligible ? (
          <p className="text-sm text-green-800">Your application can be submitted.</p>
        ) : (
          <ul aria-label="Still needed" className="list-disc pl-5 text-sm">
            {app.eligibility.problems.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        )}
      </section>
      <fieldset className="space-y-4" disabled={!draft}>
        <fieldset>
          <legend className="text-sm font-medium">Focus areas you would lead (up to three)</legend>
          {errors.fields.focusAreas ? (
            <p className="text-sm font-medium text-red-700">{errors.fields.focusAreas}</p>
          ) : null}
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {FOCUS_AREAS.map((f) => (
              <label key={f} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={answers.focusAreas.includes(f)} onChange={() => toggle(f)} />
                {FOCUS_AREA_LABELS[f]}
              </label>
            ))}
          </div>
        </fieldset>
        {TEXTS.map(([k, label]) => (
          <TextArea
            key={k}
            label={label}
            value={answers[k]}
            onChange={(e) => set(k, e.target.value)}
            error={errors.fields[k]}
            optional
          />
        ))}
        <fieldset>
          <legend className="text-sm font-medium">Does the school offer music at KS4?</legend>
          {errors.fields.ks4Provision ? (
            <p className="text-sm font-medium text-red-700">{errors.fields.ks4Provision}</p>
          ) : null}
          <div className="flex gap-4 text-sm">
            {[
              ["Yes", true],
              ["No", false],
            ].map(([label, value]) => (
              <label key={String(label)} className="flex items-center gap-1">
                <input
                  type="radio"
                  name="ks4"
                  checked={answers.ks4Provision === value}
                  onChange={() => set("ks4Provision", value as boolean)}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          {NUMBERS.map(([k, label]) => (
            <TextField
              key={k}
              label={label}
              type="number"
              min={0}
              value={answers[k] ?? ""}
              onChange={(e) => set(k, toNumber(e.target.value))}
              error={errors.fields[k]}
              optional
              description="Filled in from the register where the hub has it"
            />
          ))}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Documents (PDF or Word, up to 10 MB)</legend>
          <ul className="mt-2 space-y-3">
            {APPLICATION_DOCUMENTS.map((kind) => {
              const have = app.files.filter((f) => f.kind === kind);
              return (
                <li key={kind} className="text-sm">
                  <label className="block font-medium" htmlFor={`doc-${kind}`}>
                    {DOCUMENT_LABELS[kind]}
                  </label>
                  {have.length ? <p>Uploaded: {have.map((f) => f.name).join(", ")}</p> : null}
                  <input
                    id={`doc-${kind}`}
                    type="file"
                    accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    onChange={(e) => void upload(kind, e.target.files?.[0])}
                  />
                </li>
              );
            })}
          </ul>
        </fieldset>
        <div className="flex gap-3">
          <Button type="button" variant="secondary" onClick={() => void save()}>
            Save draft
          </Button>
          <Button type="button" onClick={() => void submit()}>
            Submit the application
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
