import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  CPD_KIND_LABELS,
  CPD_KINDS,
  type CpdEvent,
  type CpdFeedbackSummary,
} from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  cx,
  EmptyState,
  focusRing,
  Loading,
  PageHeader,
  Select,
  Table,
  TextField,
} from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import {
  BOOKING_STATUS_LABELS,
  bookingsQuery,
  cpdKeys,
  eventQuery,
  eventsQuery,
  formatPence,
} from "./cpd-api";

const link = cx("font-medium text-blue-800 underline", focusRing);

/** /cpd/events — the hub's events, drafts included. */
export function EventsPage() {
  useDocumentTitle("CPD events");
  const list = useQuery(eventsQuery({ pageSize: 200 }));
  return (
    <div>
      <PageHeader
        title="CPD events"
        description="Events and their sessions, capacity, price and status."
        actions={
          <ButtonLink to="/cpd/events/new" variant="primary">
            New event
          </ButtonLink>
        }
      />
      {list.isPending ? <Loading label="Loading events…" /> : null}
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.data?.items.length === 0 ? <EmptyState title="No events yet" /> : null}
      {list.data?.items.length ? (
        <Table<CpdEvent>
          caption="CPD events"
          rows={list.data.items}
          rowKey={(e) => e.id}
          columns={[
            {
              key: "title",
              header: "Event",
              rowHeader: true,
              cell: (e) => (
                <Link to={`/cpd/events/${e.id}`} className={link}>
                  {e.title}
                </Link>
              ),
            },
            { key: "when", header: "Starts", cell: (e) => formatDateTime(e.startsAt) },
            { key: "kind", header: "Kind", cell: (e) => CPD_KIND_LABELS[e.kind] },
            {
              key: "status",
              header: "Status",
              cell: (e) => <Badge tone={e.status === "published" ? "green" : "neutral"}>{e.status}</Badge>,
            },
            {
              key: "places",
              header: "Booked",
              cell: (e) => `${e.booked} of ${e.capacity} (${e.waitlisted} waiting)`,
            },
          ]}
        />
      ) : null}
    </div>
  );
}

const toLocal = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
type SessionDraft = { key: number; startsAt: string; endsAt: string; venue: string };
let nextKey = 1;

function EventForm({ event }: { event?: CpdEvent }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [v, setV] = useState({
    title: event?.title ?? "",
    kind: event?.kind ?? "twilight",
    description: event?.description ?? "",
    capacity: String(event?.capacity ?? 30),
    price: event ? (event.pricePence / 100).toFixed(2) : "0.00",
    status: event?.status === "published" ? "published" : "draft",
  });
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
        capacity: Number(v.capacity),
        pricePence: Math.round(Number(v.price) * 100),
        status: v.status,
        sessions: sessions.map((s) => ({
          startsAt: s.startsAt ? new Date(s.startsAt).toISOString() : "",
          endsAt: s.endsAt ? new Date(s.endsAt).toISOString() : "",
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
  const err = (path: string) =>
    isApiError(save.error) ? save.error.fields.find((f) => f.path === path)?.message : undefined;
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
      />
      <TextField
        label="Description"
        optional
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
      />
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
      <Select
        label="Status"
        options={[
          { value: "draft", label: "Draft (not in the catalogue)" },
          { value: "published", label: "Published" },
        ]}
        value={v.status}
        onChange={(e) => setV({ ...v, status: e.target.value })}
      />
      <fieldset className="grid gap-2">
        <legend className="font-semibold">Sessions</legend>
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

/** /cpd/events/new */
export function NewEventPage() {
  useDocumentTitle("New CPD event");
  return (
    <div>
      <PageHeader title="New CPD event" />
      <EventForm />
    </div>
  );
}

function Feedback({ id }: { id: string }) {
  const q = useQuery({
    queryKey: ["cpd", "feedback", id],
    queryFn: ({ signal }) => api.get<CpdFeedbackSummary>(`/api/cpd/events/${id}/feedback`, undefined, signal),
  });
  if (!q.data) return null;
  return (
    <section className="mt-6">
      <h2 className="text-lg font-semibold">Feedback</h2>
      <p>
        {q.data.responses} responses from {q.data.attended} who attended. Usefulness{" "}
        {q.data.usefulnessAverage ?? "—"} of 5; confidence {q.data.confidenceBeforeAverage ?? "—"} before,{" "}
        {q.data.confidenceAfterAverage ?? "—"} after.
      </p>
    </section>
  );
}

/** /cpd/events/:id — edit the event; its bookings, register and feedback. */
export function EventPage() {
  const id = useParams().id ?? "";
  const event = useQuery(eventQuery(id));
  const bookings = useQuery(bookingsQuery(id));
  useDocumentTitle(event.data?.title ?? "CPD event");
  if (event.isPending) return <Loading label="Loading the event…" />;
  if (event.isError) return <Alert tone="error">{errorMessage(event.error)}</Alert>;
  const e = event.data;
  return (
    <div>
      <PageHeader
        title={e.title}
        description={`${e.booked} of ${e.capacity} places booked, ${e.waitlisted} waiting`}
        actions={
          <>
            <ButtonLink to={`/cpd/events/${id}/register`}>Register</ButtonLink>
            <ButtonLink to={`/cpd/bookings?event=${id}`}>Bookings and feedback</ButtonLink>
            <ButtonLink to={`/cpd/book/${e.ref}`}>Book for a school</ButtonLink>
          </>
        }
      />
      <EventForm event={e} />
      <section className="mt-6">
        <h2 className="text-lg font-semibold">Bookings</h2>
        {bookings.data?.items.length ? (
          <ul className="mt-2 grid gap-2">
            {bookings.data.items.map((b) => (
              <li key={b.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <strong>{b.schoolName}</strong> ({b.urn}) · {BOOKING_STATUS_LABELS[b.status]} ·{" "}
                {b.places.map((p) => p.name).join(", ")} · {formatPence(b.totalPence)}
              </li>
            ))}
          </ul>
        ) : (
          <p>No bookings yet.</p>
        )}
      </section>
      <Feedback id={id} />
    </div>
  );
}
