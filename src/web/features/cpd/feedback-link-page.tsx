import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import type { CpdFeedbackLink } from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import { Alert, Button, FormAlert, Loading, Select, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";

const SCALE = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/** /cpd/feedback/:token — an attendee's own feedback form, from the link e-mailed to them (no sign-in). */
export function FeedbackLinkPage() {
  const token = useParams().token ?? "";
  useDocumentTitle("Feedback on CPD");
  const link = useQuery({
    queryKey: ["cpd", "feedback-link", token],
    queryFn: ({ signal }) => api.get<CpdFeedbackLink>(`/api/cpd/feedback-links/${token}`, undefined, signal),
    retry: false,
  });
  const [values, setValues] = useState({
    usefulness: "",
    confidenceBefore: "",
    confidenceAfter: "",
    comments: "",
  });
  const send = useMutation({
    mutationFn: () =>
      api.post(`/api/cpd/feedback-links/${token}`, {
        usefulness: Number(values.usefulness),
        confidenceBefore: Number(values.confidenceBefore),
        confidenceAfter: Number(values.confidenceAfter),
        comments: values.comments || null,
      }),
  });
  const err = (path: string) =>
    isApiError(send.error) ? send.error.fields.find((f) => f.path === path)?.message : undefined;
  const l = link.data;
  return (
    <main className="mx-auto max-w-2xl p-4">
      <h1 className="text-2xl font-bold text-slate-900">
        {l ? `Feedback on ${l.eventTitle}` : "Feedback on CPD"}
      </h1>
      {link.isPending ? <Loading label="Loading…" /> : null}
      {link.isError ? (
        <div className="mt-4">
          <Alert tone="error">
            {isApiError(link.error) && link.error.status === 404
              ? "This feedback link is not valid. Please use the link in the e-mail you were sent."
              : errorMessage(link.error)}
          </Alert>
        </div>
      ) : null}
      {l ? (
        <p className="mt-2 text-slate-700">
          {l.hubName} · {formatDateTime(l.startsAt)} · for {l.name}
        </p>
      ) : null}
      {l && (l.given || send.isSuccess) ? (
        <div className="mt-4">
          <Alert tone="success">Thank you: your feedback is saved.</Alert>
        </div>
      ) : null}
      {l && !l.given && !send.isSuccess ? (
        <form
          className="mt-4 grid gap-3 sm:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <div className="sm:col-span-3">
            <FormAlert
              message={
                send.isError && !(isApiError(send.error) && send.error.fields.length)
                  ? errorMessage(send.error)
                  : null
              }
            />
          </div>
          <Select
            label="How useful was it (1 to 5)"
            placeholder="Choose"
            options={SCALE}
            value={values.usefulness}
            onChange={(e) => setValues({ ...values, usefulness: e.target.value })}
            error={err("usefulness")}
          />
          <Select
            label="Confidence before (1 to 5)"
            placeholder="Choose"
            options={SCALE}
            value={values.confidenceBefore}
            onChange={(e) => setValues({ ...values, confidenceBefore: e.target.value })}
            error={err("confidenceBefore")}
          />
          <Select
            label="Confidence after (1 to 5)"
            placeholder="Choose"
            options={SCALE}
            value={values.confidenceAfter}
            onChange={(e) => setValues({ ...values, confidenceAfter: e.target.value })}
            error={err("confidenceAfter")}
          />
          <TextField
            label="Comments"
            optional
            className="sm:col-span-3"
            value={values.comments}
            limit={5000}
            onChange={(e) => setValues({ ...values, comments: e.target.value })}
            error={err("comments")}
          />
          <Button type="submit" pending={send.isPending} className="justify-self-start">
            Send feedback
          </Button>
        </form>
      ) : null}
    </main>
  );
}
