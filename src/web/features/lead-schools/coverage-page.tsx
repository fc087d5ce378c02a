import { useQuery } from "@tanstack/react-query";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { errorMessage } from "../../api/client";
import { Alert, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { CoverageMatrix, GapList } from "./coverage-view";
import { coverageQuery } from "./lead-schools-api";

/** /lead-schools/coverage — the matrix and the gaps in words. */
export function CoveragePage() {
  useDocumentTitle("Lead School coverage");
  const cov = useQuery(coverageQuery());
  return (
    <div>
      <PageHeader
        title="Lead School coverage"
        description="Whether the Lead Schools in office today cover the seven focus areas, every area and every kind of setting."
      />
      {cov.isPending ? <Loading label="Loading the coverage…" /> : null}
      {cov.isError ? <Alert tone="error">{errorMessage(cov.error)}</Alert> : null}
      {cov.data ? (
        <div className="space-y-6">
          <section aria-labelledby="gaps">
            <h2 id="gaps" className="mb-2 text-lg font-semibold">
              Gaps on {formatUkDate(cov.data.on)} ({cov.data.gaps.length})
            </h2>
            <GapList gaps={cov.data.gaps} label="Gaps" />
          </section>
          <section aria-labelledby="matrix">
            <h2 id="matrix" className="mb-2 text-lg font-semibold">
              Matrix of {cov.data.leads} Lead Schools
            </h2>
            <CoverageMatrix coverage={cov.data} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
