import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { FOCUS_AREA_LABELS, FOCUS_AREAS, type FocusArea } from "../../../shared/rules/focus-areas";
import type { Application, LeadSchool } from "../../../shared/schemas/lead-schools";
import { api } from "../../api/client";
import { Alert, Button, TextField } from "../../components/ui";
import { TextArea, toNumber, useServerErrors } from "./form-bits";
import { A, invalidateAll, reviewsQuery, visitQuery } from "./lead-schools-api";

/** The reviewer's own scores per criterion (independent of the others); the moderator sees all. */
export function ScoreForm({ applicationId, admin }: { applicationId: string; admin: boolean }) {
  const reviews = useQuery(reviewsQuery(applicationId));
  const me = reviews.data?.reviews;
  const [scores, setScores] = useState<Record<string, { score: string; comment: string }>>({});
  const [total, setTotal] = useState("");
  const errors = useServerErrors();
  const [done, setDone] = useState<string | null>(null);
  if (reviews.isError) return <Alert tone="warning">{(reviews.error as Error).message}</Alert>;
  if (!reviews.data) return null;
  const criteria = reviews.data.criteria;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await api.put(`${A}/${applicationId}/reviews/mine`, {
        scores: criteria.map((c) => ({
          criterionId: c.id,
          score: Number(scores[c.id]?.score ?? 0),
          comment: scores[c.id]?.comment ?? "",
        })),
      });
      setDone("Your scores are saved.");
      await invalidateAll();
    } catch (err) {
      errors.take(err);
    }
  };
  const moderate = async () => {
    errors.clear();
    try {
      await api.post(`${A}/${applicationId}/moderate`, { total: Number(total) });
      setDone("Moderated total saved.");
      await invalidateAll();
    } catch (err) {
      errors.take(err);
    }
  };
  return (
    <section aria-labelledby="scores">
      <h2 id="scores" className="mb-2 text-lg font-semibold">
        Scores
      </h2>
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <form onSubmit={save} className="space-y-3" aria-label="Your scores">
        {criteria.map((c, i) => (
          <div key={c.id} className="grid gap-2 sm:grid-cols-3">
            <TextField
              label={`${c.label} (out of ${c.max})`}
              type="number"
              min={0}
              max={c.max}
              value={scores[c.id]?.score ?? ""}
              error={errors.fields[`scores.${i}.score`] ?? errors.fields[`scores.${c.id}`]}
              onChange={(e) =>
                setScores((s) => ({
                  ...s,
                  [c.id]: { score: e.target.value, comment: s[c.id]?.comment ?? "" },
                }))
              }
            />
            <div className="sm:col-span-2">
              <TextArea
                label={`Comment on ${c.label.toLowerCase()}`}
                rows={2}
                optional
                value={scores[c.id]?.comment ?? ""}
                onChange={(e) =>
                  setScores((s) => ({
                    ...s,
                    [c.id]: { score: s[c.id]?.score ?? "", comment: e.target.value },
                  }))
                }
              />
            </div>
          </div>
        ))}
        <Button type="submit">Save my scores</Button>
      </form>
      {me && me.length > 0 ? (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="text-left font-medium">
            {admin ? "Every reviewer's scores" : "Your scores"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Reviewer</th>
              <th scope="col">Total</th>
              <th scope="col">Comments</th>
            </tr>
          </thead>
          <tbody>
            {me.map((r) => (
              <tr key={r.reviewerId}>
                <th scope="row">{r.reviewerName}</th>
                <td>{r.total}</td>
                <td>
                  {r.scores
                    .map((s) => s.comment)
                    .filter(Boolean)
                    .join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {admin ? (
        <div className="mt-4 flex items-end gap-3">
          <p className="text-sm">
            Mean total: {reviews.data.meanTotal ?? "–"}. Moderated total: {reviews.data.moderatedTotal ?? "–"}
            .
          </p>
          <TextField
            label="Moderated total"
            type="number"
            min={0}
            value={total}
            onChange={(e) => setTotal(e.target.value)}
          />
          <Button type="button" variant="secondary" onClick={() => void moderate()}>
            Save moderated total
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** Shortlist or decline, with the reason (and feedback for a declined school). */
export function DecisionForm({ app }: { app: Application }) {
  const [reason, setReason] = useState("");
  const [feedback, setFeedback] = useState("");
  const errors = useServerErrors();
  const decide = async (what: "shortlist" | "decline") => {
    errors.clear();
    try {
      await api.post(`${A}/${app.id}/${what}`, { reason, feedback });
      await invalidateAll();
    } catch (err) {
      errors.take(err);
    }
  };
  return (
    <section aria-labelledby="decision" className="space-y-3">
      <h2 id="decision" className="text-lg font-semibold">
        Decision
      </h2>
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      <TextArea
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.fields.reason}
      />
      <TextArea
        label="Feedback for the school"
        optional
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
      />
      <div className="flex gap-3">
        {app.status === "submitted" ? (
          <Button type="button" onClick={() => void decide("shortlist")}>
            Shortlist
          </Button>
        ) : null}
        <Button type="button" variant="danger" onClick={() => void decide("decline")}>
          Decline
        </Button>
      </div>
    </section>
  );
}

const OBS = [
  ["observations.lessons", "Lessons observed"],
  ["observations.extraCurricular", "Co- and extra-curricular activities"],
  ["observations.assemblies", "Assemblies"],
  ["discussions.staff", "Discussion with staff"],
  ["discussions.pupils", "Discussion with pupils"],
  ["discussions.sltGovernors", "Discussion with SLT and governors"],
  ["discussions.musicLead", "Discussion with the music lead"],
  ["figures.ofstedReport", "Ofsted report"],
  ["figures.sendProvision", "SEND provision"],
] as const;
const FIG = [
  ["figures.ks45Uptake", "KS4/5 uptake"],
  ["figures.instrumentPupils", "Pupils in instrumental learning"],
  ["figures.fsmPupilsEngaged", "FSM pupils engaged"],
  ["figures.extraCurricularPupils", "Co- and extra-curricular numbers"],
] as const;

/** The half-day visit and its record. */
export function VisitForm({ applicationId }: { applicationId: string }) {
  const visit = useQuery(visitQuery(applicationId));
  const [v, setV] = useState<Record<string, string>>({});
  const [schedule, setSchedule] = useState(true);
  const errors = useServerErrors();
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    const d = visit.data;
    if (!d) return;
    const flat: Record<string, string> = { date: d.date, time: d.time ?? "" };
    for (const [group, values] of Object.entries({
      observations: d.observations,
      discussions: d.discussions,
      figures: d.figures,
    }))
      for (const [k, val] of Object.entries(values ?? {}))
        flat[`${group}.${k}`] = val === null ? "" : String(val);
    setV(flat);
  }, [visit.data]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    const group = (g: string, numeric = false) =>
      Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k.startsWith(`${g}.`))
          .map(([k, val]) => [
            k.slice(g.length + 1),
            numeric && FIG.some(([f]) => f === k) ? toNumber(val) : val,
          ]),
      );
    try {
      await api.put(`${A}/${applicationId}/visit`, {
        date: v.date ?? "",
        time: v.time || null,
        observations: group("observations"),
        discussions: group("discussions"),
        figures: group("figures", true),
        scheduleVisit: schedule,
      });
      setDone("The visit record is saved.");
      await invalidateAll();
    } catch (err) {
      errors.take(err);
    }
  };
  const set = (k: string) => (e: { target: { value: string } }) =>
    setV((x) => ({ ...x, [k]: e.target.value }));
  return (
    <section aria-labelledby="visit">
      <h2 id="visit" className="mb-2 text-lg font-semibold">
        Visit record
      </h2>
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <form onSubmit={save} className="space-y-3" aria-label="Visit record">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Visit date"
            type="date"
            value={v.date ?? ""}
            onChange={set("date")}
            error={errors.fields.date}
          />
          <TextField
            label="Start time"
            type="time"
            optional
            value={v.time ?? ""}
            onChange={set("time")}
            error={errors.fields.time}
          />
        </div>
        {OBS.map(([k, label]) => (
          <TextArea key={k} label={label} optional rows={2} value={v[k] ?? ""} onChange={set(k)} />
        ))}
        <div className="grid gap-3 sm:grid-cols-2">
          {FIG.map(([k, label]) => (
            <TextField
              key={k}
              label={label}
              type="number"
              min={0}
              optional
              value={v[k] ?? ""}
              onChange={set(k)}
            />
          ))}
        </div>
        {!visit.data?.visitId ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={schedule} onChange={(e) => setSchedule(e.target.checked)} />
            Add the visit to the hub's visits (purpose: Lead School)
          </label>
        ) : null}
        <Button type="submit">Save the visit record</Button>
      </form>
    </section>
  );
}

/** Appointment: focus areas and term of office. */
export function AppointForm({ app }: { app: Application }) {
  const [focus, setFocus] = useState<FocusArea[]>(app.answers.focusAreas);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const errors = useServerErrors();
  const navigate = useNavigate();
  const appoint = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      const lead = await api.post<LeadSchool>(`${A}/${app.id}/appoint`, { focusAreas: focus, from, to });
      await invalidateAll();
      navigate(`/lead-schools/${lead.id}`);
    } catch (err) {
      errors.take(err);
    }
  };
  return (
    <section aria-labelledby="appoint">
      <h2 id="appoint" className="mb-2 text-lg font-semibold">
        Appointment
      </h2>
      {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
      <form onSubmit={appoint} className="space-y-3" aria-label="Appoint">
        <fieldset>
          <legend className="text-sm font-medium">Focus areas it leads</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {FOCUS_AREAS.map((f) => (
              <label key={f} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={focus.includes(f)}
                  onChange={() => setFocus((x) => (x.includes(f) ? x.filter((y) => y !== f) : [...x, f]))}
                />
                {FOCUS_AREA_LABELS[f]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="In office from"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={errors.fields.from}
          />
          <TextField
            label="In office to"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={errors.fields.to}
          />
        </div>
        <Button type="submit">Appoint as a Lead School</Button>
      </form>
    </section>
  );
}
