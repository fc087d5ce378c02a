import { type KeyboardEvent, useEffect, useRef } from "react";
import { Link } from "react-router";
import { dayAfterKey, monthWeeks } from "../../../shared/rules/month-grid";
import type { Visit } from "../../../shared/schemas/engagement";
import { Badge, cx, focusRing } from "../../components/ui";
import { PURPOSE_LABELS } from "./engagement-api";
import { linkClass } from "./my-schools-page";

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

const dayLabel = (date: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(utc(date));

const monthTitle = (month: string) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    utc(`${month}-01`),
  );

const countText = (n: number) => (n === 0 ? "no visits" : n === 1 ? "1 visit" : `${n} visits`);

/**
 * A month of visits as a table of weeks (Monday first; a screen reader announces each day's
 * weekday column), each day a button named "Tuesday 3 March, 2 visits". Like a date picker, one
 * day is in the Tab order; the arrow keys move a day or a week, Home/End to the week's ends, Page
 * Up/Down a month (crossing into the next or previous month); Enter or Space (or a click) shows the
 * day's visits below the table, with a link to each.
 */
export function VisitsMonthGrid({
  month,
  byDay,
  selected,
  onSelect,
}: {
  month: string;
  byDay: ReadonlyMap<string, Visit[]>;
  selected: string;
  onSelect: (day: string) => void;
}) {
  const grid = useRef<HTMLTableSectionElement>(null);
  const dayPanel = useRef<HTMLHeadingElement>(null);
  const keyed = useRef(false);
  useEffect(() => {
    if (!keyed.current) return;
    keyed.current = false;
    grid.current?.querySelector<HTMLElement>(`[data-day="${selected}"]`)?.focus();
  });
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect(event.currentTarget.dataset.day ?? selected);
      dayPanel.current?.focus();
      return;
    }
    const next = dayAfterKey(selected, event.key);
    if (!next) return;
    event.preventDefault();
    keyed.current = true;
    onSelect(next);
  };
  const visits = byDay.get(selected) ?? [];
  return (
    <div>
      <p id="month-grid-help" className="mb-2 text-sm text-slate-700">
        Use the arrow keys to move between days, Page Up and Page Down to change month, and Enter to see the
        day's visits.
      </p>
      <table className="w-full table-fixed border-collapse bg-white text-sm">
        <caption className="sr-only">Visits in {monthTitle(month)}, a week a row, Monday first</caption>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col" className="border border-slate-200 p-1 text-slate-700">
                <abbr title={long} className="no-underline">
                  {short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={grid}>
          {monthWeeks(month).map((week) => (
            <tr key={week.find(Boolean) ?? "empty"}>
              {week.map((day, i) => {
                const column = WEEKDAYS[i]?.[0] ?? "";
                if (!day) return <td key={column} className="border border-slate-200 bg-slate-50" />;
                const list = byDay.get(day) ?? [];
                const isSelected = day === selected;
                return (
                  <td key={column} className="h-20 border border-slate-200 p-0 align-top">
                    <button
                      type="button"
                      data-day={day}
                      tabIndex={isSelected ? 0 : -1}
                      aria-pressed={isSelected}
                      aria-label={`${dayLabel(day)}, ${countText(list.length)}`}
                      aria-describedby="month-grid-help"
                      onClick={() => onSelect(day)}
                      onKeyDown={onKeyDown}
                      className={cx(
                        "block h-full min-h-20 w-full p-1 text-left align-top",
                        isSelected ? "bg-blue-50 ring-2 ring-blue-800 ring-inset" : "hover:bg-slate-50",
                        focusRing,
                      )}
                    >
                      <span className="font-semibold text-slate-900">{Number(day.slice(8))}</span>
                      <span className="mt-1 block space-y-0.5">
                        {list.slice(0, 3).map((v) => (
                          <span
                            key={v.id}
                            className={cx("block truncate", v.status === "cancelled" && "line-through")}
                          >
                            {v.time ? `${v.time} ` : ""}
                            {v.schoolName}
                          </span>
                        ))}
                        {list.length > 3 ? (
                          <span className="block text-slate-700">and {list.length - 3} more</span>
                        ) : null}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="month-grid-day" className="mt-4">
        <h3
          id="month-grid-day"
          ref={dayPanel}
          tabIndex={-1}
          className={cx("mb-1 font-semibold text-slate-900", focusRing)}
        >
          {dayLabel(selected)}: {countText(visits.length)}
        </h3>
        {visits.length ? (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {visits.map((v) => (
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
        ) : null}
      </section>
    </div>
  );
}
