import type { ReactNode } from "react";
import type { Paged } from "../../../shared/schemas/common";
import { Loading } from "./loading";
import { Pagination } from "./pagination";
import { type Column, Table } from "./table";

export interface PagedTableProps<T> {
  /** The list's query: pending, placeholder (while the next page loads) and its data. */
  list: { isPending: boolean; isPlaceholderData: boolean; data?: Paged<T> | undefined };
  loadingLabel: string;
  /** Shown when the page has no rows (an EmptyState). */
  empty: ReactNode;
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rowKey: (row: T) => string;
  /** What the rows are, for "1–25 of 412 users". */
  noun: string;
  defaultPageSize: number;
  onPageChange: (page: number) => void;
}

/** A paged list from the API: loading, empty, the table and its pagination, the same everywhere. */
export function PagedTable<T>({
  list,
  loadingLabel,
  empty,
  caption,
  columns,
  rowKey,
  noun,
  defaultPageSize,
  onPageChange,
}: PagedTableProps<T>) {
  if (list.isPending) return <Loading label={loadingLabel} />;
  if (!list.data) return null;
  if (list.data.items.length === 0) return <>{empty}</>;
  return (
    <>
      <Table
        caption={caption}
        columns={columns}
        rows={list.data.items}
        rowKey={rowKey}
        busy={list.isPlaceholderData}
      />
      <Pagination
        page={list.data.page}
        pageSize={list.data.pageSize || defaultPageSize}
        total={list.data.total}
        noun={noun}
        onPageChange={onPageChange}
      />
    </>
  );
}
