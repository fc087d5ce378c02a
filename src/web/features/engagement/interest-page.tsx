import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { INTEREST_KIND_LABELS, INTEREST_STATUS_LABELS } from "../../../shared/rules/engagement-phases";
import { INTEREST_KINDS, type Interest, InterestInput } from "../../../shared/schemas/phases";
import { api, errorMessage } from "../../api/client";
import { Alert, Badge, Button, FormAlert, PageHeader, TextField } from "../../components/ui";
import { controlClasses, FieldLabel } from "../../components/ui/field";
import { formatDate } from "../../lib/format";
import { applyServerErrors } from "../../lib/server-errors";
import { useDocumentTitle } from "../../lib/use-document-title";
import { interestsQuery } from "./phases-api";

/** /engagement/interest — a school user asks for a visit, or offers to support other schools. */
export function InterestPage() {
  useDocumentTitle("Ask for a visit");
  const qc = useQueryClient();
  const mine = useQuery(interestsQuery({ page: 1, pageSize: 50 }));
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<InterestInput>({ resolver: zodResolver(InterestInput), defaultValues: { kind: "be_visited" } });
  const send = useMutation({
    mutationFn: (body: InterestInput) => api.post<Interest>("/api/engagement/interests", body),
    onSuccess: (i) => {
      setDone(`Sent: the hub will answer ${i.contactName} by e-mail at ${i.contactEmail}.`);
      reset({ kind: "be_visited" });
      void qc.invalidateQueries({ queryKey: ["interests"] });
    },
  });
  const submit = handleSubmit(async (values) => {
    setFormError(null);
    setDone(null);
    const body: InterestInput = {
      kind: values.kind,
      ...(values.contactName ? { contactName: values.contactName } : {}),
      ...(values.contactEmail ? { contactEmail: values.contactEmail } : {}),
      ...(values.message ? { message: values.message } : {}),
    };
    try {
      await send.mutateAsync(body);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["kind", "contactName", "contactEmail", "message"]));
    }
  });
  return (
    <div>
      <PageHeader
        title="Ask for a visit"
        description="Tell the hub your school would like a visit in its next phase, or could support other schools."
      />
      <form onSubmit={submit} noValidate className="max-w-xl space-y-3">
        <FormAlert message={formError} />
        {done ? <Alert tone="success">{done}</Alert> : null}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-900">Your school would like</legend>
          {INTEREST_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="radio" value={k} {...register("kind")} />
              {INTEREST_KIND_LABELS[k]}
            </label>
          ))}
          {errors.kind?.message ? (
            <p className="text-sm font-medium text-red-700">{errors.kind.message}</p>
          ) : null}
        </fieldset>
        <TextField
          label="Contact name"
          optional
          description="Leave empty to be the contact yourself."
          error={errors.contactName?.message}
          {...register("contactName", { setValueAs: (v: string) => v || undefined })}
        />
        <TextField
          label="Contact e-mail address"
          type="email"
          optional
          error={errors.contactEmail?.message}
          {...register("contactEmail", { setValueAs: (v: string) => v || undefined })}
        />
        <div className="space-y-1">
          <FieldLabel htmlFor="interest-message" optional>
            Anything the hub should know
          </FieldLabel>
          {errors.message?.message ? (
            <p id="interest-message-error" className="text-sm font-medium text-red-700">
              {errors.message.message}
            </p>
          ) : null}
          <textarea
            id="interest-message"
            rows={4}
            className={controlClasses(Boolean(errors.message))}
            aria-describedby={errors.message ? "interest-message-error" : undefined}
            {...register("message", { setValueAs: (v: string) => v || undefined })}
          />
        </div>
        <Button type="submit" disabled={isSubmitting}>
          Send to the hub
        </Button>
      </form>
      <section aria-labelledby="sent-interests" className="mt-8">
        <h2 id="sent-interests" className="mb-2 text-lg font-semibold text-slate-900">
          What your school has asked
        </h2>
        {mine.isError ? <Alert tone="error">{errorMessage(mine.error)}</Alert> : null}
        {mine.data?.items.length === 0 ? <p className="text-sm text-slate-700">Nothing yet.</p> : null}
        <ul className="space-y-2 text-sm">
          {mine.data?.items.map((i) => (
            <li key={i.id}>
              {INTEREST_KIND_LABELS[i.kind]}, {formatDate(i.createdAt)}:{" "}
              <Badge tone={i.status === "accepted" ? "green" : i.status === "declined" ? "neutral" : "amber"}>
                {INTEREST_STATUS_LABELS[i.status]}
              </Badge>
              {i.phase ? ` (${i.phase.name})` : ""}
              {i.decisionReason ? ` — ${i.decisionReason}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
