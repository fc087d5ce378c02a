import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { FOCUS_AREA_LABELS, FOCUS_AREAS, type FocusArea } from "../../../shared/rules/focus-areas";
import { SETTING_LABELS, SETTINGS } from "../../../shared/rules/lead-school-coverage";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  ButtonLink,
  cx,
  EmptyState,
  ExportButton,
  FilterSelect,
  focusRing,
  Loading,
  PageHeader,
  Pagination,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { areasQuery } from "../schools/schools-api";
import { L, leadSchoolsQuery } from "./lead-schools-api";

const PAGE_SIZE = 25;
type Filters = { focusArea?: string; setting?: string; areaId?: string; status?: string };

/** /lead-schools — the hub's Lead Schools: filters, pages, CSV. */
export function LeadSchoolsPage() {
  useDocumentTitle("Lead Schools");
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useQuery(leadSchoolsQuery({ ...filters, page, pageSize: PAGE_SIZE }));
  const areas = useQuery(areasQuery);
  const set = (key: keyof Filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  return (
    <div>
      <PageHeader
        title="Lead Schools"
        description="Schools that lead a focus area for the hub, in office today unless you choose every appointment."
        actions={
          <>
            <ButtonLink to="/lead-schools/coverage">Coverage matrix</ButtonLink>
            <ButtonLink to="/lead-schools/rounds">Recruitment rounds</ButtonLink>
            <ExportButton href={`${L}/export.csv`} format="csv" query={filters} noun="Lead Schools" />
          </>
        }
      />
      <div className="mb-4 grid gap-3 sm:grid-cols-4">
        <FilterSelect
          label="Focus area"
          placeholder="Any focus area"
          options={FOCUS_AREAS.map((f) => ({ value: f, label: FOCUS_AREA_LABELS[f] }))}
          value={filters.focusArea}
          onChange={set("focusArea")}
        />
        <FilterSelect
          label="Setting"
          placeholder="Any setting"
          options={SETTINGS.map((s) => ({ value: s, label: SETTING_LABELS[s] }))}
          value={filters.setting}
          onChange={set("setting")}
        />
        <FilterSelect
          label="Area"
          placeholder="Any area"
          options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={filters.areaId}
          onChange={set("areaId")}
        />
        <FilterSelect
          label="Appointments"
          placeholder="In office today"
          options={[{ value: "all", label: "Every appointment" }]}
          value={filters.status}
          onChange={set("status")}
        />
      </div>
      {list.isPending ? <Loading label="Loading Lead Schools…" /> : null}
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.data && list.data.items.length === 0 ? (
        <EmptyState title="No Lead Schools match these filters" />
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Lead Schools</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="p-2">
                  School
                </th>
                <th scope="col" className="p-2">
                  Setting
                </th>
                <th scope="col" className="p-2">
                  Area
                </th>
                <th scope="col" className="p-2">
                  Focus areas
                </th>
                <th scope="col" className="p-2">
                  Term
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((l) => (
                <tr key={l.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 font-medium">
                    <Link to={`/lead-schools/${l.id}`} className={cx("text-blue-800 underline", focusRing)}>
                      {l.schoolName}
                    </Link>
                  </th>
                  <td className="p-2">{l.setting.map((s) => SETTING_LABELS[s]).join(", ")}</td>
                  <td className="p-2">{l.area ?? "No area"}</td>
                  <td className="p-2">
                    {l.focusAreas.map((f: FocusArea) => (
                      <Badge key={f}>{FOCUS_AREA_LABELS[f]}</Badge>
                    ))}
                  </td>
                  <td className="p-2">
                    {formatUkDate(l.from)} to {formatUkDate(l.to)}
                    {l.inOffice ? "" : " (not in office)"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPageChange={setPage}
            noun="Lead Schools"
          />
        </>
      ) : null}
    </div>
  );
}
