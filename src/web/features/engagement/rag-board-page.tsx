import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { PHASE_LABELS, PHASES } from "../../../shared/rules/phase";
import { errorMessage } from "../../api/client";
import {
  Alert,
  Badge,
  cx,
  EmptyState,
  FilterSelect,
  focusRing,
  Loading,
  PageHeader,
  Pagination,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { areasQuery, linkOfficersQuery } from "../schools/schools-api";
import { EngagementTabs } from "./engagement-tabs";
import { RAG_LABELS, RAG_TONES, ragBoardQuery } from "./rag-api";

const PAGE_SIZE = 50;
const GROUPS = ["red", "amber", "green", "unrated"] as const;
type Filters = { rating?: string; area?: string; phase?: string; linkOfficer?: string };

/** /engagement/rag — schools by current RAG rating, each with Tutti's suggestion. */
export function RagBoardPage() {
  useDocumentTitle("RAG board");
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const params = { ...filters, page, pageSize: PAGE_SIZE };
  const board = useQuery(ragBoardQuery(params));
  const areas = useQuery(areasQuery);
  const officers = useQuery(linkOfficersQuery);
  const set = (key: keyof Filters) => (value: string | undefined) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  return (
    <div>
      <PageHeader
        title="RAG board"
        description="Schools by their current rating, with the rating Tutti suggests from the hub's criteria."
      />
      <EngagementTabs />
      <div className="mb-4 grid gap-3 sm:grid-cols-4">
        <FilterSelect
          label="Rating"
          placeholder="Any rating"
          options={GROUPS.map((g) => ({ value: g, label: RAG_LABELS[g] }))}
          value={filters.rating}
          onChange={set("rating")}
        />
        <FilterSelect
          label="Area"
          placeholder="Any area"
          options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={filters.area}
          onChange={set("area")}
        />
        <FilterSelect
          label="Phase"
          placeholder="Any phase"
          options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
          value={filters.phase}
          onChange={set("phase")}
        />
        <FilterSelect
          label="Link officer"
          placeholder="Any link officer"
          options={(officers.data ?? []).map((o) => ({ value: o.userId, label: o.name }))}
          value={filters.linkOfficer}
          onChange={set("linkOfficer")}
        />
      </div>
      {board.isPending ? <Loading label="Loading the board…" /> : null}
      {board.isError ? <Alert tone="error">{errorMessage(board.error)}</Alert> : null}
      {board.data ? (
        <>
          <p className="mb-3 flex flex-wrap gap-2 text-sm">
            {GROUPS.map((g) => (
              <Badge key={g} tone={RAG_TONES[g]}>
                {RAG_LABELS[g]}: {board.data.counts[g]}
              </Badge>
            ))}
          </p>
          {board.data.items.length === 0 ? (
            <EmptyState title="No schools match these filters" />
          ) : (
            GROUPS.map((g) => {
              const items = board.data.items.filter((i) => (i.current?.rating ?? "unrated") === g);
              if (!items.length) return null;
              return (
                <section key={g} aria-labelledby={`rag-${g}`} className="mb-6">
                  <h2 id={`rag-${g}`} className="mb-2 text-lg font-semibold text-slate-900">
                    {RAG_LABELS[g]}
                  </h2>
                  <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                    {items.map((i) => (
                      <li key={i.urn} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3 text-sm">
                        <Link
                          to={`/schools/${i.urn}`}
                          className={cx("font-medium text-blue-800 underline", focusRing)}
                        >
                          {i.name}
                        </Link>
                        <span className="text-slate-700">{PHASE_LABELS[i.phase]}</span>
                        <span className="text-slate-700">{i.areaName ?? "No area"}</span>
                        <span className="text-slate-700">{i.linkOfficerName ?? "No link officer"}</span>
                        {i.targetedSupport ? <Badge tone="red">Targeted support</Badge> : null}
                        <span className="text-slate-700">
                          Suggested{" "}
                          <Badge tone={RAG_TONES[i.suggestion.rating]}>
                            {RAG_LABELS[i.suggestion.rating]}
                          </Badge>
                          {i.suggestion.criteria.some((c) => c.fired)
                            ? `: ${i.suggestion.criteria
                                .filter((c) => c.fired)
                                .map((c) => c.label)
                                .join("; ")}`
                            : ""}
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })
          )}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={board.data.total}
            onPageChange={setPage}
            noun="schools"
          />
        </>
      ) : null}
    </div>
  );
}
