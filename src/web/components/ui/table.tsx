import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cx, focusRing } from "./cx";

export type SortDirection = "asc" | "desc";
export interface SortState {
  key: string;
  direction: SortDirection;
}

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The header becomes a sort button; the caller sorts (usually on the server). */
  sortable?: boolean;
  /** The row's header cell (th scope="row"), usually the name column. */
  rowHeader?: boolean;
  className?: string;
}

export interface TableProps<T> {
  /** Read by screen readers; shown when `showCaption`. */
  caption: string;
  showCaption?: boolean;
  columns: ReadonlyArray<Column<T>>;
  rows: ReadonlyArray<T>;
  rowKey: (row: T) => string;
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  /** Dims the rows while the next page loads. */
  busy?: boolean;
}

const ariaSort = (sort: SortState | null | undefined, key: string): "ascending" | "descending" | "none" =>
  sort?.key === key ? (sort.direction === "asc" ? "ascending" : "descending") : "none";

export function Table<T>({
  caption,
  showCaption,
  columns,
  rows,
  rowKey,
  sort,
  onSortChange,
  busy,
}: TableProps<T>) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table
        className={cx("min-w-full divide-y divide-slate-200 text-sm", busy && "opacity-60")}
        aria-busy={busy || undefined}
      >
        <caption className={showCaption ? "px-4 py-2 text-left font-medium text-slate-900" : "sr-only"}>
          {caption}
        </caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => {
              const sortable = Boolean(column.sortable && onSortChange);
              const state = ariaSort(sort, column.key);
              const Icon = state === "ascending" ? ArrowUp : state === "descending" ? ArrowDown : ArrowUpDown;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sortable ? state : undefined}
                  className={cx(
                    "px-4 py-2.5 text-left font-semibold whitespace-nowrap text-slate-900",
                    column.className,
                  )}
                >
                  {sortable && onSortChange ? (
                    <button
                      type="button"
                      className={cx("inline-flex items-center gap-1 rounded hover:underline", focusRing)}
                      onClick={() =>
                        onSortChange({
                          key: column.key,
                          direction: sort?.key === column.key && sort.direction === "asc" ? "desc" : "asc",
                        })
                      }
                    >
                      {column.header}
                      <Icon aria-hidden="true" className="size-3.5" />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="align-top hover:bg-slate-50">
              {columns.map((column) =>
                column.rowHeader ? (
                  <th
                    key={column.key}
                    scope="row"
                    className={cx("px-4 py-2.5 text-left font-normal", column.className)}
                  >
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={cx("px-4 py-2.5 text-slate-800", column.className)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
