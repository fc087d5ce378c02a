import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { JUDGEMENTS, type Report, ReportInput, type Visit } from "../../../shared/schemas/engagement";
import { errorMessage, isApiError } from "../../api/client";
import { useMe } from "../../api/session";
import {
  Alert,
  Badge,
  Button,
  buttonClasses,
  Loading,
  PageHeader,
  Select,
  TextField,
} from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import {
  approveReport,
  engagementKeys,
  PURPOSE_LABELS,
  reportQuery,
  saveReport,
  visitQuery,
} from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { serverProblems, TextArea, zodProblems } from "./form-bits";
import { visitAuditQuery } from "./phases-api";

/**
 * The default audit sections (issue 10, following the seeds): what a report judges when the hub
 * has no audit yet. Otherwise the sections are those of the audit version in force for the visit
 * (`GET /api/visits/:id/audit`: the version the school submitted, or the hub's newest).
 */
export const REPORT_SECTIONS = [
  "Curriculum and timetable time",
  "Singing",
  "Whole-class and instrumental teaching",
  "Ensembles and co-curricular",
  "Inclusion and SEND",
  "Assessment and progression",
  "Leadership and the school development plan",
  "Staff skills and CPD",
  "Partnerships",
];
const JUDGEMENT_LABELS = { strength: "Strength", developing: "Developing", priority: "Priority" } as const;
type Judgement = (typeof JUDGEMENTS)[number];
type Step = {
  uid: string;
  text: string;
  owner: "school" | "hub";
  due: string;
  status: "open" | "done" | "dropped";
};

/**
 * The sections a report judges: the audit's (or the defaults when there is none), then any section
 * an earlier save judged that the audit no longer has, so no judgement is lost on the next save.
 */
export const reportSections = (auditSections: readonly string[], report: Report | null): string[] => {
  const base = auditSections.length ? auditSections : REPORT_SECTIONS;
  return [...new Set([...base, ...(report?.judgements.map((j) => j.section) ?? [])])];
};

const initial = (report: Report | null, sections: readonly string[]) => ({
  summary: report?.summary ?? "",
  seen: report?.seen ?? "",
  judgements: Object.fromEntries(
    sections.map((s) => [s, report?.judgements.find((j) => j.section === s)?.judgement ?? ""]),
  ) as Record<string, Judgement | "">,
  steps: (report?.nextSteps ?? []).map(
    (s): Step => ({ uid: s.id, text: s.text, owner: s.owner, due: s.due ?? "", status: s.status }),
  ),
});

