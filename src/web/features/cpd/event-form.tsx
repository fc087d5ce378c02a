import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useNavigate } from "react-router";
import { FOCUS_AREA_LABELS, FOCUS_AREAS } from "../../../shared/rules/focus-areas";
import { PHASE_LABELS, PHASES } from "../../../shared/rules/phase";
import {
  CPD_AUDIENCE_ROLE_LABELS,
  CPD_AUDIENCE_ROLES,
  CPD_KIND_LABELS,
  CPD_KINDS,
  CPD_LEADER_LABELS,
  CPD_LEADERS,
  type CpdEvent,
} from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import { Alert, Button, Select, TextField } from "../../components/ui";
import { cpdKeys } from "./cpd-api";

/** An ISO instant as the value of a datetime-local input (the browser's own time zone). */
const toLocal = (iso: string | null | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (local: string) => (local ? new Date(local).toISOString() : "");

type SessionDraft = { key: number; startsAt: string; endsAt: string; venue: string };
let nextKey = 1;

/** Ticks for a list of codes (audience, focus areas), with the field's error under the legend. */
function Ticks<T extends string>({
  legend,
  codes,
  labels,
  value,
  onChange,
  error,
}: {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className="grid gap-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-900">
        {legend} <span className="font-normal text-slate-600">(optional)</span>
      </legend>
      <div className="grid gap-1 sm:grid-cols-2">
        {codes.map((c) => (
          <label key={c} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value.includes(c)}
              onChange={() => onChange(value.includes(c) ? value.filter((x) => x !== c) : [...value, c])}
            />
            {labels[c]}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Create or change an event: what it is, who it is for, who leads it, its sessions and booking window. */
export function EventForm({ event }: { event?: CpdEvent }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [v, setV] = useState({
    title: event?.title ?? "",
    kind: event?.kind ?? "twilight",
    description: event?.description ?? "",
    capacity: String(event?.capacity ?? 30),
    price: event ? (event.pricePence / 100).toFixed(2) : "0.00",
    status: event?.status === "published" ? "published" : "draft",
    ledBy: event?.ledBy ?? "hub_staff",
    leaderName: event?.leaderName ?? "",
    bookingOpensAt: toLocal(event?.bookingOpensAt),
    bookingClosesAt: toLocal(event?.bookingClosesAt),
  });
  const [phases, setPhases] = useState(PHASES.filter((p) => (event?.phases ?? []).includes(p)));
  const [roles, setRoles] = useState(
    CPD_AUDIENCE_ROLES.filter((r) => (event?.audienceRoles ?? []).includes(r)),
  );
  const [focus, setFocus] = useState(FOCUS_AREAS.filter((f) => (event?.focusAreas ?? []).includes(f)));
  const [sessions, setSessions] = useState<SessionDraft[]>(
    event?.sessions.map((s) => ({
      key: nextKey++,
      startsAt: toLocal(s.startsAt),
      endsAt: toLocal(s.endsAt),
      venue: s.venue ?? "",
    })) ?? [{ key: 0, startsAt: "", endsAt: "", venue: "" }],
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        title: v.title,
        kind: v.kind,
        description: v.description || null,
        phases,
        audienceRoles: roles,
        focusAreas: focus,
        capacity: Number(v.capacity),
        pricePence: Math.round(Number(v.price) * 100),
        ledBy: v.ledBy,
        leaderName: v.leaderName.trim() || null,
        bookingOpensAt: v.bookingOpensAt ? fromLocal(v.bookingOpensAt) : null,
        bookingClosesAt: v.bookingClosesAt ? fromLocal(v.bookingClosesAt) : null,
        status: v.status,
        sessions: sessions.map((s) => ({
          startsAt: fromLocal(s.startsAt),
          endsAt: fromLocal(s.endsAt),
          venue: s.venue || null,
        })),
      };
      return event
        ? api.put<CpdEvent>(`/api/cpd/events/${event.id}`, body)
        : api.post<CpdEvent>("/api/cpd/events", body);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: cpdKeys.all });
      navigate(`/cpd/events/${saved.id}`);
    },
  });
  /** The first error of a field (or of any of its items, for lists). */
  const err = (path: string) =>
    isApiError(save.error)
      ? save.error.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message
      : undefined;
  return (
    <form
      className="grid max-w-2xl gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextField
        label="Title"
        value={v.title}
        onChange={(e) => setV({ ...v, title: e.target.value })}
        error={err("title")}
        limit={200}
      />
      <Select
        label="Kind"
        options={CPD_KINDS.map((k) => ({ value: k, label: CPD_KIND_LABELS[k] }))}
        value={v.kind}
        onChange={(e) => setV({ ...v, kind: e.target.value as CpdEvent["kind"] })}
        error={err("kind")}
      />
      <TextField
        label="Description"
        optional
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
        error={err("description")}
      />
      <Ticks
        legend="For schools of these phases"
        codes={PHASES}
        labels={PHASE_LABELS}
        value={phases}
        onChange={setPhases}
        error={err("phases")}
      />
      <Ticks
        legend="For these staff"
        codes={CPD_AUDIENCE_ROLES}
        labels={CPD_AUDIENCE_ROLE_LABELS}
        value={roles}
        onChange={setRoles}
        error={err("audienceRoles")}
      />
      <Ticks
        legend="Focus areas"
        codes={FOCUS_AREAS}
        labels={FOCUS_AREA_LABELS}
        value={focus}
        onChange={setFocus}
        error={err("focusAreas")}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Select
          label="Led by"
          options={CPD_LEADERS.map((l) => ({ value: l, label: CPD_LEADER_LABELS[l] }))}
          value={v.ledBy}
          onChange={(e) => setV({ ...v, ledBy: e.target.value as CpdEvent["ledBy"] })}
          error={err("ledBy")}
        />
        <TextField
          label="Leader's name"
          optional
          description="The person, Lead School or partner who leads it"
          value={v.leaderName}
          onChange={(e) => setV({ ...v, leaderName: e.target.value })}
          error={err("leaderName")}
          limit={200}
        />
      </div>
      <TextField
        label="Capacity (places)"
        inputMode="numeric"
        value={v.capacity}
        onChange={(e) => setV({ ...v, capacity: e.target.value })}
        error={err("capacity")}
      />
      <TextField
        label="Price per place (£)"
        inputMode="decimal"
        value={v.price}
        onChange={(e) => setV({ ...v, price: e.target.value })}
        error={err("pricePence")}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Booking opens"
          optional
          description="Empty: open as soon as it is published"
          type="datetime-local"
          value={v.bookingOpensAt}
          onChange={(e) => setV({ ...v, bookingOpensAt: e.target.value })}
          error={err("bookingOpensAt")}
        />
        <TextField
          label="Booking closes"
          optional
          description="Empty: open until the event starts"
          type="datetime-local"
          value={v.bookingClosesAt}
          onChange={(e) => setV({ ...v, bookingClosesAt: e.target.value })}
          error={err("bookingClosesAt")}
        />
      </div>
      <Select
        label="Status"
        options={[
          { value: "draft", label: "Draft (not in the catalogue)" },
          { value: "published", label: "Published" },
        ]}
        value={v.status}
        onChange={(e) => setV({ ...v, status: e.target.value })}
        error={err("status")}
      />
      <fieldset className="grid gap-2">
        <legend className="font-semibold">Sessions</legend>
        {err("sessions") && !sessions.some((_, i) => err(`sessions.${i}`)) ? (
          <p className="text-sm font-medium text-red-700">{err("sessions")}</p>
        ) : null}
        {sessions.map((s, i) => (
          <div key={s.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
            <TextField
              label={`Session ${i + 1} starts`}
              type="datetime-local"
              value={s.startsAt}
              error={err(`sessions.${i}.startsAt`)}
              onChange={(e) =>
                setSessions((l) => l.map((x, j) => (j === i ? { ...x, startsAt: e.target.value } : x)))
              }
            />
            <TextField
              label={`Session ${i + 1} ends`}
              type="datetime-local"
              value={s.endsAt}
              error={err(`sessions.${i}.endsAt`)}
              onChange={(e) =>
                setSessions((l) => l.map((x, j) => (j === i ? { ...x, endsAt: e.target.value } : x)))
              }
            />
            <TextField
              label={`Session ${i + 1} venue`}
              optional
              value={s.venue}
              error={err(`sessions.${i}.venue`)}
              onChange={(e) =>
                setSessions((l) => l.map((x, j) => (j === i ? { ...x, venue: e.target.value } : x)))
              }
            />
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          className="justify-self-start"
          onClick={() => setSessions((l) => [...l, { key: nextKey++, startsAt: "", endsAt: "", venue: "" }])}
        >
          Add a session
        </Button>
      </fieldset>
      {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      <Button type="submit" pending={save.isPending} className="justify-self-start">
        Save event
      </Button>
    </form>
  );
}
