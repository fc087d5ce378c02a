import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import type { SchoolAudit, SchoolAudits } from "../../../shared/schemas/phases";
import type { QuestionnaireResponse } from "../../../shared/schemas/questionnaires";
import { api, errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  Button,
  type Column,
  cx,
  EmptyState,
  focusRing,
  Loading,
  PageHeader,
  Table,
} from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AUDIT_STATUS_LABELS, myAuditsQuery, schoolAuditsQuery } from "./phases-api";

const link = cx("font-medium text-blue-800 underline", focusRing);

function AuditTable({ data, canStart }: { data: SchoolAudits; canStart: boolean }) {
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: (templateId: string) =>
      api.post<QuestionnaireResponse>("/api/questionnaires/responses", { templateId }),
    onSuccess: (r) => navigate(`/questionnaires/responses/${r.id}`),
  });
  const columns: Column<SchoolAudit>[] = [
    { key: "title", header: "Audit", rowHeader: true, cell: (a) => `${a.title} (version ${a.version})` },
    {
      key: "status",
      header: "Status",
      cell: (a) => (
        <Badge tone={a.status === "submitted" ? "green" : a.status === "draft" ? "amber" : "neutral"}>
          {AUDIT_STATUS_LABELS[a.status]}
        </Badge>
      ),
    },
    {
      key: "when",
      header: "Last change",
      cell: (a) =>
        a.submittedAt
          ? `Submitted ${formatDateTime(a.submittedAt)}`
          : a.updatedAt
            ? formatDateTime(a.updatedAt)
            : "—",
    },
    {
      key: "open",
      header: <span className="sr-only">Open</span>,
      cell: (a) =>
        a.responseId ? (
          <Link to={`/questionnaires/responses/${a.responseId}`} className={link}>
            {a.status === "draft" && canStart ? "Continue" : "Open"}
            <span className="sr-only"> {a.title}</span>
          </Link>
        ) : canStart ? (
          <Button size="sm" onClick={() => start.mutate(a.templateId)} disabled={start.isPending}>
            Start<span className="sr-only"> {a.title}</span>
          </Button>
        ) : (
          "Not started by the school"
        ),
    },
  ];
  return (
    <>
      {start.isError ? <Alert tone="error">{errorMessage(start.error)}</Alert> : null}
      {data.audits.length === 0 ? (
        <EmptyState title="No audit to fill in yet">
          The hub has not published its pre-visit audit yet.
        </EmptyState>
      ) : (
        <Table
          caption={`Audits of ${data.schoolName}`}
          columns={columns}
          rows={data.audits}
          rowKey={(a) => a.responseId ?? a.templateId}
        />
      )}
    </>
  );
}

/** /engagement/my-audits — a school user's pre-visit audits: start, continue (a draft), submitted. */
export function MyAuditsPage() {
  useDocumentTitle("Your audits");
  const audits = useQuery(myAuditsQuery);
  return (
    <div>
      <PageHeader
        title="Your audits"
        description="Answer the hub's audit before its visit. Your answers are kept as a draft until you submit them."
        actions={
          <Link to="/engagement/interest" className={link}>
            Ask for a visit
          </Link>
        }
      />
      {audits.isPending ? <Loading label="Loading your audits…" /> : null}
      {audits.isError ? <Alert tone="error">{errorMessage(audits.error)}</Alert> : null}
      {audits.data ? <AuditTable data={audits.data} canStart /> : null}
    </div>
  );
}

/** /engagement/schools/:urn/audits — hub staff read a school's audits before the visit. */
export function SchoolAuditsPage() {
  const { urn = "" } = useParams();
  const audits = useQuery(schoolAuditsQuery(urn));
  useDocumentTitle(audits.data ? `Audits of ${audits.data.schoolName}` : "Audits");
  return (
    <div>
      <PageHeader
        title={audits.data ? `Audits of ${audits.data.schoolName}` : "Audits"}
        description="What the school told the hub before its visit."
      />
      {audits.isPending ? <Loading label="Loading the audits…" /> : null}
      {audits.isError ? <Alert tone="error">{errorMessage(audits.error)}</Alert> : null}
      {audits.data ? <AuditTable data={audits.data} canStart={false} /> : null}
    </div>
  );
}
