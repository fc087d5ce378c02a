import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { VISIT_PURPOSES, VisitInput, type VisitPurpose } from "../../../shared/schemas/engagement";
import { Alert, Button, PageHeader, Select, TextField } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { linkOfficersQuery } from "../schools/schools-api";
import { engagementKeys, PURPOSE_LABELS, scheduleVisit } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { serverProblems, TextArea, zodProblems } from "./form-bits";

/** /engagement/visits/new — schedule a visit (the school is told), or record one that happened. */
export function ScheduleVisitPage() {
  useDocumentTitle("Schedule a visit");
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const members = useQuery(linkOfficersQuery);
  const [form, setForm] = useState({
    urn: search.get("urn") ?? "",
    date: "",
    time: "",
    purpose: "" as VisitPurpose | "",
    notes: "",
    recorded: false,
    attendeeIds: [] as string[],
  });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: scheduleVisit,
    onSuccess: async (visit) => {
      await queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      navigate(`/engagement/visits/${visit.id}`);
    },
    onError: (error) => setProblems(serverProblems(error)),
  });
  const submit = () => {
    const parsed = VisitInput.safeParse({
      urn: form.urn,
      date: form.date,
      time: form.time || null,
      purpose: form.purpose || undefined,
      notes: form.notes || null,
      recorded: form.recorded,
      attendeeIds: form.attendeeIds.length ? form.attendeeIds : undefined,
    });
    if (!parsed.success) return setProblems(zodProblems(parsed.error));
    setProblems({});
    save.mutate(parsed.data);
  };
  return (
    <div>
      <PageHeader
        title="Schedule a visit"
        description="The school's contacts are e-mailed an invitation with a calendar file. A visit that already happened can be recorded instead."
      />
      <EngagementTabs />
      <form
        noValidate
        className="max-w-xl space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {problems.form ? <Alert tone="error">{problems.form}</Alert> : null}
        <TextField
          label="School URN"
          inputMode="numeric"
          value={form.urn}
          onChange={(e) => set("urn", e.target.value)}
          error={problems.urn}
          description="The school's six-digit unique reference number."
        />
        <TextField
          label="Date"
          type="date"
          value={form.date}
          onChange={(e) => set("date", e.target.value)}
          error={problems.date}
        />
        <TextField
          label="Time"
          type="time"
          optional
          value={form.time}
          onChange={(e) => set("time", e.target.value)}
          error={problems.time}
        />
        <Select
          label="Purpose"
          placeholder="Choose a purpose"
          options={VISIT_PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }))}
          value={form.purpose}
          onChange={(e) => set("purpose", e.target.value as VisitPurpose | "")}
          error={problems.purpose}
        />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-900">Who attends from the hub</legend>
          {problems.attendeeIds ? (
            <p className="text-sm font-medium text-red-700">{problems.attendeeIds}</p>
          ) : null}
          {(members.data ?? []).map((m) => (
            <label key={m.userId} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={form.attendeeIds.includes(m.userId)}
                onChange={(e) =>
                  set(
                    "attendeeIds",
                    e.target.checked
                      ? [...form.attendeeIds, m.userId]
                      : form.attendeeIds.filter((id) => id !== m.userId),
                  )
                }
              />
              {m.name}
            </label>
          ))}
        </fieldset>
        <TextArea
          id="visit-notes"
          label="Notes (optional)"
          value={form.notes}
          onChange={(v) => set("notes", v)}
          error={problems.notes}
        />
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.recorded}
            onChange={(e) => set("recorded", e.target.checked)}
            aria-describedby="recorded-help"
          />
          <span>
            Recorded: this visit already happened
            <span id="recorded-help" className="block text-slate-700">
              Allows a past date; no invitation is sent.
            </span>
          </span>
        </label>
        <Button type="submit" disabled={save.isPending}>
          {form.recorded ? "Record the visit" : "Schedule the visit"}
        </Button>
      </form>
    </div>
  );
}