function ReportForm({
  visit,
  report,
  isAdmin,
  sections,
  sectionsFrom,
}: {
  visit: Visit;
  report: Report | null;
  isAdmin: boolean;
  sections: readonly string[];
  sectionsFrom: string;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => initial(report, sections));
  const [version, setVersion] = useState(report?.version ?? 0);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [stale, setStale] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const change = (next: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...next }));
    setDirty(true);
    setSaved(null);
  };
  const setStep = (i: number, next: Partial<Step>) =>
    change({ steps: form.steps.map((s, j) => (i === j ? { ...s, ...next } : s)) });
  const save = useMutation({
    mutationFn: (body: ReportInput) => saveReport(visit.id, body),
    onSuccess: (r) => {
      setVersion(r.version);
      setDirty(false);
      setSaved(`Draft saved at ${formatDateTime(r.updatedAt)}.`);
      void queryClient.invalidateQueries({ queryKey: ["engagement", "visits"] });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) setStale(error.message);
      else setProblems(serverProblems(error));
    },
  });
  const approve = useMutation({
    mutationFn: () => approveReport(visit.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: engagementKeys.all });
    },
    onError: (error) => setProblems({ form: errorMessage(error) }),
  });
  const submit = () => {
    const parsed = ReportInput.safeParse({
      summary: form.summary,
      seen: form.seen || null,
      judgements: sections.flatMap((section) => {
        const judgement = form.judgements[section];
        return judgement ? [{ section, judgement, seen: null }] : [];
      }),
      nextSteps: form.steps.map((s) => ({
        text: s.text,
        owner: s.owner,
        due: s.due || null,
        status: s.status,
      })),
      version,
    });
    if (!parsed.success) return setProblems(zodProblems(parsed.error));
    setProblems({});
    setStale(null);
    save.mutate(parsed.data);
  };
  const reload = async () => {
    setStale(null);
    await queryClient.invalidateQueries({ queryKey: engagementKeys.report(visit.id) });
  };
  return (
    <form
      noValidate
      className="max-w-3xl space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {stale ? (
        <Alert tone="error" title="This report changed while you were editing">
          <p>{stale}</p>
          <Button type="button" variant="secondary" className="mt-2" onClick={reload}>
            Reload the report
          </Button>
        </Alert>
      ) : null}
      {problems.form ? <Alert tone="error">{problems.form}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      <fieldset className="space-y-3">
        <legend className="mb-2 text-lg font-semibold text-slate-900">Judgements by section</legend>
        <p className="text-sm text-slate-700" data-testid="report-sections-from">
          {sectionsFrom}
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {sections.map((section) => (
            <Select
              key={section}
              label={section}
              placeholder="Not judged"
              options={JUDGEMENTS.map((j) => ({ value: j, label: JUDGEMENT_LABELS[j] }))}
              value={form.judgements[section] ?? ""}
              onChange={(e) =>
                change({ judgements: { ...form.judgements, [section]: e.target.value as Judgement | "" } })
              }
            />
          ))}
        </div>
      </fieldset>
      <TextArea
        id="report-seen"
        label="What was seen"
        value={form.seen}
        onChange={(v) => change({ seen: v })}
        error={problems.seen}
        rows={6}
      />
      <fieldset className="space-y-3">
        <legend className="mb-2 text-lg font-semibold text-slate-900">Next steps</legend>
        {form.steps.length === 0 ? <p className="text-sm text-slate-700">No next steps yet.</p> : null}
        {form.steps.map((s, i) => (
          <div
            key={s.uid}
            className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto]"
          >
            <TextField
              label={`Next step ${i + 1}`}
              value={s.text}
              onChange={(e) => setStep(i, { text: e.target.value })}
              error={problems[`nextSteps.${i}.text`]}
            />
            <Select
              label="Owner"
              options={[
                { value: "school", label: "The school" },
                { value: "hub", label: "The hub" },
              ]}
              value={s.owner}
              onChange={(e) => setStep(i, { owner: e.target.value as Step["owner"] })}
            />
            <TextField
              label="Due"
              type="date"
              value={s.due}
              onChange={(e) => setStep(i, { due: e.target.value })}
              error={problems[`nextSteps.${i}.due`]}
            />
            <Select
              label="Status"
              options={[
                { value: "open", label: "Open" },
                { value: "done", label: "Done" },
                { value: "dropped", label: "Dropped" },
              ]}
              value={s.status}
              onChange={(e) => setStep(i, { status: e.target.value as Step["status"] })}
            />
            <Button
              type="button"
              variant="ghost"
              className="self-end"
              onClick={() => change({ steps: form.steps.filter((_, j) => j !== i) })}
            >
              Remove<span className="sr-only"> next step {i + 1}</span>
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            change({
              steps: [
                ...form.steps,
                { uid: crypto.randomUUID(), text: "", owner: "school", due: "", status: "open" },
              ],
            })
          }
        >
          Add a next step
        </Button>
      </fieldset>
      <TextArea
        id="report-summary"
        label="Summary for the school"
        description="The school's users read this once a hub admin approves the report."
        value={form.summary}
        onChange={(v) => change({ summary: v })}
        error={problems.summary}
        rows={6}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={save.isPending}>
          Save draft
        </Button>
        {isAdmin && version > 0 ? (
          <Button
            type="button"
            variant="secondary"
            disabled={dirty || approve.isPending}
            onClick={() => approve.mutate()}
          >
            Approve and share with the school
          </Button>
        ) : null}
      </div>
      {isAdmin && dirty && version > 0 ? (
        <p className="text-sm text-slate-700">Save your changes before approving.</p>
      ) : null}
    </form>
  );
}

