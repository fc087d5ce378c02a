import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { CpdBookingCreated, CpdEvent, CpdQuote } from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, Button, cx, focusRing, Loading, PageHeader, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useUrnOfSchool } from "../schools/school-profile-page";
import { cpdKeys, eventsQuery, formatPence } from "./cpd-api";

type Person = { key: number; name: string; email: string };
let nextKey = 1;
const link = cx("font-medium text-blue-800 underline", focusRing);

/** /cpd/book/:ref — book named staff on an event; the price (Lead School free place) is shown first. */
export function BookPage() {
  const ref = useParams().ref ?? "";
  const events = useQuery(eventsQuery({ ref }));
  const event = events.data?.items[0];
  useDocumentTitle(event ? `Book: ${event.title}` : "Book CPD");
  if (events.isPending) return <Loading label="Loading the event…" />;
  if (events.isError) return <Alert tone="error">{errorMessage(events.error)}</Alert>;
  if (!event) return <Alert tone="error">This event was not found.</Alert>;
  return <BookingForm event={event} />;
}

function BookingForm({ event }: { event: CpdEvent }) {
  const me = useMe();
  const role = currentRole(me.data);
  const ownUrn = useUrnOfSchool(role === "school_user" ? me.data?.currentHub?.schoolId : null);
  const [urn, setUrn] = useState("");
  const [people, setPeople] = useState<Person[]>([{ key: 0, name: "", email: "" }]);
  const [quote, setQuote] = useState<CpdQuote | null>(null);
  const [full, setFull] = useState<string | null>(null);
  const client = useQueryClient();
  useEffect(() => {
    if (ownUrn.data) setUrn(String(ownUrn.data));
  }, [ownUrn.data]);
  const urnNumber = Number(urn);
  useEffect(() => {
    if (!Number.isInteger(urnNumber) || urnNumber <= 0) return setQuote(null);
    let live = true;
    api
      .post<CpdQuote>(`/api/cpd/events/${event.id}/quote`, { urn: urnNumber, places: people.length })
      .then((q) => live && setQuote(q))
      .catch(() => live && setQuote(null));
    return () => {
      live = false;
    };
  }, [event.id, urnNumber, people.length]);
  const book = useMutation({
    mutationFn: (waitlist: boolean) =>
      api.post<CpdBookingCreated>(`/api/cpd/events/${event.id}/bookings`, {
        urn: urnNumber,
        attendees: people.map(({ name, email }) => ({ name, email })),
        ...(waitlist ? { waitlist: true } : {}),
      }),
    onSuccess: () => {
      setFull(null);
      void client.invalidateQueries({ queryKey: cpdKeys.all });
    },
    onError: (error) => setFull(isApiError(error) && error.code === "full" ? error.message : null),
  });
  const fieldError = (path: string) =>
    isApiError(book.error) ? book.error.fields.find((f) => f.path === path)?.message : undefined;
  if (book.data)
    return (
      <div>
        <PageHeader title={book.data.status === "booked" ? "Booking confirmed" : "On the waiting list"} />
        <Alert tone="success">
          {book.data.status === "booked"
            ? `Places booked for ${book.data.places.map((p) => p.name).join(", ")}. A confirmation with the calendar invitation is on its way by e-mail.`
            : "The event is full: your booking is on the waiting list. You will be e-mailed as soon as a place is yours."}
        </Alert>
        <p className="mt-3">
          Total: {formatPence(book.data.totalPence)}.{" "}
          <Link to="/cpd/bookings" className={link}>
            See your bookings
          </Link>
        </p>
      </div>
    );
  const update = (i: number, key: "name" | "email", value: string) =>
    setPeople((list) => list.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  return (
    <div>
      <PageHeader
        title={`Book: ${event.title}`}
        description={`${formatDateTime(event.startsAt)} · ${event.remaining} of ${event.capacity} places left`}
      />
      <form
        className="grid max-w-2xl gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          book.mutate(false);
        }}
      >
        {role === "school_user" ? (
          <p>For your school (URN {urn || "…"}).</p>
        ) : (
          <TextField
            label="School URN"
            inputMode="numeric"
            value={urn}
            onChange={(e) => setUrn(e.target.value)}
            error={fieldError("urn")}
          />
        )}
        <fieldset className="grid gap-3">
          <legend className="mb-1 font-semibold">Who is coming</legend>
          {people.map((p, i) => (
            <div
              key={p.key}
              className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_auto]"
            >
              <TextField
                label={`Name of person ${i + 1}`}
                value={p.name}
                onChange={(e) => update(i, "name", e.target.value)}
                error={fieldError(`attendees.${i}.name`)}
                autoComplete="off"
              />
              <TextField
                label={`E-mail of person ${i + 1}`}
                type="email"
                value={p.email}
                onChange={(e) => update(i, "email", e.target.value)}
                error={fieldError(`attendees.${i}.email`)}
                autoComplete="off"
              />
              {people.length > 1 ? (
                <Button
                  type="button"
                  variant="ghost"
                  className="self-end"
                  onClick={() => setPeople((list) => list.filter((_, j) => j !== i))}
                >
                  Remove person {i + 1}
                </Button>
              ) : null}
            </div>
          ))}
          <Button
            type="button"
            variant="secondary"
            className="justify-self-start"
            onClick={() => setPeople((list) => [...list, { key: nextKey++, name: "", email: "" }])}
          >
            Add another person
          </Button>
        </fieldset>
        <section aria-live="polite" className="rounded-md bg-slate-100 p-3">
          <h2 className="font-semibold">What it costs</h2>
          <p>{quote ? quote.explanation : "Enter the school to see the price."}</p>
        </section>
        {full ? (
          <Alert tone="warning" title="Not enough places">
            <p>{full}</p>
            <Button type="button" className="mt-2" onClick={() => book.mutate(true)} pending={book.isPending}>
              Join the waiting list
            </Button>
          </Alert>
        ) : book.isError ? (
          <Alert tone="error">{errorMessage(book.error)}</Alert>
        ) : null}
        <Button type="submit" className="justify-self-start" pending={book.isPending}>
          Confirm booking
        </Button>
      </form>
    </div>
  );
}
