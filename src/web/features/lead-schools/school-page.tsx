import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { FOCUS_AREA_LABELS } from "../../../shared/rules/focus-areas";
import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert, Badge, cx, EmptyState, focusRing, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { applicationsQuery, roundQuery, STATUS_LABELS, toReviewQuery } from "./lead-schools-api";

const linkClass = cx("font-medium text-blue-800 underline", focusRing);

function RoundTitle({ id }: { id: string }) {
  const round = useQuery(roundQuery(id));
  return <>{round.data?.title ?? "A recruitment round"}</>;
}

/** /lead-schools/school — a school user's Lead School applications, and what it reviews on a panel. */
export function SchoolLeadSchoolsPage() {
  useDocumentTitle("Lead Schools");
  const me = useMe();
  const slug = me.data?.currentHub?.hubSlug;
  const mine = useQuery(applicationsQuery({ page: 1, pageSize: 50 }));
  const toReview = useQuery(toReviewQuery);
  return (
    <div>
      <PageHeader
        title="Lead Schools"
        description="Your school's applications to become a Lead School, and the applications you score on a panel."
        actions={
          slug ? (
            <a href={`/h/${slug}/lead-schools`} className={linkClass}>
              Lead Schools and open rounds
            </a>
          ) : null
        }
      />
      <section aria-labelledby="ours" className="mb-8">
        <h2 id="ours" className="mb-2 text-lg font-semibold">
          Your school's applications
        </h2>
        {mine.isPending ? <Loading label="Loading your applications…" /> : null}
        {mine.isError ? <Alert tone="error">{errorMessage(mine.error)}</Alert> : null}
        {mine.data && mine.data.items.length === 0 ? (
          <EmptyState title="No applications yet">Apply from a round's public page.</EmptyState>
        ) : null}
        {mine.data && mine.data.items.length > 0 ? (
          <ul
            aria-label="Your school's applications"
            className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          >
            {mine.data.items.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm">
                <Link to={`/lead-schools/rounds/${a.roundId}/apply`} className={linkClass}>
                  <RoundTitle id={a.roundId} />
                </Link>
                <Badge>{STATUS_LABELS[a.status]}</Badge>
                <span>{a.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join(", ")}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="review">
        <h2 id="review" className="mb-2 text-lg font-semibold">
          Applications to review
        </h2>
        {toReview.isPending ? <Loading label="Loading the applications to review…" /> : null}
        {toReview.isError ? <Alert tone="error">{errorMessage(toReview.error)}</Alert> : null}
        {toReview.data && toReview.data.length === 0 ? (
          <p className="text-sm">
            None: when the hub names you on a round's panel, its submitted applications are listed here.
          </p>
        ) : null}
        {toReview.data && toReview.data.length > 0 ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Applications to review</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  School
                </th>
                <th scope="col" className="p-2">
                  Round
                </th>
                <th scope="col" className="p-2">
                  Your scores
                </th>
              </tr>
            </thead>
            <tbody>
              {toReview.data.map((a) => (
                <tr key={a.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2">
                    <Link to={`/lead-schools/applications/${a.id}/review`} className={linkClass}>
                      {a.schoolName}
                    </Link>
                  </th>
                  <td className="p-2">{a.roundTitle}</td>
                  <td className="p-2">{a.scored ? "Saved" : "Not scored yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
