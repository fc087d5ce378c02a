import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { SETTING_LABELS, SETTINGS, type Setting } from "../../../shared/rules/lead-school-coverage";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { Round } from "../../../shared/schemas/lead-schools";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Alert,
  Button,
  cx,
  EmptyState,
  focusRing,
  Loading,
  PageHeader,
  TextField,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { areasQuery } from "../schools/schools-api";
import { TextArea, useServerErrors } from "./form-bits";
import { invalidateAll, R, roundsQuery } from "./lead-schools-api";

const STAGE_LABELS: Record<Round["stage"], string> = {
  open: "Open for applications",
  reviewing: "Reviewing",
  visits: "Visits",
  announced: "Announced",
};
export const stageLabel = (s: Round["stage"]) => STAGE_LABELS[s];

const DATE_FIELDS = [
  ["closesOn", "Applications close"],
  ["shortlistOn", "Schools told of the shortlist"],
  ["visitsFrom", "Visits from"],
  ["announceOn", "Announcement"],
] as const;

/** The round editor: title, the four dates in order, what it looks for, expectations and benefits. */
export function RoundEditor({ round, onSaved }: { round?: Round; onSaved: (r: Round) => void }) {
  const [v, setV] = useState<Record<string, string>>({
    title: round?.title ?? "",
    closesOn: round?.closesOn ?? "",
    shortlistOn: round?.shortlistOn ?? "",
    visitsFrom: round?.visitsFrom ?? "",
    announceOn: round?.announceOn ?? "",
    lookingFor: round?.lookingFor ?? "",
    expectations: round?.expectations ?? "",
    benefits: round?.benefits ?? "",
  });
  const [settings, setSettings] = useState<Setting[]>(round?.settingsWanted ?? []);
  const [areaIds, setAreaIds] = useState<string[]>(round?.areasWanted.map((a) => a.id) ?? []);
  const areas = useQuery(areasQuery);
  const errors = useServerErrors();
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const set = (k: string) => (e: { target: { value: string } }) =>
    setV((x) => ({ ...x, [k]: e.target.value }));
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      const body = {
        ...v,
        settingsWanted: settings,
        areaIdsWanted: areaIds,
        ...(round ? { criteria: round.criteria, panelUserIds: round.panelUserIds } : {}),
      };
      const saved = round ? await api.put<Round>(`${R}/${round.id}`, body) : await api.post<Round>(R, body);
      await invalidateAll();
      onSaved(saved);
    } catch (err) {
      errors.take(err);
    }
  };
  return (
    <form
      onSubmit={save}
      noValidate
      className="max-w-2xl space-y-4"
      aria-label={round ? "Edit the round" : "Open a round"}
    >
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      <TextField label="Title" value={v.title} onChange={set("title")} error={errors.fields.title} />
      <div className="grid gap-3 sm:grid-cols-2">
        {DATE_FIELDS.map(([k, label]) => (
          <TextField
            key={k}
            label={label}
            type="date"
            value={v[k]}
            onChange={set(k)}
            error={errors.fields[k]}
          />
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Settings wanted (optional)</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {SETTINGS.map((x) => (
            <label key={x} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={settings.includes(x)}
                onChange={() => setSettings((l) => toggle(l, x))}
              />
              {SETTING_LABELS[x]}
            </label>
          ))}
        </div>
      </fieldset>
      {areas.data && areas.data.length > 0 ? (
        <fieldset>
          <legend className="text-sm font-medium">Areas wanted (optional)</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            {areas.data.map((a) => (
              <label key={a.id} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={areaIds.includes(a.id)}
                  onChange={() => setAreaIds((l) => toggle(l, a.id))}
                />
                {a.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <TextArea
        label="What the round is looking for"
        value={v.lookingFor}
        onChange={set("lookingFor")}
        error={errors.fields.lookingFor}
        optional
      />
      <TextArea
        label="Expectations of Lead Schools"
        value={v.expectations}
        onChange={set("expectations")}
        error={errors.fields.expectations}
        optional
      />
      <TextArea
        label="Benefits"
        value={v.benefits}
        onChange={set("benefits")}
        error={errors.fields.benefits}
        optional
      />
      <Button type="submit">{round ? "Save the round" : "Open the round"}</Button>
    </form>
  );
}

/** /lead-schools/rounds — the recruitment rounds, and a form to open one (hub admins). */
export function RoundsPage() {
  useDocumentTitle("Recruitment rounds");
  const rounds = useQuery(roundsQuery);
  const me = useMe();
  const admin = currentRole(me.data) === "hub_admin";
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  return (
    <div>
      <PageHeader
        title="Recruitment rounds"
        description="Each round has a public page from which schools apply."
        actions={admin && !open ? <Button onClick={() => setOpen(true)}>Open a round</Button> : null}
      />
      {open ? (
        <section aria-labelledby="new-round" className="mb-8">
          <h2 id="new-round" className="mb-3 text-lg font-semibold">
            New round
          </h2>
          <RoundEditor onSaved={(r) => navigate(`/lead-schools/rounds/${r.id}`)} />
        </section>
      ) : null}
      {rounds.isPending ? <Loading label="Loading rounds…" /> : null}
      {rounds.isError ? <Alert tone="error">{errorMessage(rounds.error)}</Alert> : null}
      {rounds.data && rounds.data.length === 0 ? <EmptyState title="No rounds yet" /> : null}
      {rounds.data && rounds.data.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rounds.data.map((r) => (
            <li key={r.id} className="flex flex-wrap gap-x-4 gap-y-1 p-3 text-sm">
              <Link
                to={`/lead-schools/rounds/${r.id}`}
                className={cx("font-medium text-blue-800 underline", focusRing)}
              >
                {r.title}
              </Link>
              <span>{stageLabel(r.stage)}</span>
              <span>Closes {formatUkDate(r.closesOn)}</span>
              <span>{r.applications} submitted</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
