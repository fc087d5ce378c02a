import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import type { ResponseSummary } from "../../../shared/schemas/questionnaires";
import { errorMessage } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { cx, focusRing } from "../../components/ui/cx";
import { EmptyState } from "../../components/ui/empty-state";
import { ExportButton } from "../../components/ui/export-button";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { type Column, Table } from "../../components/ui/table";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { FillForSchool } from "./fill-for-school";
import { responsesQuery, TEMPLATES, templateQuery } from "./questionnaires-api";

const linkClass = cx("font-medium text-blue-800 underline underline-offset-2", focusRing);

/** Every school's responses to one questionnaire, with exports (one row per response). */
export function ResponsesPage() {
  const { id = "" } = useParams();
  const template = useQuery(templateQuery(id));
  const responses = useQuery(responsesQuery(id));
  const title = template.data?.title ?? "Questionnaire";
  useDocumentTitle(`Responses to ${title}`, "Questionnaires");
  const columns: Column<ResponseSummary>[] = [
    {
      key: "school",
      header: "School",
      rowHeader: true,
      cell: (r) => (
        <Link to={`/questionnaires/responses/${r.id}`} className={linkClass}>
          {r.schoolName}
        </Link>
      ),
    },
    { key: "urn", header: "URN", cell: (r) => r.schoolUrn },
    {
      key: "status",
      header: "Status",
      cell: (r) =>
        r.status === "submitted" ? (
          <Badge tone="green">Submitted</Badge>
        ) : (
          <Badge tone="neutral">Draft</Badge>
        ),
    },
    { key: "version", header: "Version", cell: (r) => r.version },
    { key: "updated", header: "Last saved", cell: (r) => formatDateTime(r.updatedAt) },
    { key: "submitted", header: "Submitted", cell: (r) => formatDateTime(r.submittedAt) },
  ];
  return (
    <>
      <PageHeader
        title={`Responses to ${title}`}
        description={
          <Link to={`/questionnaires/templates/${id}`} className={linkClass}>
            Back to the questionnaire
          </Link>
        }
        actions={
          <>
            <ExportButton href={`${TEMPLATES}/${id}/responses/export`} format="csv" noun="responses" />
            <ExportButton href={`${TEMPLATES}/${id}/responses/export`} format="xlsx" noun="responses" />
          </>
        }
      />
      {template.data?.latestVersion ? <FillForSchool templateId={id} /> : null}
      {responses.isPending ? (
        <Loading />
      ) : responses.isError ? (
        <Alert tone="error">{errorMessage(responses.error)}</Alert>
      ) : responses.data.length ? (
        <Table
          caption={`Responses to ${title}`}
          columns={columns}
          rows={responses.data}
          rowKey={(r) => r.id}
        />
      ) : (
        <EmptyState title="No responses yet">
          Schools' answers appear here as soon as they start filling in.
        </EmptyState>
      )}
    </>
  );
}
