import type { ReactNode } from "react";

/** The id wiring shared by TextField and Select: description and error are read with the control. */
export const describedBy = (
  id: string,
  description: ReactNode,
  error: string | undefined,
): string | undefined =>
  [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
  undefined;

export function FieldLabel({
  htmlFor,
  children,
  optional,
}: {
  htmlFor: string;
  children: ReactNode;
  optional?: boolean;
}) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-900">
      {children}
      {optional ? <span className="font-normal text-slate-600"> (optional)</span> : null}
    </label>
  );
}

export function FieldHelp({
  id,
  description,
  error,
}: {
  id: string;
  description?: ReactNode;
  error?: string;
}) {
  return (
    <>
      {description ? (
        <p id={`${id}-description`} className="text-sm text-slate-600">
          {description}
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

export const controlClasses = (invalid: boolean): string =>
  [
    "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs",
    "placeholder:text-slate-500 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700",
    "disabled:bg-slate-100 disabled:text-slate-600",
    invalid ? "border-red-700" : "border-slate-400",
  ].join(" ");
