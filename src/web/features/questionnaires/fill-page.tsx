import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { visibleQuestionIds } from "../../../shared/rules/questionnaire-conditions";
import { validateAnswers } from "../../../shared/rules/questionnaire-validation";
import type { Answers, AnswerValue, QuestionnaireResponse } from "../../../shared/schemas/questionnaires";
import { errorMessage, isApiError } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AnswerField, fieldId } from "./answer-field";
import {
  questionnaireKeys,
  responseQuery,
  saveAnswers,
  submitResponse,
  uploadAnswerFile,
} from "./questionnaires-api";

const AUTOSAVE_MS = 800;

function Form({ response }: { response: QuestionnaireResponse }) {
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(response.answers);
  const [status, setStatus] = useState(response.status);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [saveState, setSaveState] = useState<string>("");
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const pending = useRef<Answers>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(response.templateTitle, "Questionnaires");

  const readOnly = status === "submitted";
  const definition = response.definition;
  // The same rule as the server: errors by question id, hidden questions neither required nor checked.
  const errors = validateAnswers(definition, answers, "submit");
  const visible = visibleQuestionIds(definition, answers);
  const shown = (qid: string) => (showAll || touched.has(qid) ? errors[qid] : undefined);

  const flush = async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const batch = pending.current;
    if (!Object.keys(batch).length) return;
    pending.current = {};
    setSaveState("Saving…");
    try {
      const saved = await saveAnswers(response.id, batch);
      queryClient.setQueryData(questionnaireKeys.response(response.id), saved);
      setSaveState(`Saved at ${formatDateTime(saved.updatedAt).split(", ")[1] ?? ""}`);
    } catch (error) {
      pending.current = { ...batch, ...pending.current };
      setSaveState("");
      setProblem(`Your last change was not saved: ${errorMessage(error)}`);
    }
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (Object.keys(pending.current).length) void saveAnswers(response.id, pending.current).catch(() => {});
    },
    [response.id],
  );

  const change = (qid: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [qid]: value }));
    setTouched((t) => new Set(t).add(qid));
    pending.current = { ...pending.current, [qid]: value };
    setProblem(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  const upload = async (qid: string, file: File) => {
    await flush();
    setUploading(qid);
    try {
      const saved = await uploadAnswerFile(response.id, qid, file);
      setAnswers((a) => ({ ...a, [qid]: saved.answers[qid] ?? null }));
      setTouched((t) => new Set(t).add(qid));
      setProblem(null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setUploading(null);
    }
  };

  const submit = useMutation({
    mutationFn: async () => {
      await flush();
      return submitResponse(response.id);
    },
    onSuccess: async (saved) => {
      setAnswers(saved.answers);
      setStatus("submitted");
      queryClient.setQueryData(questionnaireKeys.response(response.id), saved);
      await queryClient.invalidateQueries({ queryKey: questionnaireKeys.all });
    },
    onError: (error) => {
      setShowAll(true);
      setProblem(isApiError(error) && error.fields.length ? null : errorMessage(error));
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
  });

  const errorList = Object.entries(errors).filter(([qid]) => visible.has(qid));
  let number = 0;
  return (
    <form
      noValidate
      aria-label={response.templateTitle}
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        setShowAll(true);
        if (errorList.length) {
          requestAnimationFrame(() => summaryRef.current?.focus());
          return;
        }
        submit.mutate();
      }}
    >
      {readOnly ? (
        <Alert tone="success" title="Submitted">
          Submitted {formatDateTime(response.submittedAt ?? new Date().toISOString())}. Thank you: the answers
          can no longer be changed.
        </Alert>
      ) : null}
      {showAll && errorList.length ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-red-900"
        >
          <p className="font-semibold">
            {errorList.length === 1
              ? "One answer needs attention before you submit"
              : `${errorList.length} answers need attention before you submit`}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {errorList.map(([qid, message]) => (
              <li key={qid}>
                <a className="underline" href={`#${fieldId(qid)}`}>
                  {definition.sections.flatMap((s) => s.questions).find((q) => q.id === qid)?.label ?? qid}:{" "}
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {definition.sections.map((s) => (
        <section
          key={s.id}
          aria-labelledby={`section-${s.id}`}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id={`section-${s.id}`} className="text-lg font-semibold text-slate-900">
            {s.title}
          </h2>
          {s.description ? <p className="text-sm text-slate-700">{s.description}</p> : null}
          {s.questions
            .filter((q) => visible.has(q.id))
            .map((q) => {
              number++;
              return (
                <div key={q.id} className="flex gap-3">
                  <span aria-hidden="true" className="w-6 shrink-0 pt-0.5 text-sm text-slate-600">
                    {number}.
                  </span>
                  <div className="flex-1">
                    <AnswerField
                      q={q}
                      value={answers[q.id]}
                      error={readOnly ? undefined : shown(q.id)}
                      disabled={readOnly}
                      responseId={response.id}
                      onChange={(v) => change(q.id, v)}
                      onFile={(f) => void upload(q.id, f)}
                      uploading={uploading === q.id}
                    />
                  </div>
                </div>
              );
            })}
        </section>
      ))}
      {readOnly ? null : (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={submit.isPending}>
            Submit
          </Button>
          <p role="status" aria-live="polite" className="text-sm text-slate-700">
            {saveState || "Your answers are saved as you go."}
          </p>
        </div>
      )}
    </form>
  );
}

/** Filling in one response: autosaved, resumable, checked by the same rule as the server. */
export function FillPage() {
  const { id = "" } = useParams();
  const response = useQuery(responseQuery(id));
  if (response.isPending) return <Loading />;
  if (response.isError) return <Alert tone="error">{errorMessage(response.error)}</Alert>;
  const r = response.data;
  return (
    <>
      <PageHeader
        title={r.templateTitle}
        description={`${r.schoolName} · version ${r.version} of the questionnaire`}
        actions={
          <Link to="/questionnaires" className="text-sm font-medium text-blue-800 underline">
            All questionnaires
          </Link>
        }
      />
      <Form key={r.id} response={r} />
    </>
  );
}
