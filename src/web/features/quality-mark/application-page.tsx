import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { QM_LEVEL_LABELS, QM_THEME_LABELS } from "../../../shared/rules/quality-mark";
import type { QmApplication } from "../../../shared/schemas/quality-mark";
import { errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, Badge, Loading, PageHeader } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { ApplicationForm } from "./application-form";
import { AssessmentPanel } from "./assessment-panel";
import { ModerationPanel } from "./moderation-panel";
import { applicationQuery, STATUS_LABELS, STATUS_TONES, ukDate } from "./quality-mark-api";
import { AwardDownloads } from "./school-downloads";

/** What the answers show before submitting: the rule's result, in words. */
export function SupportSummary({ app }: { app: QmApplication }) {
  const title = new Map(app.standards.map((s) => [s.id, s.title]));
  const s = app.support;
  return (
    <section
      aria-labelledby="qm-support"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="qm-support" className="text-lg font-semibold text-slate-900">
        What your answers support
      </h2>
      <p className="mt-1">
        {s.supportedLevel
          ? `The answers support ${QM_LEVEL_LABELS[s.supportedLevel]}${s.supportedLevel === app.level ? ", the level applied for" : ""}.`
          : "The answers do not yet support a level."}
      </p>
      {s.unanswered.length ? (
        <p className="mt-1">
          Still to answer ({s.unanswered.length}): {s.unanswered.map((id) => title.get(id) ?? id).join("; ")}
        </p>
      ) : null}
      {s.lackingEvidence.length ? (
        <p className="mt-1">
          Evidence needed for: {s.lackingEvidence.map((id) => title.get(id) ?? id).join("; ")}
        </p>
      ) : null}
      {s.ready ? <p className="mt-1 font-medium text-green-800">Ready to submit.</p> : null}
    </section>
  );
}

export const themeOf = (theme: keyof typeof QM_THEME_LABELS) => QM_THEME_LABELS[theme];

/** /quality-mark/applications/:id — the school's form, or the hub's assessment and moderation. */
export function ApplicationPage() {
  const { id = "" } = useParams();
  const me = useMe();
  const role = currentRole(me.data);
  const app = useQuery(applicationQuery(id));
  useDocumentTitle(
    app.data ? `${app.data.schoolName}: quality mark application` : "Quality mark application",
  );
  if (app.isPending) return <Loading label="Loading the application…" />;
  if (app.isError) return <Alert tone="error">{errorMessage(app.error)}</Alert>;
  const a = app.data;
  return (
    <div>
      <PageHeader
        title={`${a.schoolName}: ${QM_LEVEL_LABELS[a.level]} application`}
        description={`Academic year ${a.academicYear}, framework version ${a.frameworkVersion}.`}
      />
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</Badge>
        {a.assessorName ? <span>Assessor: {a.assessorName}</span> : null}
        {a.visit ? <span>Assessment visit: {ukDate(a.visit.date)}</span> : null}
      </p>
      {a.outcomeReasons ? (
        <Alert tone={a.status === "awarded" ? "success" : "info"}>
          {a.status === "awarded" ? "Moderator's reasons" : "Feedback"}: {a.outcomeReasons}
        </Alert>
      ) : null}
      {a.awardId && a.outcomeLevel ? (
        <div className="my-4">
          <AwardDownloads
            award={{
              id: a.awardId,
              level: a.outcomeLevel,
              academicYear: a.academicYear,
              urn: a.urn,
              schoolName: a.schoolName,
              awardedOn: "",
              validUntil: "",
              status: "current",
              applicationId: a.id,
            }}
          />
        </div>
      ) : null}
      <SupportSummary app={a} />
      {role === "school_user" ? <ApplicationForm app={a} /> : <AssessmentPanel app={a} />}
      {role === "hub_admin" && a.status === "assessed" ? <ModerationPanel app={a} /> : null}
    </div>
  );
}
