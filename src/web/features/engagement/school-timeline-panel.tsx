import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { Alert, FilterSelect, Loading, Pagination } from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { timelineQuery } from "./engagement-api";
import { linkClass } from "./my-schools-page";

const PAGE_SIZE = 10;
const KIND_LABELS: Record<string, string> = {
  visit: "Visits",
  report: "Reports",
  rag: "Ratings",
  audit: "Audits",
};

/**
 * The school's engagement story from every capability's timeline sources (GET
 * /api/schools/:urn/timeline): visits, reports, ratings… A school user sees only what is shared.
 */
export function SchoolTimelinePanel({ urn }: { urn: number }) {
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string | undefined>();
  const timeline = useQuery(timelineQuery(urn, { page, pageSize: PAGE_SIZE, kind }));
  return (
    <section
      aria-labelledby="engagement-timeline"
      className="rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="engagement-timeline" className="mb-3 text-lg font-semibold text-slate-900">
        Visits and reports
      </h2>
      {timeline.isPending ? <Loading label="Loading the visits and reports…" /> : null}
      {timeline.isError ? <Alert tone="error">{errorMessage(timeline.error)}</Alert> : null}
      {timeline.data ? (
        <>
          {timeline.data.kinds.length > 1 ? (
            <FilterSelect
              className="mb-3 max-w-xs"
              label="Show"
              placeholder="Everything"
              options={timeline.data.kinds.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPage(1);
              }}
            />
          ) : null}
          {timeline.data.items.length === 0 ? (
            <p className="text-sm text-slate-700">No visits yet.</p>
          ) : (
            <ol
              className="space-y-3 border-l-2 border-slate-200 pl-4"
              aria-label="Visits, reports and ratings"
            >
              {timeline.data.items.map((e) => (
                <li key={`${e.at}-${e.kind}-${e.title}`} className="text-sm">
                  <p className="text-xs text-slate-700">
                    <time dateTime={e.at}>
                      {e.at.length === 10 ? formatDate(e.at) : formatDateTime(e.at)}
                    </time>
                  </p>
                  <p className="font-medium text-slate-900">
                    {e.href ? (
                      <Link to={e.href} className={linkClass}>
                        {e.title}
                      </Link>
                    ) : (
                      e.title
                    )}
                  </p>
                  {e.detail ? <p className="text-slate-800">{e.detail}</p> : null}
                </li>
              ))}
            </ol>
          )}
          {timeline.data.total > PAGE_SIZE ? (
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={timeline.data.total}
              onPageChange={setPage}
              noun="entries"
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
