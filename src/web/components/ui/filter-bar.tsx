import type { FormEvent, ReactNode } from "react";
import { Button } from "./button";

export interface FilterBarProps {
  /** Names the search landmark, e.g. "Filter users". */
  label: string;
  children: ReactNode;
  /** Called on submit (Enter in a text field, or the Apply button). */
  onApply?: () => void;
  /** Shows "Clear filters" when given. */
  onClear?: () => void;
  /** Shows an Apply button (for text filters applied on submit). */
  showApply?: boolean;
}

/** A row of filters inside a search landmark; stacks on narrow screens. */
export function FilterBar({ label, children, onApply, onClear, showApply = true }: FilterBarProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply?.();
  };
  return (
    <search aria-label={label} className="mb-4 block">
      <form
        onSubmit={submit}
        className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:flex-row sm:flex-wrap sm:items-end"
      >
        {children}
        <div className="flex gap-2">
          {showApply ? (
            <Button type="submit" variant="secondary">
              Apply
            </Button>
          ) : null}
          {onClear ? (
            <Button variant="ghost" onClick={onClear}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
