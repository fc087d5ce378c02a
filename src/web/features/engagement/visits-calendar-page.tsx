import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import type { Visit } from "../../../shared/schemas/engagement";
import { errorMessage } from "../../api/client";
import { Alert, Badge, Button, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { PURPOSE_LABELS, visitsQuery } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { linkClass } from "./my-schools-page";
import { VisitsMonthGrid } from "./visits-month-grid";

const pad = (n: number) => String(n).padStart(2, "0");
const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
};
const shift = (month: string, by: number) => {
  const [y = 2026, m = 1] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};
const lastDay = (month: string) => {
  const [y = 2026, m = 1] = month.split("-").map(Number);
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};
const monthName = (month: string) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
const dayName = (date: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * /engagement/calendar — a month of visits as an agenda, day by day (reads well with a screen
 * reader), or as a month grid (`?view=grid`, keyboard operable: visits-month-grid.tsx).
 */
export function VisitsCalendarPage() {
  useDocumentTitle("Visit calendar");
  const [search, setSearch] = useSearchParams();
  const raw = search.get("month");
  const month = raw && /^\d{4}-\d{2}$/.test(raw) ? raw : thisMonth();
  const visits = useQuery(visitsQuery({ from: `${month}-01`, to: lastDay(month), page: 1, pageSize: 200 }));
  const byDay = new Map<string, Visit[]>();
  for (const v of [...(visits.data?.items ?? [])].sort(
    (a, b) => a.date.localeCompare(b.date) || (a.time ?? "").localeCompare(b.time ?? ""),
  ))
    byDay.set(v.date, [...(byDay.get(v.date) ?? []), v]);
  const grid = search.get("view") === "grid";
  const rawDay = search.get("day");
  const day =
    rawDay && /^\d{4}-\d{2}-\d{2}$/.test(rawDay) && rawDay.startsWith(month)
      ? rawDay
      : today().startsWith(month)
        ? today()
        : `${month}-01`;
  const go = (m: string) => setSearch(grid ? { view: "grid", month: m } : { month: m });
  const selectDay = (d: string) =>
    setSearch({ view: "grid", month: d.slice(0, 7), day: d }, { replace: true });
  return (
    <div>
      <PageHeader
        title="Visit calendar"
        description={
          grid ? "The month's visits, week by week." : "Each day of the month that has visits, in order."
        }
      />
      <EngagementTabs />
      <div className="mb-4 flex gap-2">
        <Button
          variant={grid ? "secondary" : "primary"}
          aria-pressed={!grid}
          onClick={() => setSearch({ month })}
        >
          Agenda
        </Button>
        <Button
          variant={grid ? "primary" : "secondary"}
          aria-pressed={grid}
          onClick={() => setSearch({ view: "grid", month })}
        >
          Month grid
        </Button>
      </div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => go(shift(month, -1))}>
          Previous month
        </Button>
        <h2 className="text-lg font-semibold text-slate-900" aria-live="polite">
          {monthName(month)}
        </h2>
        <Button variant="secondary" onClick={() => go(shift(month, 1))}>
          Next month
        </Button>
      </div>
      {visits.isPending ? <Loading label="Loading the visits…" /> : null}
      {visits.isError ? <Alert tone="error">{errorMessage(visits.error)}</Alert> : null}
      {grid ? <VisitsMonthGrid month={month} byDay={byDay} selected={day} onSelect={selectDay} /> : null}
      {!grid && visits.data && byDay.size === 0 ? (
        <p className="text-sm text-slate-700">No visits this month.</p>
      ) : null}
      <ol className={grid ? "hidden" : "space-y-4"}>
        {[...byDay].map(([day, list]) => (
          <li key={day}>
            <h3 className="mb-1 font-semibold text-slate-900">{dayName(day)}</h3>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {list.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center gap-x-3 p-3 text-sm">
                  <span className="w-14 text-slate-700">{v.time ?? "All day"}</span>
                  <Link to={`/engagement/visits/${v.id}`} className={linkClass}>
                    {v.schoolName}
                  </Link>
                  <span>{PURPOSE_LABELS[v.purpose]}</span>
                  {v.status === "cancelled" ? <Badge tone="neutral">Cancelled</Badge> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
