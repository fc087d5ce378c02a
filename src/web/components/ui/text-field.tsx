import { type ChangeEvent, type InputHTMLAttributes, type ReactNode, type Ref, useId, useState } from "react";
import { cx } from "./cx";
import { controlClasses, describedBy, FieldHelp, FieldLabel } from "./field";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
  id?: string;
  ref?: Ref<HTMLInputElement>;
  /**
   * The most characters the field takes (usually the schema's `.maxLength`), shown before the
   * person reaches it: "Up to 200 characters", then how many are left near the end. Typing is not
   * cut off, so a pasted long text is kept and the form says plainly what is wrong.
   */
  limit?: number | null | undefined;
}

/** What the limit line says for a value of this length. */
export const limitText = (length: number, limit: number): string => {
  const left = limit - length;
  if (left < 0) return `${-left} ${-left === 1 ? "character" : "characters"} too many (up to ${limit})`;
  if (length >= limit * 0.8)
    return `${left} ${left === 1 ? "character" : "characters"} left (up to ${limit})`;
  return `Up to ${limit} characters`;
};

/** A labelled input with its description, limit and error announced through aria-describedby. */
export function TextField({
  label,
  description,
  error,
  optional,
  id,
  className,
  ref,
  limit,
  onChange,
  ...rest
}: TextFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const [length, setLength] = useState<number | null>(null);
  const limitId = `${inputId}-limit`;
  const described = [describedBy(inputId, description, error), limit ? limitId : null]
    .filter(Boolean)
    .join(" ");
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    if (limit) setLength(event.target.value.length);
    onChange?.(event);
  };
  const shownLength = length ?? (typeof rest.defaultValue === "string" ? rest.defaultValue.length : 0);
  return (
    <div className={cx("space-y-1", className)}>
      <FieldLabel htmlFor={inputId} optional={optional}>
        {label}
      </FieldLabel>
      <FieldHelp id={inputId} description={description} error={error} />
      <input
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        className={controlClasses(Boolean(error))}
        onChange={change}
        {...rest}
      />
      {limit ? (
        <p
          id={limitId}
          aria-live="polite"
          className={cx("text-xs", shownLength > limit ? "font-medium text-red-700" : "text-slate-700")}
        >
          {limitText(shownLength, limit)}
        </p>
      ) : null}
    </div>
  );
}
