import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CpdSettings } from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import { Alert, Button, FormAlert, Loading, PageHeader, TextField } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { settingsQuery } from "./cpd-api";

/** A whole number as typed, or NaN (the API then names the field). */
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

function SettingsForm({ settings }: { settings: CpdSettings }) {
  const client = useQueryClient();
  const [percent, setPercent] = useState(String(settings.supplyContributionPercent));
  const [cutoff, setCutoff] = useState(String(settings.cancelCutoffDays));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: CpdSettings) => api.put<CpdSettings>("/api/cpd/settings", body),
    onSuccess: (saved) => client.setQueryData(settingsQuery.queryKey, saved),
  });
  const err = (path: keyof CpdSettings) =>
    local[path] ??
    (isApiError(save.error) ? save.error.fields.find((f) => f.path === path)?.message : undefined);
  return (
    <form
      className="grid max-w-xl gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body = { supplyContributionPercent: whole(percent), cancelCutoffDays: whole(cutoff) };
        const problems: Record<string, string> = {};
        if (Number.isNaN(body.supplyContributionPercent))
          problems.supplyContributionPercent = "Give a whole number of percent, from 0 to 100";
        if (Number.isNaN(body.cancelCutoffDays))
          problems.cancelCutoffDays = "Give a whole number of days, from 0 to 60";
        setLocal(problems);
        if (Object.keys(problems).length === 0) save.mutate(body);
      }}
    >
      <FormAlert message={save.isError && !isApiError(save.error) ? errorMessage(save.error) : null} />
      <TextField
        label="Hub's contribution to a Lead School's supply cover (%)"
        description="Used for new claims; claims already made keep the rate they were made at."
        inputMode="numeric"
        value={percent}
        onChange={(e) => setPercent(e.target.value)}
        error={err("supplyContributionPercent")}
      />
      <TextField
        label="Free cancellation until (days before the event)"
        description="A booking cancelled later than this is still charged (a late cancellation)."
        inputMode="numeric"
        value={cutoff}
        onChange={(e) => setCutoff(e.target.value)}
        error={err("cancelCutoffDays")}
      />
      {save.isSuccess ? <Alert tone="success">The CPD settings are saved.</Alert> : null}
      <Button type="submit" pending={save.isPending} className="justify-self-start">
        Save settings
      </Button>
    </form>
  );
}

/** /cpd/settings (hub admins): the supply-cover contribution and the cancellation cut-off. */
export function SettingsPage() {
  useDocumentTitle("CPD settings");
  const settings = useQuery(settingsQuery);
  return (
    <div>
      <PageHeader
        title="CPD settings"
        description="What the hub pays towards supply cover, and when a cancelled booking is still charged."
      />
      {settings.isPending ? <Loading label="Loading the settings…" /> : null}
      {settings.isError ? <Alert tone="error">{errorMessage(settings.error)}</Alert> : null}
      {settings.data ? <SettingsForm settings={settings.data} /> : null}
    </div>
  );
}
