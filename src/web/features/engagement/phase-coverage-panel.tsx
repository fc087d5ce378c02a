import { queryOptions, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type {
  PhaseCoverage,
  PhaseCoverageSchool,
  PhasesCoverageRow,
} from "../../../shared/schemas/phase-coverage";
import { api, errorMessage } from "../../api/client";
import { Alert, type Column, cx, focusRing, Loading, Table } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { STATE_LABELS } from "./phases-api";

export const phaseCoverageKeys = {
  all: ["phases", "coverage"] as const,
  one: (id: string) => ["phases", "coverage", id] as const,
};

export const phaseCoverageQuery = (id: string) =>
  queryOptions({
    queryKey: phaseCoverageKeys.one(id),
    queryFn: ({ signal }) =>
      api.get<PhaseCoverage>(`/api/engagement/phases/${id}/coverage`, undefined, signal),
  });

export const phasesCoverageQuery = queryOptions({
  queryKey: phaseCoverageKeys.all,
  queryFn: ({ signal }) => api.get<PhasesCoverageRow[]>("/api/engagement/phases/coverage", undefined, signal),
});

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const link = cx("text-blue-800 underline", focusRing);

type Group = { key: string; schools: number; visited: number };
const groupColumns = (header: string): Column<Group>[] => [
  { key: "key", header, rowHeader: true, cell: (g) => g.key },
  { key: "schools", header: "Schools", cell: (g) => g.schools },
  { key: "visited", header: "Visited", cell: (g) => g.visited },
  { key: "share", header: "Share", cell: (g) => percent(g.schools ? g.visited / g.schools : 0) },
];

const schoolColumns: Column<PhaseCoverageSchool>[] = [
  {
    key: "name",
    header: "School",
    rowHeader: true,
    cell: (s) => (
      <Link to={`/schools/${s.urn}`} className={link}>
        {s.name}
      </Link>
    ),
  },
  { key: "area", header: "Area", cell: (s) => s.area },
  { key: "officer", header: "Link officer", cell: (s) => s.linkOfficer },
  {
    key: "visited",
    header: "Visited in the phase",
    cell: (s) => (s.visitedOn ? formatDate(s.visitedOn) : "Not yet"),
  },
  { key: "next", header: "Next visit", cell: (s) => (s.nextVisit ? formatDate(s.nextVisit) : "None booked") },
];

/** On a phase's page: which of its schools were visited during it (a visit in its dates with an approved report). */
export function PhaseCoveragePanel({ id }: { id: string }) {
  const coverage = useQuery(phaseCoverageQuery(id));
  if (coverage.isPending) return <Loading label="Loading the phase's coverage…" />;
  if (coverage.isError) return <Alert tone="error">{errorMessage(coverage.error)}</Alert>;
  const c = coverage.data;
  return (
    <section aria-labelledby="phase-coverage" className="mt-8">
      <h2 id="phase-coverage" className="text-lg font-semibold text-slate-900">
        Coverage of this phase
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        A school counts as visited when a visit between {formatDate(c.phase.startsOn)} and{" "}
        {formatDate(c.phase.endsOn)} has an approved report.
      </p>
      <p className="mb-4 text-2xl font-semibold text-slate-900" data-testid="phase-coverage-visited">
        {c.visited} of {c.schools} visited ({percent(c.share)})
      </p>
      {c.schools > 0 ? (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <Table
              caption="This phase by area"
              showCaption
              columns={groupColumns("Area")}
              rows={c.byArea.map((g) => ({ key: g.area, schools: g.schools, visited: g.visited }))}
              rowKey={(g) => g.key}
            />
            <Table
              caption="This phase by link officer"
              showCaption
              columns={groupColumns("Link officer")}
              rows={c.byLinkOfficer.map((g) => ({
                key: g.linkOfficer,
                schools: g.schools,
                visited: g.visited,
              }))}
              rowKey={(g) => g.key}
            />
          </div>
          <div className="mt-6">
            <Table
              caption="The phase's schools, those not yet visited first"
              showCaption
              columns={schoolColumns}
              rows={c.schoolList}
              rowKey={(s) => String(s.urn)}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

const phaseColumns: Column<PhasesCoverageRow>[] = [
  {
    key: "name",
    header: "Programme phase",
    rowHeader: true,
    cell: (p) => (
      <Link to={`/engagement/phases/${p.id}`} className={link}>
        {p.name}
      </Link>
    ),
  },
  { key: "dates", header: "Dates", cell: (p) => `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}` },
  { key: "state", header: "State", cell: (p) => STATE_LABELS[p.state] },
  { key: "schools", header: "Schools", cell: (p) => p.schools },
  { key: "visited", header: "Visited in the phase", cell: (p) => p.visited },
  { key: "share", header: "Share", cell: (p) => percent(p.share) },
];

/** On the coverage page: the figures grouped by programme phase. */
export function ProgrammePhasesCoverage() {
  const phases = useQuery(phasesCoverageQuery);
  if (phases.isPending) return <Loading label="Loading coverage by programme phase…" />;
  if (phases.isError) return <Alert tone="error">{errorMessage(phases.error)}</Alert>;
  if (!phases.data.length) return null;
  return (
    <div className="mt-8">
      <Table
        caption="Coverage by programme phase"
        showCaption
        columns={phaseColumns}
        rows={phases.data}
        rowKey={(p) => p.id}
      />
    </div>
  );
}
