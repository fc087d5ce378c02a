import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { FOCUS_AREA_LABELS } from "../../../shared/rules/focus-areas";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { LEDGER_ACTIVITIES, LEDGER_BENEFITS } from "../../../shared/schemas/lead-schools";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, Button, buttonClasses, Loading, PageHeader, Select, TextField } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { TextArea, toNumber, useServerErrors } from "./form-bits";
import { invalidateAll, L, leadQuery } from "./lead-schools-api";

export const KIND_LABELS: Record<string, string> = {
  kitemark_badge: "Kitemark badge",
  wcet_programme: "Free WCET programme",
  cpd_free_place: "Free place at a hub CPD event",
  supply_cover: "50% supply-cover contribution",
  project_funding: "Project funding",
  network_meeting: "Network meeting led",
  training: "Training delivered",
  resource: "Resource contributed",
  school_support: "School-to-school support",
  cpd_planning: "CPD planning meeting attended",
  annual_review: "Annual review",
};

/** /lead-schools/:id — a Lead School: benefits ledger, activity log and annual reviews. */
export function LeadSchoolPage() {
  const { id = "" } = useParams();
  const lead = useQuery(leadQuery(id));
  const admin = currentRole(useMe().data) === "hub_admin";
  const [entry, setEntry] = useState<"benefit" | "activity" | "review">("activity");
  const [v, setV] = useState<Record<string, string>>({ kind: "network_meeting" });
  const errors = useServerErrors();
  useDocumentTitle(lead.data?.schoolName ?? "Lead School");
  if (lead.isPending) return <Loading label="Loading…" />;
  if (lead.isError) return <Alert tone="error">{errorMessage(lead.error)}</Alert>;
  const l = lead.data;
  const kinds =
    entry === "benefit"
      ? LEDGER_BENEFITS
      : entry === "activity"
        ? LEDGER_ACTIVITIES
        : (["annual_review"] as const);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    try {
      await api.post(`${L}/${id}/ledger`, {
        entry,
        kind: v.kind,
        date: v.date ?? "",
        text: v.text ?? "",
        ...(entry === "benefit" ? { amount: toNumber(v.amount ?? "") } : {}),
        ...(entry === "activity" ? { count: toNumber(v.count ?? "") } : {}),
        ...(entry === "review" ? { continues: v.continues !== "no" } : {}),
      });
      setV({ kind: kinds[0] });
      await invalidateAll();
    } catch (err) {
      errors.take(err);
    }
  };
  const set = (k: string) => (e: { target: { value: string } }) =>
    setV((x) => ({ ...x, [k]: e.target.value }));
  return (
    <div className="space-y-6">
      <PageHeader
        title={l.schoolName}
        actions={
          <a href={`${L}/${l.id}/badge.pdf`} download className={buttonClasses("secondary")}>
            Kitemark badge (PDF)
          </a>
        }
        description={`Lead School for ${l.focusAreas.map((f) => FOCUS_AREA_LABELS[f]).join(", ")}, ${formatUkDate(l.from)} to ${formatUkDate(l.to)}${l.endedOn ? ` (ended ${formatUkDate(l.endedOn)})` : ""}.`}
      />
      <section aria-labelledby="ledger">
        <h2 id="ledger" className="mb-2 text-lg font-semibold">
          Benefits, activities and reviews
        </h2>
        {l.ledger.length === 0 ? <p className="text-sm">Nothing recorded yet.</p> : null}
        <ul className="divide-y divide-slate-200 text-sm">
          {l.ledger.map((e) => (
            <li key={e.id} className="py-2">
              {formatUkDate(e.date)}: {KIND_LABELS[e.kind] ?? e.kind}
              {e.amount !== null ? `, £${e.amount}` : ""}
              {e.count !== null ? `, ${e.count}` : ""}
              {e.continues !== null ? (e.continues ? ": continues" : ": does not continue") : ""}
              {e.text ? ` (${e.text})` : ""}
            </li>
          ))}
        </ul>
      </section>
      <form onSubmit={add} className="max-w-xl space-y-3" aria-label="Add an entry">
        {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
        <Select
          label="Entry"
          value={entry}
          options={[
            { value: "activity", label: "Activity" },
            ...(admin
              ? [
                  { value: "benefit", label: "Benefit" },
                  { value: "review", label: "Annual review" },
                ]
              : []),
          ]}
          onChange={(e) => {
            const next = e.target.value as typeof entry;
            setEntry(next);
            setV({
              kind:
                next === "benefit"
                  ? LEDGER_BENEFITS[0]
                  : next === "activity"
                    ? LEDGER_ACTIVITIES[0]
                    : "annual_review",
            });
          }}
        />
        <Select
          label="Kind"
          value={v.kind}
          options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
          onChange={set("kind")}
        />
        <TextField
          label="Date"
          type="date"
          value={v.date ?? ""}
          onChange={set("date")}
          error={errors.fields.date}
        />
        {entry === "benefit" ? (
          <TextField
            label="Amount (£)"
            type="number"
            optional
            value={v.amount ?? ""}
            onChange={set("amount")}
          />
        ) : null}
        {entry === "activity" ? (
          <TextField label="How many" type="number" optional value={v.count ?? ""} onChange={set("count")} />
        ) : null}
        {entry === "review" ? (
          <Select
            label="Does it continue?"
            value={v.continues ?? "yes"}
            options={[
              { value: "yes", label: "Yes, it continues" },
              { value: "no", label: "No, the appointment ends" },
            ]}
            onChange={set("continues")}
          />
        ) : null}
        <TextArea
          label={entry === "review" ? "Evidence" : "Description"}
          value={v.text ?? ""}
          onChange={set("text")}
          error={errors.fields.text}
          optional={entry !== "review"}
        />
        <Button type="submit">Add</Button>
      </form>
    </div>
  );
}
