import { type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";
import { cx } from "./cx";
import { controlClasses, describedBy, FieldHelp, FieldLabel } from "./field";

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: ReactNode;
  options: ReadonlyArray<SelectOption>;
  /** A first, empty choice such as "Any role". */
  placeholder?: string;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
  /** Visually hide the label (still read by screen readers). */
  hideLabel?: boolean;
  id?: string;
  ref?: Ref<HTMLSelectElement>;
}

export function Select({
  label,
  options,
  placeholder,
  description,
  error,
  optional,
  hideLabel,
  id,
  className,
  ref,
  ...rest
}: SelectProps) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={cx("space-y-1", className)}>
      <div className={hideLabel ? "sr-only" : undefined}>
        <FieldLabel htmlFor={selectId} optional={optional}>
          {label}
        </FieldLabel>
      </div>
      <FieldHelp id={selectId} description={description} error={error} />
      <select
        ref={ref}
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(selectId, description, error)}
        className={controlClasses(Boolean(error))}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface FilterSelectProps {
  label: string;
  /** The "any" choice, e.g. "Any role": choosing it clears the filter. */
  placeholder: string;
  options: ReadonlyArray<SelectOption>;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  className?: string;
}

/** A list filter: empty means "any", and the filter's value is undefined then. */
export function FilterSelect({ label, placeholder, options, value, onChange, className }: FilterSelectProps) {
  return (
    <Select
      label={label}
      placeholder={placeholder}
      options={options}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || undefined)}
      className={className}
    />
  );
}
