import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  type GovernanceReport,
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  type Plan,
  type PlanStatus,
} from "../../../shared/schemas/plans";
import { api, errorMessage, isApiError } from "../../api/client";
import { Alert, Button, Select, TextField } from "../../components/ui";
import { percent, reviewsQuery, updatesQuery, uploadFile } from "./plans-api";

const targetsOf = (plan: Plan) =>
  plan.objectives.flatMap((o) =>
    o.actions.flatMap((a) => a.targets.filter((t) => !t.retired).map((t) => ({ ...t, objective: o.number }))),
  );

const fieldError = (error: unknown, path: string) =>
  isApiError(error) ? error.fields.find((f) => f.path === path)?.message : undefined;

/** Progress updates: an owner's words, links and files of evidence, and the target's status. */
export function UpdatesSection({ plan }: { plan: Plan }) {
  const updates = useQuery(updatesQuery(plan.id));
  const client = useQueryClient();
  const targets = targetsOf(plan);
  const [targetId, setTargetId] = useState("");
  const [text, setText] = useState("");
  const [link, setLink] = useState("");
  const [status, setStatus] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const post = useMutation({
    mutationFn: async () => {
      const uploaded = file ? await uploadFile<{ id: string }>(`/api/plans/${plan.id}/files`, file) : null;
      return api.post(`/api/plans/${plan.id}/updates`, {
        targetId,
        text,
        links: link ? [link] : [],
        fileIds: uploaded ? [uploaded.id] : [],
        ...(status ? { status } : {}),
      });
    },
    onSuccess: () => {
      setText("");
      setLink("");
      setFile(null);
      return client.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate();
  };
  return (
    <section aria-labelledby="updates" className="mb-8">
      <h2 id="updates" className="mb-2 text-lg font-semibold text-slate-900">
        Progress updates
      </h2>
      <form
        onSubmit={submit}
        className="mb-4 grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-4"
        noValidate
      >
        <Select
          label="Target"
          placeholder="Choose a target"
          options={targets.map((t) => ({ value: t.id, label: `${t.objective}. ${t.text}` }))}
          value={targetId}
          onChange={(e) => setTargetId(e.target.value)}
          error={fieldError(post.error, "targetId")}
        />
        <TextField
          label="Update"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={fieldError(post.error, "text")}
          limit={5000}
        />
        <TextField
          label="Link to evidence"
          optional
          value={link}
          onChange={(e) => setLink(e.target.value)}
          error={fieldError(post.error, "links.0")}
        />
        <div className="space-y-1">
          <label htmlFor="evidence-file" className="block text-sm font-medium text-slate-900">
            File of evidence (optional)
          </label>
          <input
            id="evidence-file"
            type="file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="text-sm"
          />
        </div>
        <Select
          label="Status"
          optional
          placeholder="Leave as it is"
          options={PLAN_STATUSES.map((s) => ({ value: s, label: PLAN_STATUS_LABELS[s].label }))}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        />
        {post.isError && !(isApiError(post.error) && post.error.fields.length) ? (
          <Alert tone="error">{errorMessage(post.error)}</Alert>
        ) : null}
        <div>
          <Button type="submit" disabled={post.isPending}>
            Post update
          </Button>
        </div>
      </form>
      {updates.data?.length ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
          {updates.data.map((u) => (
            <li key={u.id} className="p-3">
              <p className="font-medium text-slate-900">{u.targetText}</p>
              <p>{u.text}</p>
              <p className="text-xs text-slate-700">
                {u.authorName}, {new Date(u.at).toLocaleDateString("en-GB")}
                {u.status ? ` · ${PLAN_STATUS_LABELS[u.status as PlanStatus].label}` : ""}
              </p>
              {u.links.map((l) => (
                <a
                  key={l}
                  href={l}
                  className="mr-2 text-xs text-blue-800 underline"
                  rel="noreferrer noopener"
                >
                  {l}
                </a>
              ))}
              {u.files.map((f) => (
                <a
                  key={f.id}
                  href={`/api/plans/${plan.id}/files/${f.id}`}
                  className="mr-2 text-xs text-blue-800 underline"
                >
                  {f.name}
                </a>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">No updates yet.</p>
      )}
    </section>
  );
}

/** Review cycles: ask the owners for updates, record the group's decisions. */
export function ReviewsSection({ plan, canEdit }: { plan: Plan; canEdit: boolean }) {
  const reviews = useQuery(reviewsQuery(plan.id));
  const client = useQueryClient();
  const targets = targetsOf(plan);
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [decision, setDecision] = useState({ targetId: "", decision: "", note: "", text: "" });
  const refresh = () => client.invalidateQueries({ queryKey: ["plans"] });
  const start = useMutation({
    mutationFn: () => api.post(`/api/plans/${plan.id}/reviews`, { title, dueOn }),
    onSuccess: refresh,
  });
  const open = reviews.data?.find((r) => r.status === "open");
  const decide = useMutation({
    mutationFn: () =>
      api.post(`/api/plans/${plan.id}/reviews/${open?.id}/decisions`, {
        targetId: decision.targetId,
        decision: decision.decision,
        note: decision.note,
        ...(decision.decision === "revise" ? { revised: { text: decision.text || undefined } } : {}),
      }),
    onSuccess: refresh,
  });
  const close = useMutation({
    mutationFn: () => api.post(`/api/plans/${plan.id}/reviews/${open?.id}/close`),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby="reviews" className="mb-8">
      <h2 id="reviews" className="mb-2 text-lg font-semibold text-slate-900">
        Reviews
      </h2>
      {reviews.data?.map((r) => (
        <div key={r.id} className="mb-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <p className="font-medium text-slate-900">
            {r.title} · due {r.dueOn} · {r.status === "open" ? "open" : "closed"} · {r.asked} owners asked
          </p>
          <ul className="list-disc pl-5">
            {r.decisions.map((d) => (
              <li key={d.targetId}>
                {d.targetText}: <strong>{d.decision}</strong>
                {d.note ? ` (${d.note})` : ""}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {canEdit && open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            decide.mutate();
          }}
          className="mb-3 grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-4"
          noValidate
        >
          <Select
            label="Target"
            placeholder="Choose a target"
            options={targets.map((t) => ({ value: t.id, label: `${t.objective}. ${t.text}` }))}
            value={decision.targetId}
            onChange={(e) => setDecision((d) => ({ ...d, targetId: e.target.value }))}
            error={fieldError(decide.error, "targetId")}
          />
          <Select
            label="Decision"
            placeholder="Choose"
            options={[
              { value: "continue", label: "Continue" },
              { value: "revise", label: "Revise" },
              { value: "retire", label: "Retire" },
            ]}
            value={decision.decision}
            onChange={(e) => setDecision((d) => ({ ...d, decision: e.target.value }))}
            error={fieldError(decide.error, "decision")}
          />
          {decision.decision === "revise" ? (
            <TextField
              label="Revised target"
              value={decision.text}
              onChange={(e) => setDecision((d) => ({ ...d, text: e.target.value }))}
            />
          ) : null}
          <TextField
            label="Note"
            optional
            value={decision.note}
            onChange={(e) => setDecision((d) => ({ ...d, note: e.target.value }))}
          />
          {decide.isError && !(isApiError(decide.error) && decide.error.fields.length) ? (
            <Alert tone="error">{errorMessage(decide.error)}</Alert>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={decide.isPending}>
              Record decision
            </Button>
            <Button type="button" variant="secondary" onClick={() => close.mutate()}>
              Close the review
            </Button>
          </div>
        </form>
      ) : null}
      {canEdit && !open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate();
          }}
          className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
          noValidate
        >
          <TextField
            label="Review title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={fieldError(start.error, "title")}
          />
          <TextField
            label="Updates due by"
            type="date"
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
            error={fieldError(start.error, "dueOn")}
          />
          <div className="self-end">
            <Button type="submit" disabled={start.isPending}>
              Start review
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The governance report for a date range: what moved, what is at risk, what falls due, the decisions. */
export function GovernanceSection({ plan }: { plan: Plan }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const report = useMutation({
    mutationFn: () => api.get<GovernanceReport>(`/api/plans/${plan.id}/governance`, { from, to }),
  });
  return (
    <section aria-labelledby="governance" className="mb-8">
      <h2 id="governance" className="mb-2 text-lg font-semibold text-slate-900">
        Governance report
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          report.mutate();
        }}
        className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3"
        noValidate
      >
        <TextField
          label="From"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={fieldError(report.error, "from")}
        />
        <TextField
          label="To"
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fieldError(report.error, "to")}
        />
        <div className="self-end">
          <Button type="submit" disabled={report.isPending}>
            Show the report
          </Button>
        </div>
      </form>
      {report.isError && !(isApiError(report.error) && report.error.fields.length) ? (
        <Alert tone="error">{errorMessage(report.error)}</Alert>
      ) : null}
      {report.data ? (
        <p className="mt-3 text-sm">
          <a
            href={`/api/plans/${plan.id}/governance.pdf?${new URLSearchParams({ from: report.data.from, to: report.data.to })}`}
            className="text-blue-800 underline"
          >
            Download the report as PDF
          </a>
        </p>
      ) : null}
      {report.data ? (
        <div className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <h3 className="font-semibold">What moved</h3>
            <ul className="list-disc pl-5">
              {report.data.moved.map((m) => (
                <li key={m.targetId}>
                  {m.text}: {percent(m.from)} → {percent(m.to)}
                </li>
              ))}
              {report.data.moved.length ? null : <li>Nothing measured moved.</li>}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold">At risk or off track</h3>
            <ul className="list-disc pl-5">
              {report.data.atRisk.map((m) => (
                <li key={m.targetId}>
                  {m.text}: {PLAN_STATUS_LABELS[m.status].label}
                </li>
              ))}
              {report.data.atRisk.length ? null : <li>None.</li>}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold">Due in the period</h3>
            <ul className="list-disc pl-5">
              {report.data.due.map((m) => (
                <li key={m.targetId}>
                  {m.text}: {m.byWhen}
                </li>
              ))}
              {report.data.due.length ? null : <li>None.</li>}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold">Decisions and updates</h3>
            <p>{report.data.updates} updates posted.</p>
            <ul className="list-disc pl-5">
              {report.data.decisions.map((d) => (
                <li key={`${d.targetId}-${d.decision}`}>
                  {d.text}: {d.decision}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}
