import { useState } from "react";
import { criterionCode } from "../../../shared/schemas/lead-school-rounds";
import type { Round } from "../../../shared/schemas/lead-schools";
import { api } from "../../api/client";
import { Alert, Button, TextField } from "../../components/ui";
import { useServerErrors } from "./form-bits";
import { invalidateAll, R, roundBody } from "./lead-schools-api";

type Row = { key: number; id: string | null; label: string; max: string };

const rowsOf = (r: Round): Row[] =>
  r.criteria.map((c, i) => ({ key: i, id: c.id, label: c.label, max: String(c.max) }));

/** The criteria as the server takes them: a new criterion gets a code made from its name. */
const criteriaOf = (rows: Row[]) => {
  const taken = rows.flatMap((r) => (r.id ? [r.id] : []));
  return rows.map((r) => {
    const id = r.id ?? criterionCode(r.label, taken);
    if (!r.id) taken.push(id);
    return { id, label: r.label, max: r.max.trim() === "" ? 0 : Number(r.max) };
  });
};

/** A round's scoring criteria: a list for hub staff; hub admins add, rename, re-score and remove. */
export function CriteriaSection({ round, admin }: { round: Round; admin: boolean }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(round));
  const [next, setNext] = useState(round.criteria.length);
  const [saved, setSaved] = useState(false);
  const errors = useServerErrors();
  const edit = (key: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((l) => l.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    setSaved(false);
    try {
      const updated = await api.put<Round>(
        `${R}/${round.id}`,
        roundBody(round, { criteria: criteriaOf(rows) }),
      );
      setRows(rowsOf(updated));
      setNext(updated.criteria.length);
      await invalidateAll();
      setSaved(true);
    } catch (err) {
      errors.take(err);
    }
  };
  const total = round.criteria.reduce((n, c) => n + c.max, 0);
  return (
    <section aria-labelledby="criteria" className="mt-6">
      <h2 id="criteria" className="mb-2 text-lg font-semibold">
        Scoring criteria
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        Each reviewer scores every application against these criteria, from 0 to the highest score (out of{" "}
        {total} in all). They can no longer change once a reviewer has scored.
      </p>
      {!admin ? (
        <ul className="list-disc pl-5 text-sm">
          {round.criteria.map((c) => (
            <li key={c.id}>
              {c.label}: out of {c.max}
            </li>
          ))}
        </ul>
      ) : (
        <form onSubmit={save} noValidate aria-label="Scoring criteria" className="max-w-2xl space-y-3">
          {/* A problem with the list as a whole (none left, or scored already) is the one to show. */}
          {errors.fields.criteria || errors.message ? (
            <Alert tone="error">{errors.fields.criteria ?? errors.message}</Alert>
          ) : null}
          {saved ? <Alert tone="success">The criteria are saved.</Alert> : null}
          <ol className="space-y-3">
            {rows.map((r, i) => (
              <li key={r.key} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3">
                <TextField
                  className="min-w-64 flex-1"
                  label={`Criterion ${i + 1}`}
                  value={r.label}
                  maxLength={200}
                  onChange={(e) => edit(r.key, { label: e.target.value })}
                  error={errors.fields[`criteria.${i}.label`] ?? errors.fields[`criteria.${i}.id`]}
                />
                <TextField
                  className="w-40"
                  label={`Highest score for criterion ${i + 1}`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  value={r.max}
                  onChange={(e) => edit(r.key, { max: e.target.value })}
                  error={errors.fields[`criteria.${i}.max`]}
                />
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setSaved(false);
                    setRows((l) => l.filter((x) => x.key !== r.key));
                  }}
                >
                  Remove<span className="sr-only"> criterion {i + 1}</span>
                </Button>
              </li>
            ))}
          </ol>
          <div className="flex flex-wrap gap-3">
            <Button
              variant="secondary"
              onClick={() => {
                setSaved(false);
                setRows((l) => [...l, { key: next, id: null, label: "", max: "5" }]);
                setNext((n) => n + 1);
              }}
            >
              Add a criterion
            </Button>
            <Button type="submit">Save the criteria</Button>
          </div>
        </form>
      )}
    </section>
  );
}
