import { useQuery } from "@tanstack/react-query";
import { termLabel } from "../../../shared/rules/cpd-term";
import { PHASE_LABELS, type Phase } from "../../../shared/rules/phase";
import { errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, buttonClasses, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { reachQuery } from "./cpd-api";

/** /cpd/reach — schools and staff reached per term, schools not engaged, national return figures. */
export function ReachPage() {
  useDocumentTitle("CPD reach");
  const reach = useQuery(reachQuery());
  const role = currentRole(useMe().data);
  if (reach.isPending) return <Loading label="Loading reach…" />;
  if (reach.isError) return <Alert tone="error">{errorMessage(reach.error)}</Alert>;
  const r = reach.data;
  return (
    <div>
      <PageHeader
        title={`CPD reach ${r.year}`}
        actions={
          role === "hub_admin" ? (
            <>
              <a className={buttonClasses("secondary")} href="/api/cpd/invoices.csv" download>
                Invoice summary (CSV)
              </a>
              <a className={buttonClasses("secondary")} href="/api/cpd/invoices.xlsx" download>
                Invoice summary (XLSX)
              </a>
            </>
          ) : null
        }
      />
      <section aria-labelledby="national" className="mb-6">
        <h2 id="national" className="text-lg font-semibold">
          National return
        </h2>
        <dl className="grid grid-cols-3 gap-3">
          <div>
            <dt>CPD sessions</dt>
            <dd className="text-2xl font-bold">{r.nationalReturn.sessions}</dd>
          </div>
          <div>
            <dt>Attendees</dt>
            <dd className="text-2xl font-bold">{r.nationalReturn.attendees}</dd>
          </div>
          <div>
            <dt>Schools reached</dt>
            <dd className="text-2xl font-bold">{r.nationalReturn.schoolsReached}</dd>
          </div>
        </dl>
      </section>
      {r.terms.map((t) => (
        <section key={t.term} className="mb-4">
          <h2 className="text-lg font-semibold">{termLabel(t.term)}</h2>
          <p className="text-sm">
            By phase:{" "}
            {t.byPhase.length
              ? t.byPhase
                  .map(
                    (p) =>
                      `${PHASE_LABELS[p.phase as Phase] ?? p.phase} ${p.schools} schools, ${p.staff} staff`,
                  )
                  .join("; ")
              : "none"}
          </p>
          <p className="text-sm">
            By area:{" "}
            {t.byArea.length
              ? t.byArea.map((a) => `${a.area} ${a.schools} schools, ${a.staff} staff`).join("; ")
              : "none"}
          </p>
        </section>
      ))}
      <section>
        <h2 className="text-lg font-semibold">Schools not engaged this year ({r.notEngaged.length})</h2>
        <ul className="columns-1 text-sm sm:columns-2">
          {r.notEngaged.slice(0, 200).map((s) => (
            <li key={s.urn}>
              {s.name} ({s.urn})
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
