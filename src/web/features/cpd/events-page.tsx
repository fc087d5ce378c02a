import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { CPD_KIND_LABELS, type CpdEvent, type CpdFeedbackSummary } from "../../../shared/schemas/cpd";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
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
  Table,
} from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { CancelEvent } from "./cancel-event-dialog";
import { BOOKING_STATUS_LABELS, bookingsQuery, eventQuery, eventsQuery, formatPence } from "./cpd-api";
import { EventForm } from "./event-form";

const link = cx("font-medium text-blue-800 underline", focusRing);

/** /cpd/events — the hub's events, drafts included. */
export function EventsPage() {
  useDocumentTitle("CPD events");
  const list = useQuery(eventsQuery({ pageSize: 200 }));
  const admin = currentRole(useMe().data) === "hub_admin";
  return (
    <div>
      <PageHeader
        title="CPD events"
        description="Events and their sessions, capacity, price and status."
        actions={
          <>
            <ButtonLink to="/cpd/bookings">Bookings</ButtonLink>
            <ButtonLink to="/cpd/claims">Supply-cover claims</ButtonLink>
            <ButtonLink to="/cpd/reach">Reach</ButtonLink>
            {admin ? <ButtonLink to="/cpd/settings">Settings</ButtonLink> : null}
            <ButtonLink to="/cpd/events/new" variant="primary">
              New event
            </ButtonLink>
          </>
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
              cell: (e) => (
                <Badge
                  tone={e.status === "published" ? "green" : e.status === "cancelled" ? "red" : "neutral"}
                >
                  {e.status}
                </Badge>
              ),
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

/** /cpd/events/:id — edit the event or cancel it; its bookings, register and feedback. */
export function EventPage() {
  const id = useParams().id ?? "";
  const event = useQuery(eventQuery(id));
  const bookings = useQuery(bookingsQuery(id));
  const [done, setDone] = useState<string | null>(null);
  const links = useMutation({
    mutationFn: () => api.post<{ sent: number }>(`/api/cpd/events/${id}/feedback-links`),
    onSuccess: ({ sent }) =>
      setDone(
        sent === 0
          ? "Everyone booked has been sent their feedback link already."
          : `Feedback links sent: each person on ${sent} ${sent === 1 ? "booking" : "bookings"} has their own.`,
      ),
  });
  useDocumentTitle(event.data?.title ?? "CPD event");
  if (event.isPending) return <Loading label="Loading the event…" />;
  if (event.isError) return <Alert tone="error">{errorMessage(event.error)}</Alert>;
  const e = event.data;
  const cancelled = e.status === "cancelled";
  const started = Date.parse(e.startsAt) <= Date.now();
  return (
    <div>
      <PageHeader
        title={e.title}
        description={
          cancelled
            ? "This event has been cancelled."
            : `${e.booked} of ${e.capacity} places booked, ${e.waitlisted} waiting`
        }
        actions={
          <>
            <ButtonLink to={`/cpd/events/${id}/register`}>Register</ButtonLink>
            <ButtonLink to={`/cpd/bookings?event=${id}`}>Bookings and feedback</ButtonLink>
            {cancelled ? null : <ButtonLink to={`/cpd/book/${e.ref}`}>Book for a school</ButtonLink>}
            {cancelled || started ? null : <CancelEvent event={e} onDone={setDone} />}
            {started && e.status === "published" ? (
              <Button variant="secondary" pending={links.isPending} onClick={() => links.mutate()}>
                Send feedback links
              </Button>
            ) : null}
          </>
        }
      />
      {done ? (
        <div className="mb-4">
          <Alert tone="success">{done}</Alert>
        </div>
      ) : null}
      {links.isError ? (
        <div className="mb-4">
          <Alert tone="error">{errorMessage(links.error)}</Alert>
        </div>
      ) : null}
      {cancelled ? (
        <p className="mb-4">
          <Badge tone="red">Cancelled</Badge> Its bookings were cancelled without charge and everyone booked
          was e-mailed. A cancelled event cannot be changed or booked.
        </p>
      ) : (
        <EventForm event={e} />
      )}
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
