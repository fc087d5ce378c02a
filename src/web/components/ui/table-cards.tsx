import type { ReactNode } from "react";
import type { Column } from "./table";

/** Where a column goes on a phone's card. */
export type CardPlace = "title" | "field" | "actions" | "hidden";

/** The default: the row header is the title, "actions" the actions, the next three the fields. */
export const cardPlaces = <T,>(columns: ReadonlyArray<Column<T>>): CardPlace[] => {
  let fields = 0;
  return columns.map((c) => {
    if (c.card) return c.card;
    if (c.rowHeader) return "title";
    if (c.key === "actions") return "actions";
    fields += 1;
    return fields <= 3 ? "field" : "hidden";
  });
};

const headerText = <T,>(column: Column<T>): ReactNode => column.cardLabel ?? column.header;

/** A list as stacked cards on a phone: the name, two or three key fields, and the row's actions. */
export function TableCards<T>({
  caption,
  columns,
  rows,
  rowKey,
  busy,
}: {
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rows: ReadonlyArray<T>;
  rowKey: (row: T) => string;
  busy?: boolean | undefined;
}) {
  const places = cardPlaces(columns);
  const of = (place: CardPlace) => columns.filter((_, i) => places[i] === place);
  const [title] = of("title");
  const fields = of("field");
  const actions = of("actions");
  return (
    <ul
      aria-label={caption}
      aria-busy={busy || undefined}
      className={busy ? "space-y-2 opacity-60" : "space-y-2"}
    >
      {rows.map((row) => (
        <li key={rowKey(row)} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0 font-medium break-words text-slate-900">
              {title ? title.cell(row) : null}
            </div>
            {actions.length ? (
              <div className="flex shrink-0 flex-wrap items-center gap-2">
                {actions.map((c) => (
                  <div key={c.key}>{c.cell(row)}</div>
                ))}
              </div>
            ) : null}
          </div>
          {fields.length ? (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              {fields.map((c) => (
                <div key={c.key} className="contents">
                  <dt className="text-slate-700">{headerText(c)}</dt>
                  <dd className="min-w-0 break-words text-slate-900">{c.cell(row)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
