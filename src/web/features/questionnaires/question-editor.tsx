import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { MUSIC_FIGURE_NAMES } from "../../../shared/rules/music-figures";
import {
  type ChoiceOption,
  QUESTION_KIND_LABELS,
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
} from "../../../shared/schemas/questionnaires";
import { MUSIC_FIGURES } from "../../../shared/schemas/schools";
import { Button } from "../../components/ui/button";
import { controlClasses } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";

const kindOptions = QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k] }));
const figureOptions = MUSIC_FIGURES.map((f) => ({ value: f.key, label: MUSIC_FIGURE_NAMES[f.key] }));

/** The next free key like "o3" among these values. */
export const nextKey = (prefix: string, taken: readonly string[]): string => {
  let n = 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

/** What a question of a new kind starts with: two options, a 1–4 scale, or the first figure. */
const withKind = (q: Question, kind: QuestionKind): Question => {
  const { options: _o, levels: _l, min: _min, max: _max, wholeNumber: _w, figure: _f, ...base } = q;
  if (kind === "single_choice" || kind === "multiple_choice")
    return {
      ...base,
      kind,
      options: q.options ?? [
        { value: "o1", label: "" },
        { value: "o2", label: "" },
      ],
    };
  if (kind === "scale")
    return { ...base, kind, levels: q.levels ?? [1, 2, 3, 4].map((value) => ({ value, label: "" })) };
  if (kind === "number") return { ...base, kind, wholeNumber: true };
  if (kind === "register_figure") return { ...base, kind, figure: "wcetPupils" };
  return { ...base, kind };
};

const numberOrUndefined = (s: string): number | undefined => {
  const n = Number(s);
  return s.trim() === "" || Number.isNaN(n) ? undefined : n;
};

function OptionsEditor({ q, onChange }: { q: Question; onChange: (q: Question) => void }) {
  const options = q.options ?? [];
  const set = (next: ChoiceOption[]) => onChange({ ...q, options: next });
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">Options</legend>
      {options.map((o, i) => (
        <div key={o.value} className="flex items-end gap-2">
          <TextField
            className="flex-1"
            label={`Option ${i + 1}`}
            value={o.label}
            onChange={(e) =>
              set(options.map((x) => (x.value === o.value ? { ...x, label: e.target.value } : x)))
            }
          />
          <Button variant="ghost" onClick={() => set(options.filter((x) => x.value !== o.value))}>
            <Trash2 aria-hidden="true" className="size-4" />
            <span className="sr-only">Remove option {i + 1}</span>
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        size="sm"
        onClick={() =>
          set([
            ...options,
            {
              value: nextKey(
                "o",
                options.map((o) => o.value),
              ),
              label: "",
            },
          ])
        }
      >
        <Plus aria-hidden="true" className="size-4" /> Add option
      </Button>
    </fieldset>
  );
}

function LevelsEditor({ q, onChange }: { q: Question; onChange: (q: Question) => void }) {
  const levels = q.levels ?? [];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">Levels, lowest first</legend>
      {levels.map((l) => (
        <TextField
          key={l.value}
          label={`Label for level ${l.value}`}
          value={l.label}
          onChange={(e) =>
            onChange({
              ...q,
              levels: levels.map((x) => (x.value === l.value ? { ...x, label: e.target.value } : x)),
            })
          }
        />
      ))}
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={levels.length >= 11}
          onClick={() => onChange({ ...q, levels: [...levels, { value: levels.length + 1, label: "" }] })}
        >
          Add level
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={levels.length <= 2}
          onClick={() => onChange({ ...q, levels: levels.slice(0, -1) })}
        >
          Remove last level
        </Button>
      </div>
    </fieldset>
  );
}

function ConditionEditor({
  q,
  earlier,
  onChange,
}: {
  q: Question;
  earlier: Question[];
  onChange: (q: Question) => void;
}) {
  const candidates = earlier.filter((e) => ["yes_no", "single_choice", "multiple_choice"].includes(e.kind));
  const on = candidates.find((c) => c.id === q.condition?.questionId);
  const values =
    on?.kind === "yes_no"
      ? [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]
      : (on?.options ?? []).map((o) => ({ value: o.value, label: o.label || "(option without a label)" }));
  const { condition: _c, ...rest } = q;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Select
        label="Show this question"
        options={[
          { value: "", label: "Always" },
          ...candidates.map((c) => ({ value: c.id, label: `Only when “${c.label || c.id}” is answered…` })),
        ]}
        value={q.condition?.questionId ?? ""}
        onChange={(e) => {
          const target = candidates.find((c) => c.id === e.target.value);
          if (!target) return onChange(rest);
          const first = target.kind === "yes_no" ? "yes" : (target.options?.[0]?.value ?? "");
          onChange({ ...q, condition: { questionId: target.id, equals: first } });
        }}
      />
      {on && q.condition ? (
        <Select
          label="…with the answer"
          options={values}
          value={q.condition.equals}
          onChange={(e) => onChange({ ...q, condition: { questionId: on.id, equals: e.target.value } })}
        />
      ) : null}
    </div>
  );
}

/** One question's editor: wording, kind, help, required, what its kind needs, and when it shows. */
export function QuestionEditor({
  q,
  number,
  earlier,
  onChange,
  onRemove,
}: {
  q: Question;
  number: number;
  earlier: Question[];
  onChange: (q: Question) => void;
  onRemove: () => void;
}) {
  const id = useId();
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">
        Question {number}
        {q.label ? `: ${q.label}` : ""}
      </legend>
      <TextField
        label="Wording"
        value={q.label}
        onChange={(e) => onChange({ ...q, label: e.target.value })}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Select
          label="Kind of answer"
          options={kindOptions}
          value={q.kind}
          onChange={(e) => onChange(withKind(q, e.target.value as QuestionKind))}
        />
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-900">
          <input
            type="checkbox"
            checked={q.required}
            onChange={(e) => onChange({ ...q, required: e.target.checked })}
            className="size-4"
          />
          Must be answered
        </label>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-help`} className="block text-sm font-medium text-slate-900">
          Help text <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea
          id={`${id}-help`}
          rows={2}
          className={controlClasses(false)}
          value={q.help ?? ""}
          onChange={(e) => {
            const { help: _h, ...rest } = q;
            onChange(e.target.value ? { ...q, help: e.target.value } : rest);
          }}
        />
      </div>
      {q.kind === "single_choice" || q.kind === "multiple_choice" ? (
        <OptionsEditor q={q} onChange={onChange} />
      ) : null}
      {q.kind === "scale" ? <LevelsEditor q={q} onChange={onChange} /> : null}
      {q.kind === "number" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            label="Lowest value"
            optional
            type="number"
            value={q.min ?? ""}
            onChange={(e) => onChange({ ...q, min: numberOrUndefined(e.target.value) })}
          />
          <TextField
            label="Highest value"
            optional
            type="number"
            value={q.max ?? ""}
            onChange={(e) => onChange({ ...q, max: numberOrUndefined(e.target.value) })}
          />
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-900">
            <input
              type="checkbox"
              className="size-4"
              checked={q.wholeNumber ?? false}
              onChange={(e) => onChange({ ...q, wholeNumber: e.target.checked })}
            />
            Whole numbers only
          </label>
        </div>
      ) : null}
      {q.kind === "register_figure" ? (
        <Select
          label="Figure from the school's music data"
          description="Prefilled for the questionnaire's academic year (or the current one); the school can correct it."
          options={figureOptions}
          value={q.figure ?? ""}
          onChange={(e) => onChange({ ...q, figure: e.target.value as Question["figure"] })}
        />
      ) : null}
      <ConditionEditor q={q} earlier={earlier} onChange={onChange} />
      <Button variant="ghost" size="sm" onClick={onRemove}>
        <Trash2 aria-hidden="true" className="size-4" /> Remove question {number}
      </Button>
    </fieldset>
  );
}
