import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { ReportSummary } from "../../../shared/schemas/engagement";
import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert, type Column, EmptyState, Loading, PageHeader, Table } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { PURPOSE_LABELS, reportsQuery } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { linkClass } from "./my-schools-page";

const pdf = (r: ReportSummary) => (
  <a href={`/api/visits/${r.visitId}/report.pdf`} download className={linkClass}>
    Download PDF<span className="sr-only"> of the report of {formatDate(r.date)}</span>
  </a>
);

/**
 * /engagement/reports — a school user's shared visit reports with their PDFs; hub users see every
 * report of the hub with its status.
 */
export function ReportsPage() {
  const { data: me } = useMe();
  const hub = me?.currentHub?.role === "hub_admin" || me?.currentHub?.role === "hub_staff";
  useDocumentTitle(hub ? "Visit reports" : "Shared reports");
  const reports = useQuery(reportsQuery);
  const columns: Column<ReportSummary>[] = [
    { key: "date", header: "Visit", rowHeader: true, cell: (r) => formatDate(r.date) },
    ...(hub ? [{ key: "school", header: "School", cell: (r: ReportSummary) => r.schoolName }] : []),
    { key: "purpose", header: "Purpose", cell: (r) => PURPOSE_LABELS[r.purpose] },
    {
      key: "status",
      header: "Status",
      cell: (r) => (r.status === "approved" ? `Shared ${formatDate(r.approvedAt)}` : "Draft"),
    },
    {
      key: "open",
      header: "Report",
      cell: (r) =>
        hub ? (
          <Link to={`/engagement/visits/${r.visitId}/report`} className={linkClass}>
            Open<span className="sr-only"> the report of {r.schoolName}</span>
          </Link>
        ) : (
          pdf(r)
        ),
    },
  ];
  return (
    <div>
      <PageHeader
        title={hub ? "Visit reports" : "Shared reports"}
        description={
          hub
            ? "Every visit report of the hub: drafts and those approved and shared with schools."
            : "The reports of the hub's visits to your school, once they are approved and shared."
        }
      />
      <EngagementTabs />
      {reports.isPending ? <Loading label="Loading the reports…" /> : null}
      {reports.isError ? <Alert tone="error">{errorMessage(reports.error)}</Alert> : null}
      {reports.data && reports.data.length === 0 ? (
        <EmptyState title="No reports yet">
          {hub ? "No visit has a report yet." : "No report has been shared with your school yet."}
        </EmptyState>
      ) : null}
      {reports.data?.length ? (
        <Table caption="Visit reports" columns={columns} rows={reports.data} rowKey={(r) => r.visitId} />
      ) : null}
    </div>
  );
}
