import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Option } from "../../shared/schemas/users";
import { api } from "../api/client";
import { useDebouncedValue } from "../lib/use-debounced-value";
import { Select } from "./ui/select";
import { TextField } from "./ui/text-field";

export interface OptionPickerProps {
  /** "/api/options/schools" or "/api/options/partners" (answers Option[] for ?q=). */
  endpoint: string;
  /** The thing chosen, e.g. "School". */
  label: string;
  /** Plural for the search box, e.g. "schools". */
  noun: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  /** The current choice's label, when it may not be among the first results. */
  initialLabel?: string | null;
}

/** Search box plus select: type to narrow the list, then choose. Plain controls, so fully accessible. */
export function OptionPicker({
  endpoint,
  label,
  noun,
  value,
  onChange,
  error,
  initialLabel,
}: OptionPickerProps) {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<Option | null>(
    value && initialLabel ? { id: value, label: initialLabel } : null,
  );
  const options = useQuery({
    queryKey: ["options", endpoint, q],
    queryFn: ({ signal }) => api.get<Option[]>(endpoint, { q }, signal),
    placeholderData: keepPreviousData,
  });
  const items = options.data ?? [];
  const withChosen = chosen && !items.some((o) => o.id === chosen.id) ? [chosen, ...items] : items;

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">{label}</legend>
      <TextField
        label={`Search ${noun}`}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        description={options.isFetching ? "Searching…" : `${items.length} shown`}
      />
      <Select
        label={label}
        placeholder={`Choose one of the ${noun}`}
        options={withChosen.map((o) => ({ value: o.id, label: o.label }))}
        value={value ?? ""}
        error={error}
        onChange={(event) => {
          const id = event.target.value || null;
          setChosen(withChosen.find((o) => o.id === id) ?? null);
          onChange(id);
        }}
      />
      {options.isError ? (
        <p role="alert" className="text-sm text-red-700">
          The list of {noun} could not be loaded.
        </p>
      ) : null}
    </fieldset>
  );
}