function ApprovedReport({ visit, report }: { visit: Visit; report: Report }) {
  return (
    <div className="max-w-3xl space-y-4 text-sm">
      <Alert tone="success">Approved on {formatDate(report.approvedAt)} and shared with the school.</Alert>
      <a href={`/api/visits/${visit.id}/report.pdf`} download className={buttonClasses("secondary")}>
        Download the report (PDF)
      </a>
      <h2 className="text-lg font-semibold text-slate-900">Judgements</h2>
      <ul className="space-y-1">
        {report.judgements.map((j) => (
          <li key={j.section}>
            {j.section}:{" "}
            <Badge
              tone={j.judgement === "priority" ? "red" : j.judgement === "developing" ? "amber" : "green"}
            >
              {JUDGEMENT_LABELS[j.judgement]}
            </Badge>
          </li>
        ))}
      </ul>
      <h2 className="text-lg font-semibold text-slate-900">Next steps</h2>
      <ul className="list-disc space-y-1 pl-5">
        {report.nextSteps.map((s) => (
          <li key={s.id}>
            {s.text} ({s.owner === "school" ? "the school" : "the hub"}, due {formatDate(s.due)}, {s.status})
          </li>
        ))}
      </ul>
      <h2 className="text-lg font-semibold text-slate-900">Summary for the school</h2>
      <p className="whitespace-pre-line">{report.summary}</p>
    </div>
  );
}

/** The report form, judging the sections of the audit version in force for the visit. */
function ReportFormForAudit(props: { visit: Visit; report: Report | null; isAdmin: boolean }) {
  const audit = useQuery(visitAuditQuery(props.visit.id));
  if (audit.isPending) return <Loading label="Loading the audit's sections…" />;
  const a = audit.data;
  const titles = a?.sections.map((s) => s.title) ?? [];
  const sectionsFrom = !titles.length
    ? "The sections of the default audit (the hub has no audit yet)."
    : a?.audit
      ? `The sections of the audit the school submitted: ${a.audit.title}, version ${a.audit.version}.`
      : "The sections of the hub's current audit (the school has not submitted one).";
  return (
    <ReportForm {...props} sections={reportSections(titles, props.report)} sectionsFrom={sectionsFrom} />
  );
}

/** /engagement/visits/:id/report — write the report (draft), approve it (hub admins), or read it. */
export function ReportEditorPage() {
  const { id = "" } = useParams();
  const visit = useQuery(visitQuery(id));
  const report = useQuery(reportQuery(id));
  const { data: me } = useMe();
  useDocumentTitle(visit.data ? `Report of the visit to ${visit.data.schoolName}` : "Visit report");
  if (visit.isPending || report.isPending) return <Loading label="Loading the report…" />;
  if (visit.isError) return <Alert tone="error">{errorMessage(visit.error)}</Alert>;
  if (report.isError) return <Alert tone="error">{errorMessage(report.error)}</Alert>;
  const v = visit.data;
  const r = report.data;
  return (
    <div>
      <PageHeader
        title={`Report: ${v.schoolName}`}
        description={`${PURPOSE_LABELS[v.purpose]} on ${formatDate(v.date)}. ${
          r
            ? r.status === "approved"
              ? "Shared with the school."
              : `Draft, version ${r.version}.`
            : "Not started."
        }`}
      />
      <EngagementTabs />
      {r?.status === "approved" ? (
        <ApprovedReport visit={v} report={r} />
      ) : (
        <ReportFormForAudit
          key={r?.version ?? 0}
          visit={v}
          report={r}
          isAdmin={me?.currentHub?.role === "hub_admin"}
        />
      )}
    </div>
  );
}
