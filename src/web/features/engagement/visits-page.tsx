import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { VISIT_PURPOSES, type Visit } from "../../../shared/schemas/engagement";
import { errorMessage, toQueryString } from "../../api/client";
import {
  Alert,
  Badge,
  ButtonLink,
  buttonClasses,
  type Column,
  EmptyState,
  FilterSelect,
  PagedTable,
  PageHeader,
  TextField,
} from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { linkOfficersQuery } from "../schools/schools-api";
import { PURPOSE_LABELS, visitsQuery } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { linkClass } from "./my-schools-page";

const PAGE_SIZE = 25;
type Filters = {
  from?: string;
  to?: string;
  purpose?: string;
  status?: string;
  linkOfficer?: string;
  targetedSupport?: string;
};

export const REPORT_LABELS = { none: "No report", draft: "Draft report", approved: "Shared report" } as const;

const columns: Column<Visit>[] = [
  {
    key: "date",
    header: "Date",
    rowHeader: true,
    cell: (v) => (
      <Link to={`/engagement/visits/${v.id}`} className={linkClass}>
        {formatDate(v.date)}
        {v.time ? ` ${v.time}` : ""}
      </Link>
    ),
  },
  { key: "school", header: "School", cell: (v) => v.schoolName },
  { key: "purpose", header: "Purpose", cell: (v) => PURPOSE_LABELS[v.purpose] },
  {
    key: "status",
    header: "Status",
    cell: (v) =>
      v.status === "cancelled" ? (
        <Badge tone="neutral">Cancelled</Badge>
      ) : v.recorded ? (
        "Recorded"
      ) : (
        "Scheduled"
      ),
  },
  {
    key: "report",
    header: "Report",
    cell: (v) =>
      v.status === "cancelled" ? (
        "—"
      ) : (
        <Link to={`/engagement/visits/${v.id}/report`} className={linkClass}>
          {REPORT_LABELS[v.reportStatus]}
        </Link>
      ),
  },
];

/** /engagement/visits — every visit of the hub, paged and filtered, with a CSV export. */
export function VisitsPage() {
  useDocumentTitle("Visits");
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useQuery(visitsQuery({ ...filters, page, pageSize: PAGE_SIZE }));
  const officers = useQuery(linkOfficersQuery);
  const set = (key: keyof Filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value || undefined }));
    setPage(1);
  };
  return (
    <div>
      <PageHeader
        title="Visits"
        description="Visits to schools: scheduled, recorded and cancelled, with their reports."
        actions={
          <>
            <ButtonLink to="/engagement/visits/new">Schedule a visit</ButtonLink>
            <a
              href={`/api/visits/export.csv${toQueryString(filters)}`}
              download
              className={buttonClasses("secondary")}
            >
              Export visits (CSV)
            </a>
          </>
        }
      />
      <EngagementTabs />
      <div className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <TextField
          label="From"
          type="date"
          value={filters.from ?? ""}
          onChange={(e) => set("from")(e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          value={filters.to ?? ""}
          onChange={(e) => set("to")(e.target.value)}
        />
        <FilterSelect
          label="Purpose"
          placeholder="Any purpose"
          options={VISIT_PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }))}
          value={filters.purpose}
          onChange={set("purpose")}
        />
        <FilterSelect
          label="Link officer"
          placeholder="Any link officer"
          options={(officers.data ?? []).map((o) => ({ value: o.userId, label: o.name }))}
          value={filters.linkOfficer}
          onChange={set("linkOfficer")}
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          options={[
            { value: "scheduled", label: "Scheduled" },
            { value: "cancelled", label: "Cancelled" },
          ]}
          value={filters.status}
          onChange={set("status")}
        />
        <FilterSelect
          label="Targeted support"
          placeholder="All schools"
          options={[{ value: "true", label: "Schools rated red" }]}
          value={filters.targetedSupport}
          onChange={set("targetedSupport")}
        />
      </div>
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      <PagedTable
        list={list}
        loadingLabel="Loading the visits…"
        empty={<EmptyState title="No visits match these filters" />}
        caption="Visits"
        columns={columns}
        rowKey={(v) => v.id}
        noun="visits"
        defaultPageSize={PAGE_SIZE}
        onPageChange={setPage}
      />
    </div>
  );
}
