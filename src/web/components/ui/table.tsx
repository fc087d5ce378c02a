import { ArrowDown, ArrowUp, ArrowUpDown, ChevronsRight } from "lucide-react";
import { type ReactNode, useCallback, useLayoutEffect, useRef, useState } from "react";
import { usePhone } from "../../lib/use-media-query";
import { cx, focusRing } from "./cx";
import { type CardPlace, TableCards } from "./table-cards";

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
  /**
   * Stays in view while the table scrolls sideways. The row header column does by default; a
   * narrow column before it (a checkbox) may too.
   */
  sticky?: boolean;
  /** Where the column goes on a phone's card (see table-cards.tsx for the default). */
  card?: CardPlace;
  /** The card's label when the header is not plain words. */
  cardLabel?: string;
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

const isSticky = <T,>(column: Column<T>): boolean => column.sticky ?? Boolean(column.rowHeader);

/**
 * The left offset of each sticky column (the widths of the sticky columns before it), measured
 * from the header row, and whether more of the table is to the right.
 */
const useStickyLayout = (stickyIndexes: number[]) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableRowElement>(null);
  const [lefts, setLefts] = useState<number[]>([]);
  const [more, setMore] = useState({ right: false, overflows: false });
  const key = stickyIndexes.join(",");
  const measure = useCallback(() => {
    const scroller = scrollRef.current;
    const cells = headRef.current?.cells;
    if (!scroller || !cells) return;
    const next: number[] = [];
    let left = 0;
    for (const i of key ? key.split(",").map(Number) : []) {
      next[i] = left;
      left += cells[i]?.getBoundingClientRect().width ?? 0;
    }
    setLefts((old) => (old.length === next.length && old.every((v, i) => v === next[i]) ? old : next));
    const overflows = scroller.scrollWidth > scroller.clientWidth + 1;
    const right = overflows && scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1;
    setMore((old) => (old.right === right && old.overflows === overflows ? old : { right, overflows }));
  }, [key]);
  useLayoutEffect(() => {
    measure();
    const scroller = scrollRef.current;
    if (!scroller || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    const table = scroller.firstElementChild;
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [measure]);
  return { scrollRef, headRef, lefts, more, measure };
};

/**
 * A table that fits its page: it scrolls sideways inside its own box (never the page), its name
 * column stays in view while it does, and a hint shows when more columns are to the right. On a
 * phone (640 px or less) the rows become stacked cards.
 */
export function Table<T>(props: TableProps<T>) {
  const phone = usePhone();
  if (phone)
    return (
      <TableCards
        caption={props.caption}
        columns={props.columns}
        rows={props.rows}
        rowKey={props.rowKey}
        busy={props.busy}
      />
    );
  return <WideTable {...props} />;
}

function WideTable<T>({
  caption,
  showCaption,
  columns,
  rows,
  rowKey,
  sort,
  onSortChange,
  busy,
}: TableProps<T>) {
  const stickyIndexes = columns.flatMap((c, i) => (isSticky(c) ? [i] : []));
  const lastSticky = stickyIndexes[stickyIndexes.length - 1];
  const { scrollRef, headRef, lefts, more, measure } = useStickyLayout(stickyIndexes);
  const stickyCell = (index: number, background: string): { className?: string; style?: { left: number } } =>
    stickyIndexes.includes(index)
      ? {
          className: cx(
            "sticky z-[1]",
            background,
            index === lastSticky && more.overflows && "shadow-[1px_0_0_0_var(--color-slate-300)]",
          ),
          style: { left: lefts[index] ?? 0 },
        }
      : {};
  return (
    <div className="relative min-w-0">
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label comes with role="region", set when the table overflows */}
      <div
        ref={scrollRef}
        onScroll={measure}
        // A table wider than its box scrolls by keyboard too.
        tabIndex={more.overflows ? 0 : undefined}
        role={more.overflows ? "region" : undefined}
        aria-label={more.overflows ? `${caption} (scrolls sideways)` : undefined}
        className={cx("overflow-x-auto rounded-lg border border-slate-200 bg-white", focusRing)}
      >
        <table
          className={cx("min-w-full divide-y divide-slate-200 text-sm", busy && "opacity-60")}
          aria-busy={busy || undefined}
        >
          <caption className={showCaption ? "px-4 py-2 text-left font-medium text-slate-900" : "sr-only"}>
            {caption}
          </caption>
          <thead className="bg-slate-50">
            <tr ref={headRef}>
              {columns.map((column, index) => {
                const sortable = Boolean(column.sortable && onSortChange);
                const state = ariaSort(sort, column.key);
                const Icon =
                  state === "ascending" ? ArrowUp : state === "descending" ? ArrowDown : ArrowUpDown;
                const sticky = stickyCell(index, "bg-slate-50");
                return (
                  <th
                    key={column.key}
                    scope="col"
                    aria-sort={sortable ? state : undefined}
                    style={sticky.style}
                    className={cx(
                      "px-4 py-2.5 text-left font-semibold whitespace-nowrap text-slate-900",
                      sticky.className,
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
              <tr key={rowKey(row)} className="group align-top hover:bg-slate-50">
                {columns.map((column, index) => {
                  const sticky = stickyCell(index, "bg-white group-hover:bg-slate-50");
                  return column.rowHeader ? (
                    <th
                      key={column.key}
                      scope="row"
                      style={sticky.style}
                      className={cx("px-4 py-2.5 text-left font-normal", sticky.className, column.className)}
                    >
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td
                      key={column.key}
                      style={sticky.style}
                      className={cx("px-4 py-2.5 text-slate-800", sticky.className, column.className)}
                    >
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more.right ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 right-0 flex w-16 items-start justify-end rounded-r-lg bg-gradient-to-l from-white via-white/80 to-transparent pt-2.5 pr-1"
        >
          <span className="flex items-center gap-0.5 rounded bg-slate-800 px-1.5 py-0.5 text-xs font-medium text-white">
            More
            <ChevronsRight className="size-3.5" />
          </span>
        </div>
      ) : null}
    </div>
  );
}
