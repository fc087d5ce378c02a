import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { RagRating } from "../../../shared/rules/rag-suggestion";
import type { SchoolRag } from "../../../shared/schemas/rag";
import { api, errorMessage } from "../../api/client";
import { Alert, Badge, Button, FormAlert, Loading, Select, TextField } from "../../components/ui";
import { RAG_LABELS, RAG_TONES, ragKeys, schoolRagQuery } from "./rag-api";

const when = (iso: string): string => new Date(iso).toLocaleDateString("en-GB", { dateStyle: "medium" });

/** The school profile's RAG panel (hub users): current rating, the suggestion and why, history, and the form. */
export function RagPanel({ urn }: { urn: number }) {
  const rag = useQuery(schoolRagQuery(urn));
  const client = useQueryClient();
  const [rating, setRating] = useState<RagRating | "">("");
  const [reason, setReason] = useState("");
  const save = useMutation({
    mutationFn: (body: { rating: RagRating; reason: string }) =>
      api.put<SchoolRag>(`/api/schools/${urn}/rag`, body),
    onSuccess: (data) => {
      client.setQueryData(ragKeys.school(urn), data);
      void client.invalidateQueries({ queryKey: ["rag", "board"] });
      setReason("");
      setRating("");
    },
  });
  if (rag.isPending) return <Loading label="Loading the RAG rating…" />;
  if (rag.isError) return <Alert tone="error">{errorMessage(rag.error)}</Alert>;
  const { current, suggestion, history } = rag.data;
  const chosen = rating || suggestion.rating;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rating: chosen, reason });
  };
  return (
    <section aria-labelledby="rag-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="rag-heading" className="text-lg font-semibold text-slate-900">
        RAG rating
      </h2>
      <p className="mt-2">
        {current ? (
          <>
            <Badge tone={RAG_TONES[current.rating]}>{RAG_LABELS[current.rating]}</Badge>
            {current.rating === "red" ? <span className="ml-2 text-sm">Targeted support</span> : null}
            <span className="mt-1 block text-sm text-slate-700">
              {current.reason} ({current.setBy ?? "someone no longer here"}, {when(current.setAt)})
            </span>
          </>
        ) : (
          <Badge tone="neutral">{RAG_LABELS.unrated}</Badge>
        )}
      </p>
      <h3 className="mt-4 font-medium text-slate-900">
        Suggested: <Badge tone={RAG_TONES[suggestion.rating]}>{RAG_LABELS[suggestion.rating]}</Badge>
      </h3>
      <ul aria-label="Criteria" className="mt-2 space-y-1 text-sm">
        {suggestion.criteria.map((c) => (
          <li key={c.id}>
            <span className={c.fired ? "font-semibold text-red-800" : "text-slate-700"}>
              {c.fired ? "Fired: " : "Not fired: "}
              {c.label}
            </span>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="mt-4 space-y-3" noValidate>
        <Select
          label="Rating"
          value={chosen}
          onChange={(e) => setRating(e.target.value as RagRating)}
          options={(["red", "amber", "green"] as const).map((r) => ({
            value: r,
            label: r === suggestion.rating ? `${RAG_LABELS[r]} (suggested)` : RAG_LABELS[r],
          }))}
        />
        <TextField
          label="Reason"
          description="Why this rating: say so when it differs from the suggestion."
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <FormAlert message={save.isError ? errorMessage(save.error) : null} />
        <Button type="submit" disabled={save.isPending}>
          {chosen === suggestion.rating ? "Confirm rating" : "Override with this rating"}
        </Button>
      </form>
      {history.length ? (
        <>
          <h3 className="mt-4 font-medium text-slate-900">History</h3>
          <ol aria-label="Rating history" className="mt-2 space-y-1 text-sm text-slate-700">
            {history.map((h) => (
              <li key={h.id}>
                <Badge tone={RAG_TONES[h.rating]}>{RAG_LABELS[h.rating]}</Badge> {when(h.setAt)},{" "}
                {h.setBy ?? "someone no longer here"}: {h.reason}
                {h.suggested && h.suggested !== h.rating ? ` (suggested ${RAG_LABELS[h.suggested]})` : ""}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
