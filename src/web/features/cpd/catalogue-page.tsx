import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { FOCUS_AREA_LABELS, FOCUS_AREAS, type FocusArea } from "../../../shared/rules/focus-areas";
import { PHASE_LABELS, PHASES, type Phase } from "../../../shared/rules/phase";
import { CPD_KIND_LABELS, CPD_KINDS, type PublicCpdEvent } from "../../../shared/schemas/cpd";
import { errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  cx,
  EmptyState,
  FilterSelect,
  focusRing,
  Loading,
  Pagination,
} from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { catalogueQuery, formatPence, publicEventQuery } from "./cpd-api";

const PAGE_SIZE = 20;
const link = cx("font-medium text-blue-800 underline", focusRing);

function Places({ e }: { e: PublicCpdEvent }) {
  if (e.remaining === 0) return <Badge tone="amber">Full: waiting list</Badge>;
  return <Badge tone="green">{e.remaining} places left</Badge>;
}

function EventSummary({ e, slug }: { e: PublicCpdEvent; slug: string }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">
        <Link to={`/cpd/catalogue/${slug}/${e.ref}`} className={link}>
          {e.title}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {CPD_KIND_LABELS[e.kind]} · {formatDateTime(e.startsAt)}
        {e.sessions[0]?.venue ? ` · ${e.sessions[0].venue}` : ""} ·{" "}
        {e.pricePence === 0 ? "Free" : `${formatPence(e.pricePence)} a place`}
      </p>
      <p className="mt-2 flex flex-wrap gap-2 text-sm">
        <Places e={e} />
        {e.focusAreas.map((f) => (
          <Badge key={f} tone="neutral">
            {FOCUS_AREA_LABELS[f as FocusArea] ?? f}
          </Badge>
        ))}
      </p>
    </li>
  );
}

/** /cpd/catalogue/:slug — the hub's public CPD catalogue (no sign-in needed). */
export function CataloguePage() {
  const slug = useParams().slug ?? "";
  useDocumentTitle("CPD catalogue");
  const [filters, setFilters] = useState<{ month?: string; kind?: string; phase?: string; focus?: string }>(
    {},
  );
  const [page, setPage] = useState(1);
  const list = useQuery(catalogueQuery(slug, { ...filters, page, pageSize: PAGE_SIZE }));
  const set = (key: keyof typeof filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value || undefined }));
    setPage(1);
  };
  return (
    <main className="mx-auto max-w-4xl p-4">
      <h1 className="text-2xl font-bold text-slate-900">
        {list.data ? `${list.data.hub.name}: CPD for school staff` : "CPD for school staff"}
      </h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <a className={link} href={`/api/public/hubs/${slug}/cpd.ics`}>
          Subscribe to the calendar (.ics)
        </a>
        <a className={link} href={`/api/public/hubs/${slug}/cpd/term.pdf`}>
          This term's CPD as a printable PDF
        </a>
      </p>
      <div className="my-4 grid gap-3 sm:grid-cols-4">
        <label className="text-sm font-medium text-slate-800">
          Month
          <input
            type="month"
            className={cx("mt-1 block w-full rounded-md border border-slate-400 px-2 py-1.5", focusRing)}
            value={filters.month ?? ""}
            onChange={(e) => set("month")(e.target.value)}
          />
        </label>
        <FilterSelect
          label="Kind"
          placeholder="Any kind"
          options={CPD_KINDS.map((k) => ({ value: k, label: CPD_KIND_LABELS[k] }))}
          value={filters.kind}
          onChange={set("kind")}
        />
        <FilterSelect
          label="Phase"
          placeholder="Any phase"
          options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
          value={filters.phase}
          onChange={set("phase")}
        />
        <FilterSelect
          label="Focus area"
          placeholder="Any focus area"
          options={FOCUS_AREAS.map((f) => ({ value: f, label: FOCUS_AREA_LABELS[f] }))}
          value={filters.focus}
          onChange={set("focus")}
        />
      </div>
      {list.isPending ? <Loading label="Loading the catalogue…" /> : null}
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <EmptyState title="No CPD matches these filters" />
        ) : (
          <>
            <ul className="grid gap-3">
              {list.data.items.map((e) => (
                <EventSummary key={e.ref} e={e} slug={slug} />
              ))}
            </ul>
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              onPageChange={setPage}
              noun="events"
            />
          </>
        )
      ) : null}
    </main>
  );
}

/** /cpd/catalogue/:slug/:ref — one event, its sessions, its .ics, and the way to book. */
export function PublicEventPage() {
  const { slug = "", ref = "" } = useParams();
  const event = useQuery(publicEventQuery(slug, ref));
  useDocumentTitle(event.data?.title ?? "CPD event");
  if (event.isPending) return <Loading label="Loading the event…" />;
  if (event.isError) return <Alert tone="error">{errorMessage(event.error)}</Alert>;
  const e = event.data;
  return (
    <main className="mx-auto max-w-3xl p-4">
      <p className="text-sm">
        <Link to={`/cpd/catalogue/${slug}`} className={link}>
          All CPD
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{e.title}</h1>
      <p className="mt-1 text-slate-700">
        {CPD_KIND_LABELS[e.kind]} · {e.pricePence === 0 ? "Free" : `${formatPence(e.pricePence)} a place`}{" "}
        (Lead Schools: first place free)
      </p>
      {e.description ? <p className="mt-3 whitespace-pre-line">{e.description}</p> : null}
      <h2 className="mt-4 text-lg font-semibold">Sessions</h2>
      <ul className="mt-1 list-disc pl-6">
        {e.sessions.map((s) => (
          <li key={s.startsAt}>
            {formatDateTime(s.startsAt)} to {formatDateTime(s.endsAt)}
            {s.venue ? `, ${s.venue}` : ""}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        Phases: {e.phases.length ? e.phases.map((p) => PHASE_LABELS[p as Phase] ?? p).join(", ") : "all"}
      </p>
      <p className="mt-3 flex flex-wrap items-center gap-4">
        <Places e={e} />
        <a className={link} href={e.icsUrl}>
          Add to your calendar (.ics)
        </a>
        {e.bookingOpen ? (
          <Link
            to={`/cpd/book/${e.ref}`}
            className={cx("rounded-md bg-blue-800 px-4 py-2 text-white", focusRing)}
          >
            Book a place
          </Link>
        ) : (
          <span>Booking is not open.</span>
        )}
      </p>
    </main>
  );
}
