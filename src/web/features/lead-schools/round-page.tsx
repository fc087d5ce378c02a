import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { FOCUS_AREA_LABELS } from "../../../shared/rules/focus-areas";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Alert,
  Badge,
  Button,
  cx,
  EmptyState,
  ExportButton,
  FilterSelect,
  focusRing,
  Loading,
  PageHeader,
  Pagination,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { A, applicationsQuery, roundQuery, STATUS_LABELS } from "./lead-schools-api";
import { CriteriaSection } from "./round-criteria";
import { InviteSection, PanelSection } from "./round-panel";
import { RoundEditor, stageLabel } from "./rounds-page";

/** /lead-schools/rounds/:id — a round, its timeline, and its applications. */
export function RoundPage() {
  const { id = "" } = useParams();
  const round = useQuery(roundQuery(id));
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const apps = useQuery(applicationsQuery({ roundId: id, status, page, pageSize: 50 }));
  const me = useMe();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(round.data?.title ?? "Round");
  if (round.isPending) return <Loading label="Loading the round…" />;
  if (round.isError) return <Alert tone="error">{errorMessage(round.error)}</Alert>;
  const r = round.data;
  const slug = me.data?.currentHub?.hubSlug;
  const admin = currentRole(me.data) === "hub_admin";
  return (
    <div>
      <PageHeader
        title={r.title}
        description={`${stageLabel(r.stage)}. Closes ${formatUkDate(r.closesOn)}; shortlist told ${formatUkDate(r.shortlistOn)}; visits from ${formatUkDate(r.visitsFrom)}; announced ${formatUkDate(r.announceOn)}.`}
        actions={
          <>
            {slug ? (
              <a
                href={`/h/${slug}/lead-school-rounds/${r.id}`}
                className={cx("text-sm text-blue-800 underline", focusRing)}
              >
                Public page
              </a>
            ) : null}
            {admin && !editing ? (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit
              </Button>
            ) : null}
          </>
        }
      />
      {editing ? <RoundEditor round={r} onSaved={() => setEditing(false)} /> : null}
      {admin && r.stage === "open" ? <InviteSection round={r} /> : null}
      <CriteriaSection key={`criteria-${r.id}`} round={r} admin={admin} />
      {admin ? <PanelSection round={r} /> : null}
      <section aria-labelledby="apps" className="mt-6">
        <h2 id="apps" className="mb-2 text-lg font-semibold">
          Applications
        </h2>
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <ExportButton
            href={`${A}/export.csv`}
            format="csv"
            query={{ roundId: id, status }}
            noun="applications"
          />
        </div>
        <div className="mb-3 max-w-xs">
          <FilterSelect
            label="Status"
            placeholder="Any status"
            options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
          />
        </div>
        {apps.data && apps.data.items.length === 0 ? <EmptyState title="No applications yet" /> : null}
        {apps.data && apps.data.items.length > 0 ? (
          <>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Applications</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">
                    School
                  </th>
                  <th scope="col" className="p-2">
                    Status
                  </th>
                  <th scope="col" className="p-2">
                    Focus areas
                  </th>
                  <th scope="col" className="p-2">
                    Reviews
                  </th>
                  <th scope="col" className="p-2">
                    Mean / moderated
                  </th>
                </tr>
              </thead>
              <tbody>
                {apps.data.items.map((a) => (
                  <tr key={a.id} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-medium">
                      <Link
                        to={`/lead-schools/applications/${a.id}/review`}
                        className={cx("text-blue-800 underline", focusRing)}
                      >
                        {a.schoolName}
                      </Link>
                    </th>
                    <td className="p-2">
                      <Badge>{STATUS_LABELS[a.status]}</Badge>
                    </td>
                    <td className="p-2">{a.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join(", ")}</td>
                    <td className="p-2">{a.reviews}</td>
                    <td className="p-2">
                      {a.meanTotal ?? "–"} / {a.moderatedTotal ?? "–"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination
              page={page}
              pageSize={50}
              total={apps.data.total}
              onPageChange={setPage}
              noun="applications"
            />
          </>
        ) : null}
      </section>
    </div>
  );
}
