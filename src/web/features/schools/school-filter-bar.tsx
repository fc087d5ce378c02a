import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import { FilterBar } from "../../components/ui/filter-bar";
import { FilterSelect } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import {
  type FilterKey,
  type Filters,
  hasFilters,
  NONE,
  phaseOptions,
  readFilters,
  statusOptions,
} from "./school-filters";
import { areasQuery, currentHubQuery, linkOfficersQuery } from "./schools-api";

/** The filters in the URL, and a setter that keeps the rest of the query string (minus the page). */
export const useSchoolFilters = () => {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const setFilters = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };
  const clear = () => {
    const next = new URLSearchParams();
    // Keep the view's own settings (sorting, colouring), drop the filters.
    for (const [key, value] of params) {
      if (!(FILTER_KEYS_SET.has(key) || key === "page")) next.set(key, value);
    }
    setParams(next);
  };
  return { params, filters, setFilters, clear };
};

const FILTER_KEYS_SET: ReadonlySet<string> = new Set<FilterKey>([
  "q",
  "phase",
  "type",
  "area",
  "la",
  "trust",
  "linkOfficer",
  "status",
  "tag",
  "missingMusicData",
]);

type TextKey = "q" | "type" | "trust" | "tag";

/** The filter bar shared by the list and the map. Text filters apply on Enter / Apply, choices at once. */
export function SchoolFilterBar({
  filters,
  setFilters,
  clear,
}: {
  filters: Filters;
  setFilters: (changes: Record<string, string | undefined>) => void;
  clear: () => void;
}) {
  const areas = useQuery(areasQuery);
  const officers = useQuery(linkOfficersQuery);
  const hub = useQuery(currentHubQuery);
  const fromUrl = {
    q: filters.q ?? "",
    type: filters.type ?? "",
    trust: filters.trust ?? "",
    tag: filters.tag ?? "",
  };
  const [text, setText] = useState<Record<TextKey, string>>(fromUrl);
  const [synced, setSynced] = useState(JSON.stringify(fromUrl));
  // Back/forward or a link changed the URL: show its values.
  if (JSON.stringify(fromUrl) !== synced) {
    setSynced(JSON.stringify(fromUrl));
    setText(fromUrl);
  }

  const textField = (key: TextKey, label: string, width: string) => (
    <TextField
      label={label}
      type="search"
      name={key}
      value={text[key]}
      onChange={(event) => setText((t) => ({ ...t, [key]: event.target.value }))}
      className={width}
    />
  );

  const laOptions = (hub.data?.laCodes ?? []).map((code) => ({ value: code, label: code }));
  if (filters.la && !laOptions.some((o) => o.value === filters.la))
    laOptions.push({ value: filters.la, label: filters.la });

  const musicOptions = previousAcademicYears(academicYearOf(new Date()), 2)
    .reverse()
    .map((year) => ({ value: year, label: `Missing for ${year}` }));
  if (filters.missingMusicData && !musicOptions.some((o) => o.value === filters.missingMusicData))
    musicOptions.push({ value: filters.missingMusicData, label: `Missing for ${filters.missingMusicData}` });

  return (
    <FilterBar
      label="Filter schools"
      onApply={() =>
        setFilters({
          q: text.q.trim() || undefined,
          type: text.type.trim() || undefined,
          trust: text.trust.trim() || undefined,
          tag: text.tag.trim() || undefined,
        })
      }
      onClear={hasFilters(filters) ? clear : undefined}
    >
      {textField("q", "Name, URN, postcode or town", "sm:w-64")}
      <FilterSelect
        label="Phase"
        placeholder="Any phase"
        options={phaseOptions}
        value={filters.phase}
        onChange={(v) => setFilters({ phase: v })}
        className="sm:w-44"
      />
      <FilterSelect
        label="Status"
        placeholder="Any status"
        options={statusOptions}
        value={filters.status}
        onChange={(v) => setFilters({ status: v })}
        className="sm:w-40"
      />
      <FilterSelect
        label="Area"
        placeholder="Any area"
        options={[
          { value: NONE, label: "No area" },
          ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]}
        value={filters.area}
        onChange={(v) => setFilters({ area: v })}
        className="sm:w-40"
      />
      <FilterSelect
        label="Link officer"
        placeholder="Any link officer"
        options={[
          { value: NONE, label: "No link officer" },
          ...(officers.data ?? []).map((o) => ({ value: o.userId, label: o.name })),
        ]}
        value={filters.linkOfficer}
        onChange={(v) => setFilters({ linkOfficer: v })}
        className="sm:w-48"
      />
      <FilterSelect
        label="Local authority"
        placeholder="Any LA"
        options={laOptions}
        value={filters.la}
        onChange={(v) => setFilters({ la: v })}
        className="sm:w-32"
      />
      <FilterSelect
        label="Music data"
        placeholder="Any music data"
        options={musicOptions}
        value={filters.missingMusicData}
        onChange={(v) => setFilters({ missingMusicData: v })}
        className="sm:w-48"
      />
      {textField("type", "Type of establishment", "sm:w-52")}
      {textField("trust", "Trust", "sm:w-52")}
      {textField("tag", "Tag", "sm:w-36")}
    </FilterBar>
  );
}
