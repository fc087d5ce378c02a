import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { MySchool } from "../../../shared/schemas/engagement";
import { errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  ButtonLink,
  type Column,
  cx,
  EmptyState,
  FilterSelect,
  focusRing,
  PagedTable,
  PageHeader,
} from "../../components/ui";
import { ExportButton } from "../../components/ui/export-button";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { linkOfficersQuery } from "../schools/schools-api";
import { followUpsQuery, mySchoolsQuery, PURPOSE_LABELS } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { RAG_LABELS, RAG_TONES } from "./rag-api";

const PAGE_SIZE = 50;
export const linkClass = cx("font-medium text-blue-800 underline underline-offset-2", focusRing);

const columns: Column<MySchool>[] = [
  {
    key: "name",
    header: "School",
    rowHeader: true,
    cell: (s) => (
      <Link to={`/schools/${s.urn}`} className={linkClass}>
        {s.name}
      </Link>
    ),
  },
  {
    key: "rating",
    header: "Rating",
    cell: (s) => <Badge tone={RAG_TONES[s.rating ?? "unrated"]}>{RAG_LABELS[s.rating ?? "unrated"]}</Badge>,
  },
  { key: "last", header: "Last visit", cell: (s) => (s.lastVisit ? formatDate(s.lastVisit) : "Never") },
  {
    key: "next",
    header: "Next visit",
    cell: (s) =>
      s.nextVisit ? (
        <Link to={`/engagement/visits/${s.nextVisit.id}`} className={linkClass}>
          {formatDate(s.nextVisit.date)}: {PURPOSE_LABELS[s.nextVisit.purpose]}
        </Link>
      ) : (
        "None planned"
      ),
  },
  { key: "open", header: "Open next steps", cell: (s) => s.openSteps },
  {
    key: "overdue",
    header: "Overdue",
    cell: (s) => (s.overdueSteps ? <Badge tone="red">{s.overdueSteps} overdue</Badge> : "None"),
  },
];

/** /engagement — a link officer's schools, their next visits and overdue next steps. */
export function MySchoolsPage() {
  useDocumentTitle("My schools");
  const [officer, setOfficer] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery(mySchoolsQuery({ linkOfficer: officer, page, pageSize: PAGE_SIZE }));
  const officers = useQuery(linkOfficersQuery);
  const followUps = useQuery(followUpsQuery(officer === undefined));
  const overdue = (followUps.data ?? []).filter((f) => f.overdue);
  return (
    <div>
      <PageHeader
        title="My schools"
        description="The schools you are link officer for, their next visits and the next steps that are overdue."
        actions={
          <>
            <ExportButton
              href="/api/engagement/my-schools.csv"
              format="csv"
              query={{ linkOfficer: officer }}
              noun="schools"
            />
            <ButtonLink to="/engagement/visits/new">Schedule a visit</ButtonLink>
          </>
        }
      />
      <EngagementTabs />
      <div className="mb-4 max-w-sm">
        <FilterSelect
          label="Link officer"
          placeholder="Me"
          options={(officers.data ?? []).map((o) => ({ value: o.userId, label: o.name }))}
          value={officer}
          onChange={(v) => {
            setOfficer(v);
            setPage(1);
          }}
        />
      </div>
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      <PagedTable
        list={list}
        loadingLabel="Loading the schools…"
        empty={<EmptyState title="No schools">No open school has this link officer yet.</EmptyState>}
        caption="Schools of the link officer"
        columns={columns}
        rowKey={(s) => String(s.urn)}
        noun="schools"
        defaultPageSize={PAGE_SIZE}
        onPageChange={setPage}
      />
      <section aria-labelledby="overdue-heading" className="mt-8">
        <h2 id="overdue-heading" className="mb-2 text-lg font-semibold text-slate-900">
          Overdue next steps{officer === undefined ? "" : " across the hub"}
        </h2>
        {overdue.length === 0 ? (
          <p className="text-sm text-slate-700">No next steps are overdue.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {overdue.map((f) => (
              <li key={f.id} className="flex flex-wrap gap-x-3 p-3 text-sm">
                <Link to={`/engagement/visits/${f.visitId}/report`} className={linkClass}>
                  {f.schoolName}
                </Link>
                <span>{f.text}</span>
                <span className="text-slate-700">
                  Owner: {f.owner === "school" ? "the school" : "the hub"}; due {formatDate(f.due)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
