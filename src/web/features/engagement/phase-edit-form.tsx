import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { type Phase, PhaseInput } from "../../../shared/schemas/phases";
import { api } from "../../api/client";
import { Alert, Button, FormAlert, TextField } from "../../components/ui";
import { applyServerErrors } from "../../lib/server-errors";
import { phaseKeys } from "./phases-api";

/** Rename or re-date a phase (its end stays on or after its start). */
export function PhaseEditForm({ phase }: { phase: Phase }) {
  const qc = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PhaseInput>({
    resolver: zodResolver(PhaseInput),
    defaultValues: { name: phase.name, startsOn: phase.startsOn, endsOn: phase.endsOn },
  });
  const save = useMutation({
    mutationFn: (body: PhaseInput) => api.patch<Phase>(`/api/engagement/phases/${phase.id}`, body),
    onSuccess: (p) => {
      qc.setQueryData(phaseKeys.one(phase.id), p);
      void qc.invalidateQueries({ queryKey: phaseKeys.list });
      setDone(true);
    },
  });
  const submit = handleSubmit(async (values) => {
    setFormError(null);
    setDone(false);
    try {
      await save.mutateAsync(values);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ["name", "startsOn", "endsOn"]));
    }
  });
  return (
    <details className="mt-8 max-w-xl rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold text-slate-900">Change the name or dates</summary>
      <form onSubmit={submit} noValidate className="mt-3 space-y-3">
        <FormAlert message={formError} />
        {done ? <Alert tone="success">The phase was saved.</Alert> : null}
        <TextField label="Name" error={errors.name?.message} limit={200} {...register("name")} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Starts on"
            type="date"
            error={errors.startsOn?.message}
            {...register("startsOn")}
          />
          <TextField label="Ends on" type="date" error={errors.endsOn?.message} {...register("endsOn")} />
        </div>
        <Button type="submit" disabled={isSubmitting}>
          Save phase
        </Button>
      </form>
    </details>
  );
}
