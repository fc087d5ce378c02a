import type { ReactNode } from "react";
import type { AnswerValue, Question } from "../../../shared/schemas/questionnaires";
import { controlClasses } from "../../components/ui/field";
import { RESPONSES } from "./questionnaires-api";

export interface AnswerFieldProps {
  q: Question;
  value: AnswerValue | undefined;
  error: string | undefined;
  disabled: boolean;
  responseId: string;
  onChange: (value: AnswerValue) => void;
  onFile: (file: File) => void;
  uploading: boolean;
}

export const fieldId = (questionId: string): string => `answer-${questionId}`;

const describedBy = (id: string, q: Question, error: string | undefined): string | undefined =>
  [q.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

function Label({ id, q, as }: { id: string; q: Question; as: "label" | "legend" }) {
  const text = (
    <>
      {q.label}
      {q.required ? null : <span className="font-normal text-slate-600"> (optional)</span>}
    </>
  );
  return as === "label" ? (
    <label htmlFor={id} className="block font-medium text-slate-900">
      {text}
    </label>
  ) : (
    <legend className="font-medium text-slate-900">{text}</legend>
  );
}

function Help({ id, q, error }: { id: string; q: Question; error: string | undefined }) {
  return (
    <>
      {q.help ? (
        <p id={`${id}-help`} className="text-sm text-slate-600">
          {q.help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

function Choices({
  id,
  q,
  error,
  children,
}: {
  id: string;
  q: Question;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={describedBy(id, q, error)} className="space-y-2">
      <Label id={id} q={q} as="legend" />
      <Help id={id} q={q} error={error} />
      <div className="space-y-1">{children}</div>
    </fieldset>
  );
}

function Radio({
  name,
  label,
  checked,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: () => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-900">
      <input
        type="radio"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        className="size-4"
      />
      {label}
    </label>
  );
}

/** One question's control, by its kind, with its help and error read with it. */
export function AnswerField({
  q,
  value,
  error,
  disabled,
  responseId,
  onChange,
  onFile,
  uploading,
}: AnswerFieldProps) {
  const id = fieldId(q.id);
  const common = {
    id,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, q, error),
    className: controlClasses(Boolean(error)),
  };
  switch (q.kind) {
    case "single_choice":
    case "yes_no":
    case "scale": {
      const choices =
        q.kind === "yes_no"
          ? [
              { key: "yes", label: "Yes", v: "yes" as AnswerValue },
              { key: "no", label: "No", v: "no" as AnswerValue },
            ]
          : q.kind === "scale"
            ? (q.levels ?? []).map((l) => ({
                key: String(l.value),
                label: `${l.value} – ${l.label}`,
                v: l.value as AnswerValue,
              }))
            : (q.options ?? []).map((o) => ({ key: o.value, label: o.label, v: o.value as AnswerValue }));
      return (
        <Choices id={id} q={q} error={error}>
          {choices.map((c) => (
            <Radio
              key={c.key}
              name={id}
              label={c.label}
              checked={value === c.v}
              disabled={disabled}
              onChange={() => onChange(c.v)}
            />
          ))}
        </Choices>
      );
    }
    case "multiple_choice": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <Choices id={id} q={q} error={error}>
          {(q.options ?? []).map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm text-slate-900">
              <input
                type="checkbox"
                className="size-4"
                disabled={disabled}
                checked={chosen.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))
                }
              />
              {o.label}
            </label>
          ))}
        </Choices>
      );
    }
    case "file": {
      const file = value && typeof value === "object" && !Array.isArray(value) ? value : null;
      return (
        <div className="space-y-1">
          <Label id={id} q={q} as="label" />
          <Help id={id} q={q} error={error} />
          {file ? (
            <p className="text-sm">
              Uploaded:{" "}
              <a
                className="font-medium text-blue-800 underline"
                href={`${RESPONSES}/${responseId}/files/${file.fileId}`}
              >
                {file.name}
              </a>
            </p>
          ) : null}
          {disabled ? null : (
            <input
              id={id}
              type="file"
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, q, error)}
              className="block text-sm"
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                if (chosen) onFile(chosen);
              }}
            />
          )}
          {uploading ? <p role="status">Uploading…</p> : null}
        </div>
      );
    }
    default: {
      const control =
        q.kind === "long_text" ? (
          <textarea
            {...common}
            rows={5}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : q.kind === "number" || q.kind === "register_figure" ? (
          <input
            {...common}
            type="number"
            inputMode={q.kind === "register_figure" || q.wholeNumber ? "numeric" : "decimal"}
            value={typeof value === "number" ? value : ""}
            onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}
          />
        ) : (
          <input
            {...common}
            type={q.kind === "date" ? "date" : "text"}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      return (
        <div className="space-y-1">
          <Label id={id} q={q} as="label" />
          <Help id={id} q={q} error={error} />
          {q.kind === "register_figure" ? (
            <p className="text-sm text-slate-600">
              From your school's music data; correct it if it has changed.
            </p>
          ) : null}
          {control}
        </div>
      );
    }
  }
}
