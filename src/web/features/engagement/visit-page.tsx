import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { CancelInput, RescheduleInput, type Visit } from "../../../shared/schemas/engagement";
import { errorMessage } from "../../api/client";
import { Alert, Badge, Button, ButtonLink, Loading, PageHeader, TextField } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { cancelVisit, engagementKeys, PURPOSE_LABELS, rescheduleVisit, visitQuery } from "./engagement-api";
import { EngagementTabs } from "./engagement-tabs";
import { serverProblems, zodProblems } from "./form-bits";
import { linkClass } from "./my-schools-page";
import { REPORT_LABELS } from "./visits-page";

function RescheduleForm({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const [date, setDate] = useState(visit.date);
  const [time, setTime] = useState(visit.time ?? "");
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: { date: string; time?: string | null | undefined; reason: string }) =>
      rescheduleVisit(visit.id, { ...body, time: body.time ?? null }),
    onSuccess: onDone,
    onError: (e) => setProblems(serverProblems(e)),
  });
  return (
    <form
      noValidate
      aria-labelledby="reschedule-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = RescheduleInput.safeParse({ date, time: time || null, reason });
        if (!parsed.success) return setProblems(zodProblems(parsed.error));
        setProblems({});
        save.mutate(parsed.data);
      }}
    >
      <h2 id="reschedule-heading" className="font-semibold text-slate-900">
        Move the visit
      </h2>
      {problems.form ? <Alert tone="error">{problems.form}</Alert> : null}
      <TextField
        label="New date"
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={problems.date}
      />
      <TextField
        label="New time"
        type="time"
        optional
        value={time}
        onChange={(e) => setTime(e.target.value)}
        error={problems.time}
      />
      <TextField
        label="Reason for the change"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={problems.reason}
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        Move the visit
      </Button>
    </form>
  );
}

function CancelForm({ visit, onDone }: { visit: Visit; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (r: string) => cancelVisit(visit.id, r),
    onSuccess: onDone,
    onError: (e) => setProblems(serverProblems(e)),
  });
  return (
    <form
      noValidate
      aria-labelledby="cancel-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = CancelInput.safeParse({ reason });
        if (!parsed.success) return setProblems(zodProblems(parsed.error));
        setProblems({});
        save.mutate(parsed.data.reason);
      }}
    >
      <h2 id="cancel-heading" className="font-semibold text-slate-900">
        Cancel the visit
      </h2>
      {problems.form ? <Alert tone="error">{problems.form}</Alert> : null}
      <TextField
        label="Reason for cancelling"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={problems.reason}
      />
      <Button type="submit" variant="danger" disabled={save.isPending}>
        Cancel the visit
      </Button>
    </form>
  );
}

/** /engagement/visits/:id — a visit, its report, and moving or cancelling it. */
export function VisitPage() {
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const visit = useQuery(visitQuery(id));
  const [done, setDone] = useState<string | null>(null);
  useDocumentTitle(visit.data ? `Visit to ${visit.data.schoolName}` : "Visit");
  const refresh = (message: string) => async () => {
    setDone(message);
    await queryClient.invalidateQueries({ queryKey: engagementKeys.all });
  };
  if (visit.isPending) return <Loading label="Loading the visit…" />;
  if (visit.isError) return <Alert tone="error">{errorMessage(visit.error)}</Alert>;
  const v = visit.data;
  return (
    <div>
      <PageHeader
        title={`Visit to ${v.schoolName}`}
        description={`${PURPOSE_LABELS[v.purpose]} on ${formatDate(v.date)}${v.time ? ` at ${v.time}` : ""}`}
        actions={
          v.status === "scheduled" ? (
            <ButtonLink to={`/engagement/visits/${v.id}/report`}>
              {v.reportStatus === "none" ? "Write the report" : "Open the report"}
            </ButtonLink>
          ) : null
        }
      />
      <EngagementTabs />
      {done ? <Alert tone="success">{done}</Alert> : null}
      <dl className="mb-6 grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-slate-700">School</dt>
        <dd>
          <Link to={`/schools/${v.urn}`} className={linkClass}>
            {v.schoolName}
          </Link>{" "}
          (URN {v.urn})
        </dd>
        <dt className="text-slate-700">Status</dt>
        <dd>
          {v.status === "cancelled" ? (
            <Badge tone="neutral">Cancelled</Badge>
          ) : v.recorded ? (
            "Recorded"
          ) : (
            "Scheduled"
          )}
        </dd>
        <dt className="text-slate-700">Attending</dt>
        <dd>{v.attendees.map((a) => a.name).join(", ") || "Nobody named"}</dd>
        <dt className="text-slate-700">Report</dt>
        <dd>{REPORT_LABELS[v.reportStatus]}</dd>
        {v.changeReason ? (
          <>
            <dt className="text-slate-700">Last change</dt>
            <dd>{v.changeReason}</dd>
          </>
        ) : null}
        {v.notes ? (
          <>
            <dt className="text-slate-700">Notes</dt>
            <dd className="whitespace-pre-line">{v.notes}</dd>
          </>
        ) : null}
      </dl>
      {v.status === "scheduled" && !v.recorded ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <RescheduleForm visit={v} onDone={refresh("The visit was moved and the school told.")} />
          <CancelForm visit={v} onDone={refresh("The visit was cancelled and the school told.")} />
        </div>
      ) : null}
    </div>
  );
}
