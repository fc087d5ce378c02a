import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import { PHASE_LABELS, type Phase } from "../../../shared/rules/phase";
import { CoverageTargets } from "../../../shared/schemas/engagement";
import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import {
  Alert,
  Button,
  buttonClasses,
  type Column,
  FilterSelect,
  Loading,
  PageHeader,
  Table,
  TextField,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { coverageQuery, engagementKeys, saveTargets, targetsQuery } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { serverProblems, zodProblems } from "./form-bits";
import { linkClass } from "./my-schools-page";
import { ProgrammePhasesCoverage } from "./phase-coverage-panel";

type Group = { key: string; label: string; schools: number; visited: number };
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const groupColumns = (header: string): Column<Group>[] => [
  { key: "label", header, rowHeader: true, cell: (g) => g.label },
  { key: "schools", header: "Open schools", cell: (g) => g.schools },
  { key: "visited", header: "Visited", cell: (g) => g.visited },
  { key: "share", header: "Share", cell: (g) => percent(g.schools ? g.visited / g.schools : 0) },
];

function TargetsForm({ onSaved }: { onSaved: () => void }) {
  const targets = useQuery(targetsQuery);
  const [year, setYear] = useState<string | null>(null);
  const [two, setTwo] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: saveTargets,
    onSuccess: onSaved,
    onError: (e) => setProblems(serverProblems(e)),
  });
  if (!targets.data) return null;
  const yearValue = year ?? String(targets.data.yearPercent);
  const twoValue = two ?? String(targets.data.twoYearPercent);
  return (
    <form
      noValidate
      aria-labelledby="targets-heading"
      className="mt-8 max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = CoverageTargets.safeParse({
          yearPercent: yearValue.trim() === "" ? undefined : Number(yearValue),
          twoYearPercent: twoValue.trim() === "" ? undefined : Number(twoValue),
        });
        if (!parsed.success) return setProblems(zodProblems(parsed.error));
        setProblems({});
        save.mutate(parsed.data);
      }}
    >
      <h2 id="targets-heading" className="font-semibold text-slate-900">
        The hub's coverage targets
      </h2>
      {problems.form ? <Alert tone="error">{problems.form}</Alert> : null}
      <TextField
        label="Share of open schools visited in a year (%)"
        inputMode="numeric"
        value={yearValue}
        onChange={(e) => setYear(e.target.value)}
        error={problems.yearPercent}
      />
      <TextField
        label="Share visited over two years (%)"
        inputMode="numeric"
        value={twoValue}
        onChange={(e) => setTwo(e.target.value)}
        error={problems.twoYearPercent}
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        Save the targets
      </Button>
    </form>
  );
}

/** /engagement/coverage — how many of the hub's schools were visited, against its targets. */
export function CoveragePage() {
  useDocumentTitle("Coverage");
  const current = academicYearOf(new Date());
  const [year, setYear] = useState(current);
  const queryClient = useQueryClient();
  const coverage = useQuery(coverageQuery(year));
  const { data: me } = useMe();
  const c = coverage.data;
  return (
    <div>
      <PageHeader
        title="Coverage"
        description="A school counts as visited in a year when a visit that year has an approved report."
        actions={
          <a
            href={`/api/engagement/coverage.csv?year=${encodeURIComponent(year)}`}
            download
            className={buttonClasses("secondary")}
          >
            Export coverage (CSV)
          </a>
        }
      />
      <EngagementTabs />
      <div className="mb-4 max-w-xs">
        <FilterSelect
          label="Academic year"
          placeholder="This year"
          options={previousAcademicYears(current, 4)
            .reverse()
            .map((y) => ({ value: y, label: y }))}
          value={year}
          onChange={(v) => setYear(v ?? current)}
        />
      </div>
      {coverage.isPending ? <Loading label="Loading the coverage…" /> : null}
      {coverage.isError ? <Alert tone="error">{errorMessage(coverage.error)}</Alert> : null}
      {c ? (
        <>
          <dl className="mb-6 grid gap-4 sm:grid-cols-2">
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-700">Visited in {c.year}</dt>
              <dd className="text-2xl font-semibold text-slate-900" data-testid="coverage-visited">
                {c.visited} of {c.schools} ({percent(c.share)})
              </dd>
              <dd className="text-sm text-slate-700">
                Target {c.targets.yearPercent}%:{" "}
                {c.share * 100 >= c.targets.yearPercent
                  ? "met"
                  : `${Math.max(0, Math.ceil((c.targets.yearPercent / 100) * c.schools) - c.visited)} more schools to go`}
              </dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-700">Visited over this year and last</dt>
              <dd className="text-2xl font-semibold text-slate-900">
                {c.twoYearVisited} of {c.schools} ({percent(c.twoYearShare)})
              </dd>
              <dd className="text-sm text-slate-700">
                Target {c.targets.twoYearPercent}%:{" "}
                {c.twoYearShare * 100 >= c.targets.twoYearPercent ? "met" : "not met yet"}
              </dd>
            </div>
          </dl>
          <div className="grid gap-6 lg:grid-cols-2">
            <Table
              caption="Coverage by area"
              showCaption
              columns={groupColumns("Area")}
              rows={c.byArea.map((g) => ({ key: g.area, label: g.area, ...g }))}
              rowKey={(g) => g.key}
            />
            <Table
              caption="Coverage by phase"
              showCaption
              columns={groupColumns("Phase")}
              rows={c.byPhase.map((g) => ({
                key: g.phase,
                label: PHASE_LABELS[g.phase as Phase] ?? g.phase,
                ...g,
              }))}
              rowKey={(g) => g.key}
            />
            <Table
              caption="Coverage by link officer"
              showCaption
              columns={groupColumns("Link officer")}
              rows={c.byLinkOfficer.map((g) => ({ key: g.linkOfficerId ?? "none", label: g.name, ...g }))}
              rowKey={(g) => g.key}
            />
          </div>
          <ProgrammePhasesCoverage />
          <section aria-labelledby="overdue-followups" className="mt-8">
            <h2 id="overdue-followups" className="mb-2 text-lg font-semibold text-slate-900">
              Schools with overdue follow-ups ({c.overdueSchools})
            </h2>
            <ul className="columns-1 space-y-1 text-sm sm:columns-2">
              {c.overdueFollowUps.map((s) => (
                <li key={s.urn}>
                  <Link to={`/schools/${s.urn}`} className={linkClass}>
                    {s.name}
                  </Link>{" "}
                  ({s.overdue} overdue)
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="never-visited" className="mt-8">
            <h2 id="never-visited" className="mb-2 text-lg font-semibold text-slate-900">
              Never visited ({c.neverVisited.length})
            </h2>
            <ul className="columns-1 space-y-1 text-sm sm:columns-3">
              {c.neverVisited.slice(0, 300).map((s) => (
                <li key={s.urn}>
                  <Link to={`/schools/${s.urn}`} className={linkClass}>
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
            {c.neverVisited.length > 300 ? (
              <p className="mt-2 text-sm text-slate-700">The first 300 by name are shown.</p>
            ) : null}
          </section>
        </>
      ) : null}
      {me?.currentHub?.role === "hub_admin" ? (
        <TargetsForm onSaved={() => queryClient.invalidateQueries({ queryKey: engagementKeys.all })} />
      ) : null}
    </div>
  );
}
