import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { QM_LEVEL_LABELS, type QmLevel } from "../../../shared/rules/quality-mark";
import type { QmApplication, QmApplicationSummary, QmStatus } from "../../../shared/schemas/quality-mark";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Badge,
  Button,
  type Column,
  cx,
  EmptyState,
  ExportButton,
  FilterSelect,
  FormAlert,
  focusRing,
  PagedTable,
  PageHeader,
  Select,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import {
  applicationsQuery,
  LEVEL_OPTIONS,
  QM,
  qmKeys,
  STATUS_LABELS,
  STATUS_TONES,
  ukDate,
} from "./quality-mark-api";
import { QualityMarkTabs } from "./quality-mark-tabs";
import { SchoolDownloads } from "./school-downloads";

const PAGE_SIZE = 25;
type Filters = { status?: string; level?: string; year?: string };

const columns: Column<QmApplicationSummary>[] = [
  {
    key: "school",
    header: "School",
    rowHeader: true,
    cell: (a) => (
      <Link
        to={`/quality-mark/applications/${a.id}`}
        className={cx("font-medium text-blue-800 underline", focusRing)}
      >
        {a.schoolName}
      </Link>
    ),
  },
  { key: "level", header: "Level", cell: (a) => QM_LEVEL_LABELS[a.level] },
  {
    key: "status",
    header: "Status",
    cell: (a) => <Badge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</Badge>,
  },
  { key: "year", header: "Year", cell: (a) => a.academicYear },
  { key: "area", header: "Area", cell: (a) => a.areaName ?? "No area" },
  { key: "assessor", header: "Assessor", cell: (a) => a.assessorName ?? "None yet" },
  { key: "submitted", header: "Submitted", cell: (a) => ukDate(a.submittedAt) || "Not yet" },
];

/** /quality-mark — hub users: every application, filtered, paged, exported; a school: its own, and a new one. */
export function ApplicationsPage() {
  const me = useMe();
  const role = currentRole(me.data);
  useDocumentTitle("Quality mark");
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useQuery(applicationsQuery({ ...filters, page, pageSize: PAGE_SIZE }));
  const set = (key: keyof Filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const school = role === "school_user";
  return (
    <div>
      <PageHeader
        title="Quality mark"
        description={
          school
            ? "Apply for the music quality mark, answer the standards with evidence, and download your certificate and badge."
            : "Schools' applications for the music quality mark: assess, query, moderate and award."
        }
      />
      {school ? <StartApplication /> : <QualityMarkTabs />}
      {school ? null : (
        <div className="mb-4 grid gap-3 sm:grid-cols-4">
          <FilterSelect
            label="Status"
            placeholder="Any status"
            options={(Object.keys(STATUS_LABELS) as QmStatus[]).map((s) => ({
              value: s,
              label: STATUS_LABELS[s],
            }))}
            value={filters.status}
            onChange={set("status")}
          />
          <FilterSelect
            label="Level"
            placeholder="Any level"
            options={LEVEL_OPTIONS}
            value={filters.level}
            onChange={set("level")}
          />
          <div className="flex items-end">
            <ExportButton
              href={`${QM}/applications/export.csv`}
              format="csv"
              query={filters}
              noun="applications"
            />
          </div>
        </div>
      )}
      <h2 className="mb-2 text-lg font-semibold text-slate-900">
        {school ? "Your applications" : "Applications"}
      </h2>
      <PagedTable
        list={list}
        loadingLabel="Loading the applications…"
        empty={<EmptyState title={school ? "No applications yet" : "No applications match these filters"} />}
        caption="Quality mark applications"
        columns={columns}
        rowKey={(a) => a.id}
        noun="applications"
        defaultPageSize={PAGE_SIZE}
        onPageChange={setPage}
      />
      {school ? <SchoolDownloads /> : null}
    </div>
  );
}

/** A school user starts an application at a level. */
function StartApplication() {
  const [level, setLevel] = useState<QmLevel>("bronze");
  const client = useQueryClient();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => api.post<QmApplication>(`${QM}/applications`, { level }),
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: qmKeys.all });
      void navigate(`/quality-mark/applications/${a.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <Select
        label="Level to apply for"
        value={level}
        onChange={(e) => setLevel(e.target.value as QmLevel)}
        options={LEVEL_OPTIONS}
      />
      <Button type="submit" disabled={start.isPending}>
        Start an application
      </Button>
      <div className="w-full">
        <FormAlert message={start.isError ? errorMessage(start.error) : null} />
      </div>
    </form>
  );
}
