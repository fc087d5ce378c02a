import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { CpdBooking } from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Loading,
  PageHeader,
  Select,
  TextField,
} from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { BOOKING_STATUS_LABELS, bookingsQuery, cpdKeys, formatPence } from "./cpd-api";

const SCALE = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

function FeedbackForm({ booking }: { booking: CpdBooking }) {
  const [placeId, setPlaceId] = useState(booking.places[0]?.id ?? "");
  const [values, setValues] = useState({
    usefulness: "",
    confidenceBefore: "",
    confidenceAfter: "",
    comments: "",
  });
  const send = useMutation({
    mutationFn: () =>
      api.post(`/api/cpd/events/${booking.eventId}/feedback`, {
        placeId,
        usefulness: Number(values.usefulness),
        confidenceBefore: Number(values.confidenceBefore),
        confidenceAfter: Number(values.confidenceAfter),
        comments: values.comments || null,
      }),
  });
  const err = (path: string) =>
    isApiError(send.error) ? send.error.fields.find((f) => f.path === path)?.message : undefined;
  if (send.isSuccess) return <Alert tone="success">Thank you: the feedback is saved.</Alert>;
  return (
    <form
      className="mt-3 grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h3 className="font-semibold sm:col-span-2">Feedback on {booking.eventTitle}</h3>
      <Select
        label="Who is giving feedback"
        options={booking.places.map((p) => ({ value: p.id, label: p.name }))}
        value={placeId}
        onChange={(e) => setPlaceId(e.target.value)}
      />
      <Select
        label="How useful was it (1 to 5)"
        placeholder="Choose"
        options={SCALE}
        value={values.usefulness}
        onChange={(e) => setValues({ ...values, usefulness: e.target.value })}
        error={err("usefulness")}
      />
      <Select
        label="Confidence before (1 to 5)"
        placeholder="Choose"
        options={SCALE}
        value={values.confidenceBefore}
        onChange={(e) => setValues({ ...values, confidenceBefore: e.target.value })}
        error={err("confidenceBefore")}
      />
      <Select
        label="Confidence after (1 to 5)"
        placeholder="Choose"
        options={SCALE}
        value={values.confidenceAfter}
        onChange={(e) => setValues({ ...values, confidenceAfter: e.target.value })}
        error={err("confidenceAfter")}
      />
      <TextField
        label="Comments"
        optional
        className="sm:col-span-2"
        value={values.comments}
        onChange={(e) => setValues({ ...values, comments: e.target.value })}
      />
      {send.isError ? <Alert tone="error">{errorMessage(send.error)}</Alert> : null}
      <Button type="submit" pending={send.isPending} className="justify-self-start">
        Send feedback
      </Button>
    </form>
  );
}

function BookingCard({ booking }: { booking: CpdBooking }) {
  const client = useQueryClient();
  const [feedback, setFeedback] = useState(false);
  const cancel = useMutation({
    mutationFn: () => api.delete(`/api/cpd/bookings/${booking.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: cpdKeys.all }),
  });
  const past = Date.parse(booking.eventStartsAt) <= Date.now();
  const live = booking.status === "booked" || booking.status === "waitlisted";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">{booking.eventTitle}</h2>
      <p className="text-sm text-slate-700">
        {formatDateTime(booking.eventStartsAt)} · {booking.schoolName} ·{" "}
        <Badge
          tone={booking.status === "booked" ? "green" : booking.status === "waitlisted" ? "amber" : "neutral"}
        >
          {BOOKING_STATUS_LABELS[booking.status]}
        </Badge>
      </p>
      <p className="mt-1 text-sm">
        {booking.places
          .map((p) => `${p.name} (${p.free ? "free place" : formatPence(p.pricePence)})`)
          .join(", ")}{" "}
        · Total {formatPence(booking.totalPence)}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {live && !past ? (
          <Button
            variant="danger"
            size="sm"
            pending={cancel.isPending}
            onClick={() => {
              if (window.confirm(`Cancel the booking for ${booking.eventTitle}?`)) cancel.mutate();
            }}
          >
            Cancel booking for {booking.eventTitle}
          </Button>
        ) : null}
        {booking.status === "booked" && past ? (
          <Button size="sm" variant="secondary" onClick={() => setFeedback((v) => !v)}>
            Give feedback on {booking.eventTitle}
          </Button>
        ) : null}
      </div>
      {cancel.isError ? <Alert tone="error">{errorMessage(cancel.error)}</Alert> : null}
      {feedback ? <FeedbackForm booking={booking} /> : null}
    </li>
  );
}

/** /cpd/bookings — a school's own bookings (all of the hub's for hub users): cancel, give feedback. */
export function BookingsPage() {
  useDocumentTitle("CPD bookings");
  // Hub users come here for one event (?event=…) from its page; schools see all of theirs.
  const eventId = useSearchParams()[0].get("event") ?? undefined;
  const list = useQuery(bookingsQuery(eventId));
  const shown = list.data?.items.slice(0, 200) ?? [];
  return (
    <div>
      <PageHeader
        title="CPD bookings"
        description="Cancel before the cut-off; after it the places are still charged."
      />
      {list.isPending ? <Loading label="Loading bookings…" /> : null}
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.data?.items.length === 0 ? <EmptyState title="No bookings yet" /> : null}
      <ul className="grid gap-3">
        {shown.map((b) => (
          <BookingCard key={b.id} booking={b} />
        ))}
      </ul>
      {list.data && list.data.items.length > shown.length ? (
        <p className="mt-3 text-sm">
          The first {shown.length} of {list.data.items.length} bookings are shown: open an event to see its
          own.
        </p>
      ) : null}
    </div>
  );
}
