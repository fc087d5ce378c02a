import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { QmLevel } from "../../../shared/rules/quality-mark";
import type { QmApplication } from "../../../shared/schemas/quality-mark";
import { api, errorMessage } from "../../api/client";
import { Button, FormAlert, Select } from "../../components/ui";
import { LEVEL_OPTIONS, QM, qmKeys } from "./quality-mark-api";
import { TextArea } from "./text-area";

/** The moderator confirms the outcome: an award (possibly lower, with reasons) or not yet, with feedback. */
export function ModerationPanel({ app }: { app: QmApplication }) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<"award" | "not_yet">("award");
  const [level, setLevel] = useState<QmLevel>(app.level);
  const [text, setText] = useState("");
  const decide = useMutation({
    mutationFn: () =>
      api.post<QmApplication>(`${QM}/applications/${app.id}/decision`, {
        outcome,
        level,
        ...(outcome === "award" ? { reasons: text || null } : { feedback: text }),
      }),
    onSuccess: (a) => {
      client.setQueryData(qmKeys.application(app.id), a);
      void client.invalidateQueries({ queryKey: qmKeys.all });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  const levels = LEVEL_OPTIONS.slice(0, LEVEL_OPTIONS.findIndex((l) => l.value === app.level) + 1);
  return (
    <section aria-labelledby="qm-moderation" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="qm-moderation" className="text-lg font-semibold text-slate-900">
        Moderation
      </h2>
      <form onSubmit={submit} noValidate className="mt-2 space-y-3">
        <Select
          label="Outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as "award" | "not_yet")}
          options={[
            { value: "award", label: "Award" },
            { value: "not_yet", label: "Not yet" },
          ]}
        />
        {outcome === "award" ? (
          <Select
            label="Level awarded"
            value={level}
            onChange={(e) => setLevel(e.target.value as QmLevel)}
            options={levels}
          />
        ) : null}
        <TextArea
          label={
            outcome === "award" ? "Reasons (needed when lower than applied for)" : "Feedback to the school"
          }
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <FormAlert message={decide.isError ? errorMessage(decide.error) : null} />
        <Button type="submit" disabled={decide.isPending}>
          Confirm the outcome
        </Button>
      </form>
    </section>
  );
}
