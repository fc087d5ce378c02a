import type { ReactNode } from "react";
import type { z } from "zod";
import { errorMessage, isApiError } from "../../api/client";

/** Zod's problems as { path: message }, first per field (our schemas carry plain messages). */
export const zodProblems = (error: z.ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join(".")] ??= issue.message;
  return out;
};

/** A refused request's problems by field, or under "form" when no field is named. */
export const serverProblems = (error: unknown): Record<string, string> => {
  if (isApiError(error) && error.fields.length) {
    const out: Record<string, string> = {};
    for (const f of error.fields) out[f.path] ??= f.message;
    return out;
  }
  return { form: errorMessage(error) };
};

export function TextArea({
  id,
  label,
  value,
  onChange,
  error,
  rows = 4,
  description,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  rows?: number;
  description?: ReactNode;
}) {
  const described = [description ? `${id}-description` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {description ? (
        <p id={`${id}-description`} className="text-sm text-slate-700">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
        className="block w-full rounded-md border border-slate-400 px-3 py-2 text-sm focus:outline-2 focus:outline-blue-700"
      />
    </div>
  );
}
