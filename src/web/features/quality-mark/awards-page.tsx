import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { QM_LEVEL_LABELS, type QmLevel } from "../../../shared/rules/quality-mark";
import type { QmAward } from "../../../shared/schemas/quality-mark";
import { ApiError, api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Badge,
  Button,
  type Column,
  EmptyState,
  ExportButton,
  FilterSelect,
  FormAlert,
  PagedTable,
  PageHeader,
  Select,
  TextField,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { AWARD_STATUS_LABELS, awardsQuery, LEVEL_OPTIONS, QM, qmKeys, ukDate } from "./quality-mark-api";
import { QualityMarkTabs } from "./quality-mark-tabs";
import { AwardDownloads } from "./school-downloads";

const PAGE_SIZE = 25;
type Filters = { level?: string; status?: string };

const columns: Column<QmAward>[] = [
  { key: "school", header: "School", rowHeader: true, cell: (a) => a.schoolName },
  { key: "level", header: "Level", cell: (a) => QM_LEVEL_LABELS[a.level] },
  { key: "year", header: "Year", cell: (a) => a.academicYear },
  { key: "awarded", header: "Awarded", cell: (a) => ukDate(a.awardedOn) },
  { key: "valid", header: "Valid until", cell: (a) => ukDate(a.validUntil) },
  {
    key: "status",
    header: "Status",
    cell: (a) => (
      <Badge tone={a.status === "expired" ? "neutral" : a.status === "expiring" ? "amber" : "green"}>
        {AWARD_STATUS_LABELS[a.status]}
      </Badge>
    ),
  },
  { key: "downloads", header: "Downloads", cell: (a) => <AwardDownloads award={a} /> },
];

/** /quality-mark/awards — the hub's awards, filtered, paged and exported; a hub admin records past awards. */
export function AwardsPage() {
  useDocumentTitle("Quality mark awards");
  const role = currentRole(useMe().data);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useQuery(awardsQuery({ ...filters, page, pageSize: PAGE_SIZE }));
  const set = (key: keyof Filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  return (
    <div>
      <PageHeader
        title="Quality mark awards"
        description="Awards made through Tutti and past awards the hub recorded."
      />
      <QualityMarkTabs />
      {role === "hub_admin" ? <RecordAward /> : null}
      <div className="mb-4 grid gap-3 sm:grid-cols-4">
        <FilterSelect
          label="Level"
          placeholder="Any level"
          options={LEVEL_OPTIONS}
          value={filters.level}
          onChange={set("level")}
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          options={(Object.keys(AWARD_STATUS_LABELS) as QmAward["status"][]).map((s) => ({
            value: s,
            label: AWARD_STATUS_LABELS[s],
          }))}
          value={filters.status}
          onChange={set("status")}
        />
        <div className="flex items-end">
          <ExportButton href={`${QM}/awards/export.csv`} format="csv" query={filters} noun="awards" />
        </div>
      </div>
      <PagedTable
        list={list}
        loadingLabel="Loading the awards…"
        empty={<EmptyState title="No awards match these filters" />}
        caption="Quality mark awards"
        columns={columns}
        rowKey={(a) => a.id}
        noun="awards"
        defaultPageSize={PAGE_SIZE}
        onPageChange={setPage}
      />
    </div>
  );
}

/** A hub admin records an award made before the hub used Tutti. */
function RecordAward() {
  const client = useQueryClient();
  const [urn, setUrn] = useState("");
  const [level, setLevel] = useState<QmLevel>("bronze");
  const [awardedOn, setAwardedOn] = useState("");
  const record = useMutation({
    mutationFn: () => api.post<QmAward>(`${QM}/awards`, { urn, level, awardedOn }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: qmKeys.all });
      setUrn("");
      setAwardedOn("");
    },
  });
  const err = (path: string) =>
    record.error instanceof ApiError ? record.error.fields.find((f) => f.path === path)?.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold text-slate-900">Record a past award</h2>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <TextField
          label="School URN"
          inputMode="numeric"
          value={urn}
          error={err("urn")}
          onChange={(e) => setUrn(e.target.value)}
        />
        <Select
          label="Level"
          value={level}
          onChange={(e) => setLevel(e.target.value as QmLevel)}
          options={LEVEL_OPTIONS}
        />
        <TextField
          label="Awarded on"
          type="date"
          value={awardedOn}
          error={err("awardedOn")}
          onChange={(e) => setAwardedOn(e.target.value)}
        />
      </div>
      <FormAlert message={record.isError ? errorMessage(record.error) : null} />
      {record.isSuccess ? (
        <p role="status" className="text-sm text-green-800">
          Award recorded.
        </p>
      ) : null}
      <Button type="submit" className="mt-2" disabled={record.isPending}>
        Record the award
      </Button>
    </form>
  );
}
