import { useQuery } from "@tanstack/react-query";
import { MapIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import type { SchoolListItem } from "../../../shared/schemas/schools";
import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert } from "../../components/ui/alert";
import { Button, ButtonLink } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { EmptyState } from "../../components/ui/empty-state";
import { ExportButton } from "../../components/ui/export-button";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { Pagination } from "../../components/ui/pagination";
import { type Column, type SortState, Table } from "../../components/ui/table";
import { formatNumber } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useCameFrom } from "./back-link";
import { BulkAssignDialog, type BulkKind } from "./bulk-assign-dialog";
import { SchoolFilterBar, useSchoolFilters } from "./school-filter-bar";
import {
  filterBody,
  filterQuery,
  filterSearch,
  hasFilters,
  phaseLabel,
  readPage,
  readSort,
} from "./school-filters";
import { type BulkSelection, PAGE_SIZE, schoolListQuery } from "./schools-api";
import { SchoolsTabs } from "./schools-tabs";
import { StatusBadge } from "./status-badge";

type Selection = { mode: "urns"; urns: ReadonlySet<number> } | { mode: "all" };
const NOTHING: Selection = { mode: "urns", urns: new Set() };

const checkboxClasses = cx("size-4 rounded border-slate-500 accent-blue-800", focusRing);

