import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { FOCUS_AREA_LABELS } from "../../../shared/rules/focus-areas";
import { DOCUMENT_LABELS } from "../../../shared/rules/lead-school-eligibility";
import { errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, Badge, cx, focusRing, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { CoverageMatrix, GapList } from "./coverage-view";
import { A, applicationQuery, coverageQuery, STATUS_LABELS } from "./lead-schools-api";
import { AppointForm, DecisionForm, ScoreForm, VisitForm } from "./review-forms";

const ANSWER_LABELS: [string, string][] = [
  ["focusReasons", "Why these focus areas"],
  ["trackRecord", "Track record"],
  ["curriculum", "Curriculum breadth and progression"],
  ["localNeeds", "Knowledge of local needs"],
  ["ks45Provision", "KS4 and KS5 provision"],
  ["sendProvision", "SEND provision"],
  ["instrumentPupils", "Pupils learning instruments"],
  ["fsmPupilsEngaged", "FSM pupils engaged"],
  ["extraCurricularPupils", "Co- and extra-curricular pupils"],
  ["ks4Uptake", "KS4 uptake"],
  ["ks5Uptake", "KS5 uptake"],
];

/** /lead-schools/applications/:id/review — the panel's page: answers, eligibility, the what-if, scores and decisions. */
export function ReviewPage() {
  const { id = "" } = useParams();
  const app = useQuery(applicationQuery(id));
  const me = useMe();
  const role = currentRole(me.data);
  const hubUser = role === "hub_admin" || role === "hub_staff";
  const cov = useQuery({
    ...coverageQuery({ applicationId: id }),
    enabled: app.data !== undefined && hubUser,
  });
  useDocumentTitle(app.data ? `Review: ${app.data.schoolName}` : "Review");
  if (app.isPending) return <Loading label="Loading the application…" />;
  if (app.isError) return <Alert tone="error">{errorMessage(app.error)}</Alert>;
  const a = app.data;
  const answers = a.answers as Record<string, unknown>;
  return (
    <div className="space-y-8">
      <PageHeader
        title={`Review: ${a.schoolName}`}
        description={`${a.roundTitle}. ${a.area ?? "No area"}.`}
        actions={<Badge>{STATUS_LABELS[a.status]}</Badge>}
      />
      <section aria-labelledby="answers">
        <h2 id="answers" className="mb-2 text-lg font-semibold">
          The application
        </h2>
        <p className="text-sm">
          Focus areas: {a.answers.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join(", ") || "none chosen"}
        </p>
        <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
          {ANSWER_LABELS.map(([k, label]) => (
            <div key={k}>
              <dt className="font-medium">{label}</dt>
              <dd className="whitespace-pre-line">{String(answers[k] ?? "") || "–"}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-3 font-medium">Documents</h3>
        <ul className="list-disc pl-5 text-sm">
          {a.files.map((f) => (
            <li key={f.id}>
              <a href={`${A}/${a.id}/files/${f.id}`} className={cx("text-blue-800 underline", focusRing)}>
                {DOCUMENT_LABELS[f.kind]}: {f.name}
              </a>
            </li>
          ))}
        </ul>
        <h3 className="mt-3 font-medium">Eligibility</h3>
        {a.eligibility.eligible ? (
          <p className="text-sm text-green-800">Eligible.</p>
        ) : (
          <ul aria-label="Eligibility problems" className="list-disc pl-5 text-sm">
            {a.eligibility.problems.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        )}
      </section>
      {hubUser ? (
        <section aria-labelledby="whatif">
          <h2 id="whatif" className="mb-2 text-lg font-semibold">
            How this school would change the coverage
          </h2>
          {cov.data?.whatIf ? (
            <>
              <p className="mb-2 text-sm">{cov.data.whatIf.summary}</p>
              <h3 className="font-medium">Gaps that would remain</h3>
              <GapList gaps={cov.data.whatIf.remaining} label="Gaps that would remain" />
              <div className="mt-3">
                <CoverageMatrix coverage={cov.data} highlight={cov.data.whatIf} />
              </div>
            </>
          ) : (
            <Loading label="Working out the coverage…" />
          )}
        </section>
      ) : null}
      {a.status !== "draft" ? <ScoreForm applicationId={a.id} admin={role === "hub_admin"} /> : null}
      {role === "hub_admin" && (a.status === "submitted" || a.status === "shortlisted") ? (
        <DecisionForm app={a} />
      ) : null}
      {hubUser && (a.status === "shortlisted" || a.status === "appointed") ? (
        <VisitForm applicationId={a.id} />
      ) : null}
      {role === "hub_admin" && a.status === "shortlisted" ? <AppointForm app={a} /> : null}
    </div>
  );
}
