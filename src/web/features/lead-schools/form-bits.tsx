import { type ReactNode, type TextareaHTMLAttributes, useId, useState } from "react";
import { ApiError, errorMessage } from "../../api/client";
import { controlClasses, describedBy, FieldHelp, FieldLabel } from "../../components/ui/field";

/** A labelled multi-line field with its description and error read with it. */
export function TextArea({
  label,
  description,
  error,
  optional,
  ...rest
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <FieldLabel htmlFor={id} optional={optional}>
        {label}
      </FieldLabel>
      <FieldHelp id={id} description={description} error={error} />
      <textarea
        id={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        className={controlClasses(Boolean(error))}
        {...rest}
      />
    </div>
  );
}

/** The server's problems by field, and the message for the form's alert. */
export const useServerErrors = () => {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return {
    fields,
    message,
    clear: () => {
      setFields({});
      setMessage(null);
    },
    take: (error: unknown) => {
      const byField: Record<string, string> = {};
      if (error instanceof ApiError) for (const f of error.fields) byField[f.path] ??= f.message;
      setFields(byField);
      // The field problems are shown by their fields: the alert says so rather than repeating one.
      const text = errorMessage(error);
      const repeats = error instanceof ApiError && error.fields.some((f) => f.message === text);
      setMessage(repeats ? "Please correct the fields marked below." : text);
    },
  };
};

export const toNumber = (v: string): number | null => (v.trim() === "" ? null : Number(v));