export function SchoolsListPage() {
  useDocumentTitle("Schools");
  const { data: me } = useMe();
  const { params, filters, setFilters, clear } = useSchoolFilters();
  const cameFrom = useCameFrom();
  const sort = readSort(params);
  const page = readPage(params);
  const query = { ...filterQuery(filters), sort: sort.key, dir: sort.direction, page, pageSize: PAGE_SIZE };
  const list = useQuery(schoolListQuery(query));
  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A new filter or page starts a new selection.
  const selectionKey = JSON.stringify(query);
  const [selectionFor, setSelectionFor] = useState(selectionKey);
  if (selectionFor !== selectionKey) {
    setSelectionFor(selectionKey);
    setSelection(NOTHING);
  }

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pageUrns = items.map((s) => s.urn);
  const isChosen = (urn: number) => selection.mode === "all" || selection.urns.has(urn);
  const chosenCount = selection.mode === "all" ? total : selection.urns.size;
  const allOnPage = pageUrns.length > 0 && pageUrns.every(isChosen);
  const someOnPage = pageUrns.some(isChosen);

  const toggle = (urn: number) => {
    const current = selection.mode === "all" ? new Set(pageUrns) : new Set(selection.urns);
    if (current.has(urn)) current.delete(urn);
    else current.add(urn);
    setSelection({ mode: "urns", urns: current });
  };
  const togglePage = () => setSelection(allOnPage ? NOTHING : { mode: "urns", urns: new Set(pageUrns) });

  const bulkSelection: BulkSelection =
    selection.mode === "all" ? { filter: filterBody(filters) } : { urns: [...selection.urns] };

  const columns: Column<SchoolListItem>[] = [
    {
      key: "select",
      sticky: true,
      card: "actions",
      header: (
        <input
          type="checkbox"
          className={checkboxClasses}
          aria-label="Select all schools on this page"
          checked={allOnPage}
          ref={(el) => {
            if (el) el.indeterminate = someOnPage && !allOnPage;
          }}
          onChange={togglePage}
        />
      ),
      cell: (s) => (
        <input
          type="checkbox"
          className={checkboxClasses}
          aria-label={`Select ${s.name}`}
          checked={isChosen(s.urn)}
          onChange={() => toggle(s.urn)}
        />
      ),
      className: "w-8",
    },
    {
      key: "name",
      header: "School",
      sortable: true,
      rowHeader: true,
      cell: (s) => (
        <Link
          to={`/schools/${s.urn}`}
          state={cameFrom}
          className={cx("font-medium text-blue-800 underline-offset-2 hover:underline", focusRing)}
        >
          {s.name}
        </Link>
      ),
      className: "min-w-56",
    },
    { key: "urn", header: "URN", sortable: true, cell: (s) => s.urn },
    { key: "phase", header: "Phase", sortable: true, cell: (s) => phaseLabel(s.phase) },
    {
      key: "town",
      header: "Town",
      sortable: true,
      cell: (s) => (
        <>
          {s.town ?? "—"}
          {s.postcode ? <div className="text-xs whitespace-nowrap text-slate-700">{s.postcode}</div> : null}
        </>
      ),
    },
    { key: "area", header: "Area", sortable: true, cell: (s) => s.areaName ?? "—" },
    { key: "linkOfficer", header: "Link officer", cell: (s) => s.linkOfficerName ?? "—" },
    {
      key: "pupils",
      header: "Pupils",
      sortable: true,
      cell: (s) => (s.pupils === null ? "—" : formatNumber(s.pupils)),
      className: "text-right",
    },
    {
      key: "percentFsm",
      header: "% FSM",
      sortable: true,
      cell: (s) => (s.percentFsm === null ? "—" : `${s.percentFsm.toFixed(1)}%`),
      className: "text-right",
    },
    { key: "status", header: "Status", sortable: true, cell: (s) => <StatusBadge status={s.status} /> },
  ];

  const filtered = hasFilters(filters);
  const exportQuery = { ...filterQuery(filters), sort: sort.key, dir: sort.direction };

  return (
    <div>
      <PageHeader
        title="Schools"
        description={`Every school of ${me?.currentHub?.hubName ?? "the hub"}: the register from GIAS, areas, link officers and music data.`}
        actions={
          <>
            <ExportButton href="/api/schools/export" format="csv" query={exportQuery} noun="schools" />
            <ExportButton href="/api/schools/export" format="xlsx" query={exportQuery} noun="schools" />
          </>
        }
      />
      <SchoolsTabs />
      <SchoolFilterBar filters={filters} setFilters={setFilters} clear={clear} />

      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div aria-live="polite" className="text-sm text-slate-800">
          {chosenCount > 0 ? (
            <span>
              <strong>{formatNumber(chosenCount)}</strong> {chosenCount === 1 ? "school" : "schools"} selected
              {selection.mode === "all" ? " (all matching)" : ""}.
            </span>
          ) : (
            <span>Select schools to set their area or link officer.</span>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          {allOnPage && selection.mode !== "all" && total > items.length ? (
            <Button variant="ghost" size="sm" onClick={() => setSelection({ mode: "all" })}>
              Select all {formatNumber(total)} matching schools
            </Button>
          ) : null}
          {chosenCount > 0 ? (
            <Button variant="ghost" size="sm" onClick={() => setSelection(NOTHING)}>
              Clear selection
            </Button>
          ) : null}
          <Button variant="secondary" size="sm" disabled={chosenCount === 0} onClick={() => setBulk("area")}>
            Set area…
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={chosenCount === 0}
            onClick={() => setBulk("linkOfficer")}
          >
            Set link officer…
          </Button>
          <ButtonLink
            to={`/schools/map${filterSearch(filters)}`}
            size="sm"
            variant="ghost"
            aria-label="Show these schools on the map"
          >
            <MapIcon aria-hidden="true" className="size-4" />
            Map view
          </ButtonLink>
        </div>
      </div>

      <div className="space-y-3">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {list.isError ? (
          <Alert tone="error" title="The schools could not be loaded">
            {errorMessage(list.error)}
          </Alert>
        ) : null}
      </div>

      {list.isPending ? (
        <Loading label="Loading schools…" />
      ) : list.data && items.length === 0 ? (
        <EmptyState
          title={filtered ? "No schools match these filters" : "No schools yet"}
          action={
            filtered ? (
              <Button variant="secondary" onClick={clear}>
                Clear filters
              </Button>
            ) : (
              <ButtonLink to="/schools/import">Import the GIAS register</ButtonLink>
            )
          }
        >
          {filtered
            ? "Try another name, URN, postcode or town, or fewer filters."
            : "Import the register from Get Information About Schools to start."}
        </EmptyState>
      ) : list.data ? (
        <>
          <Table
            caption="Schools"
            columns={columns}
            rows={items}
            rowKey={(s) => String(s.urn)}
            busy={list.isPlaceholderData}
            sort={sort}
            onSortChange={(next: SortState) =>
              setFilters({
                sort: next.key,
                dir: next.direction,
              })
            }
          />
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize || PAGE_SIZE}
            total={total}
            noun="schools"
            onPageChange={(p) => setFilters({ page: String(p) })}
          />
        </>
      ) : null}

      {bulk ? (
        <BulkAssignDialog
          kind={bulk}
          selection={bulkSelection}
          count={chosenCount}
          onClose={() => setBulk(null)}
          onDone={(message) => {
            setBulk(null);
            setSelection(NOTHING);
            setNotice(message);
          }}
        />
      ) : null}
    </div>
  );
}
