import { SlidersHorizontal } from "lucide-react";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { usePhone } from "../../lib/use-media-query";
import { Button } from "./button";
import { cx, focusRing } from "./cx";

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

/** How many of the form's filters hold a value (a text typed, an option other than "All" chosen). */
const countActive = (form: HTMLFormElement): number => {
  let n = 0;
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement) {
      if (el.type === "checkbox" || el.type === "radio") n += el.checked ? 1 : 0;
      else if (el.type !== "submit" && el.type !== "button" && el.value.trim() !== "") n += 1;
    } else if (el instanceof HTMLSelectElement && el.value !== "") n += 1;
  }
  return n;
};

/**
 * A row of filters inside a search landmark. On a phone the filters fold behind a "Filters"
 * button that says how many are in use.
 */
export function FilterBar({ label, children, onApply, onClear, showApply = true }: FilterBarProps) {
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();
  // Recounted after every render: the filters are the page's state, so a change renders.
  useEffect(() => {
    if (formRef.current) setActive(countActive(formRef.current));
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply?.();
  };
  const recount = () => {
    if (formRef.current) setActive(countActive(formRef.current));
  };
  return (
    <search aria-label={label} className="mb-4 block">
      {phone ? (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => setOpen((o) => !o)}
          className={cx(
            "mb-2 inline-flex items-center gap-2 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900",
            focusRing,
          )}
        >
          <SlidersHorizontal aria-hidden="true" className="size-4" />
          Filters
          {active > 0 ? (
            <span className="rounded-full bg-blue-800 px-2 text-xs text-white">
              {active}
              <span className="sr-only"> in use</span>
            </span>
          ) : null}
        </button>
      ) : null}
      <form
        id={formId}
        ref={formRef}
        hidden={phone && !open}
        onSubmit={submit}
        onInput={recount}
        onChange={recount}
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
