import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import { isPhase, PHASE_LABELS } from "../../../shared/rules/phase";
import { QM_LEVEL_LABELS, type QmLevel } from "../../../shared/rules/quality-mark";
import type { QmFigures } from "../../../shared/schemas/quality-mark";
import { api, errorMessage } from "../../api/client";
import {
  Alert,
  buttonClasses,
  type Column,
  ExportButton,
  Loading,
  PageHeader,
  Select,
  Table,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { QM } from "./quality-mark-api";
import { QualityMarkTabs } from "./quality-mark-tabs";

type Row = { key: string; applied: number; awarded: number };
const columns = (header: string, label: (k: string) => string): Column<Row>[] => [
  { key: "key", header, rowHeader: true, cell: (r) => label(r.key) },
  { key: "applied", header: "Schools applied", cell: (r) => r.applied },
  { key: "awarded", header: "Schools awarded", cell: (r) => r.awarded },
];

/** /quality-mark/figures — applied and awarded by level, phase and area, and the cohort share. */
export function FiguresPage() {
  useDocumentTitle("Quality mark figures");
  const years = previousAcademicYears(academicYearOf(new Date()), 5).reverse();
  const [year, setYear] = useState(years[0] ?? "");
  const figures = useQuery({
    queryKey: ["quality-mark", "figures", year],
    queryFn: ({ signal }) => api.get<QmFigures>(`${QM}/figures`, { year }, signal),
  });
  return (
    <div>
      <PageHeader
        title="Quality mark figures"
        description="How many schools applied and were awarded, by level, phase and area."
      />
      <QualityMarkTabs />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <Select
          label="Academic year"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <ExportButton href={`${QM}/figures.csv`} format="csv" query={{ year }} noun="figures" />
        <a
          className={buttonClasses("secondary")}
          href={`${QM}/presentation.pdf?year=${encodeURIComponent(year)}`}
          download
        >
          Presentation list {year} (PDF)
        </a>
      </div>
      {figures.isPending ? <Loading label="Loading the figures…" /> : null}
      {figures.isError ? <Alert tone="error">{errorMessage(figures.error)}</Alert> : null}
      {figures.data ? (
        <div className="space-y-6">
          <p className="text-sm">
            {figures.data.applied} of {figures.data.cohort} open schools applied in{" "}
            {figures.data.academicYear} ({Math.round(figures.data.appliedShare * 100)}%);{" "}
            {figures.data.awarded} were awarded.
          </p>
          <Table
            caption="By level"
            columns={columns("Level", (k) => QM_LEVEL_LABELS[k as QmLevel] ?? k)}
            rows={figures.data.byLevel}
            rowKey={(r) => r.key}
          />
          <Table
            caption="By phase"
            columns={columns("Phase", (k) => (isPhase(k) ? PHASE_LABELS[k] : k))}
            rows={figures.data.byPhase}
            rowKey={(r) => r.key}
          />
          <Table
            caption="By area"
            columns={columns("Area", (k) => k)}
            rows={figures.data.byArea}
            rowKey={(r) => r.key}
          />
          <Table
            caption="Year by year"
            columns={[
              {
                key: "year",
                header: "Academic year",
                rowHeader: true,
                cell: (r: QmFigures["years"][number]) => r.academicYear,
              },
              { key: "applied", header: "Schools applied", cell: (r) => r.applied },
              { key: "awarded", header: "Schools awarded", cell: (r) => r.awarded },
            ]}
            rows={figures.data.years}
            rowKey={(r) => r.academicYear}
          />
        </div>
      ) : null}
    </div>
  );
}
