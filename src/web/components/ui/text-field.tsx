import { type InputHTMLAttributes, type ReactNode, type Ref, useId } from "react";
import { cx } from "./cx";
import { controlClasses, describedBy, FieldHelp, FieldLabel } from "./field";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
  id?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with its description and error announced through aria-describedby. */
export function TextField({
  label,
  description,
  error,
  optional,
  id,
  className,
  ref,
  ...rest
}: TextFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
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
        aria-describedby={describedBy(inputId, description, error)}
        className={controlClasses(Boolean(error))}
        {...rest}
      />
    </div>
  );
}
