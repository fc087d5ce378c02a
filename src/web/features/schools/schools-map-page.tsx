import { useQuery } from "@tanstack/react-query";
import { List } from "lucide-react";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import { errorMessage } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { ButtonLink } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { Select } from "../../components/ui/select";
import { formatNumber } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useCameFrom } from "./back-link";
import {
  buildColouring,
  COLOUR_OPTIONS,
  type ColourBy,
  colourLabel,
  describeValue,
  isColourBy,
  type MapPoint,
  needsYear,
} from "./map-colours";
import { SchoolFilterBar, useSchoolFilters } from "./school-filter-bar";
import { filterQuery, filterSearch, phaseLabel } from "./school-filters";
import { schoolMapQuery } from "./schools-api";
import { SchoolsTabs } from "./schools-tabs";

const WIDTH = 800;
const MAX_HEIGHT = 760;
const PAD = 16;

interface Placed {
  point: MapPoint;
  x: number;
  y: number;
}

/** Projects easting/northing to the SVG with one scale for both axes (metres stay square). */
const place = (points: readonly MapPoint[]): { placed: Placed[]; width: number; height: number } => {
  if (points.length === 0) return { placed: [], width: WIDTH, height: 300 };
  const eastings = points.map((p) => p.easting);
  const northings = points.map((p) => p.northing);
  const minE = Math.min(...eastings);
  const maxE = Math.max(...eastings);
  const minN = Math.min(...northings);
  const maxN = Math.max(...northings);
  const dx = Math.max(maxE - minE, 1000);
  const dy = Math.max(maxN - minN, 1000);
  let scale = (WIDTH - 2 * PAD) / dx;
  if (dy * scale + 2 * PAD > MAX_HEIGHT) scale = (MAX_HEIGHT - 2 * PAD) / dy;
  const width = dx * scale + 2 * PAD;
  const height = dy * scale + 2 * PAD;
  const offsetX = (width - (maxE - minE) * scale) / 2;
  const offsetY = (height - (maxN - minN) * scale) / 2;
  // Reading order: north to south, then west to east (the order Home and End follow).
  const placed = points
    .map((point) => ({
      point,
      x: offsetX + (point.easting - minE) * scale,
      y: offsetY + (maxN - point.northing) * scale,
    }))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  return { placed, width, height };
};

/** Each area's name at the middle of its schools on the map (areas with one school are left out). */
const areaLabels = (placed: readonly Placed[]): { name: string; x: number; y: number }[] => {
  const sums = new Map<string, { x: number; y: number; n: number }>();
  for (const p of placed) {
    const name = p.point.areaName;
    if (!name) continue;
    const sum = sums.get(name) ?? { x: 0, y: 0, n: 0 };
    sum.x += p.x;
    sum.y += p.y;
    sum.n += 1;
    sums.set(name, sum);
  }
  return [...sums]
    .filter(([, sum]) => sum.n > 1)
    .map(([name, sum]) => ({ name, x: sum.x / sum.n, y: sum.y / sum.n }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

type Direction = "left" | "right" | "up" | "down";
const DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** The nearest dot in a direction, favouring dots straight ahead. */
const nearest = (placed: readonly Placed[], from: number, direction: Direction): number => {
  const origin = placed[from];
  if (!origin) return from;
  let best = from;
  let bestScore = Number.POSITIVE_INFINITY;
  placed.forEach((p, i) => {
    if (i === from) return;
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const ahead = direction === "left" ? -dx : direction === "right" ? dx : direction === "up" ? -dy : dy;
    const aside = direction === "left" || direction === "right" ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0) return;
    const score = ahead + 2 * aside;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
};

export function SchoolsMapPage() {
  useDocumentTitle("Map of schools");
  const navigate = useNavigate();
  const cameFrom = useCameFrom();
  const { params, filters, setFilters, clear } = useSchoolFilters();
  const colourParam = params.get("colour");
  const colour: ColourBy = isColourBy(colourParam) ? colourParam : "phase";
  const current = academicYearOf(new Date());
  const years = previousAcademicYears(current, 5).reverse();
  const year = params.get("year") ?? current;
  const map = useQuery(
    schoolMapQuery({ ...filterQuery(filters), colour, year: needsYear(colour) ? year : undefined }),
  );
  const points = map.data?.points ?? [];
  const { placed, width, height } = useMemo(() => place(points), [points]);
  const colouring = useMemo(() => buildColouring(colour, points), [colour, points]);
  const labels = useMemo(() => areaLabels(placed), [placed]);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState<Placed | null>(null);
  const dots = useRef<Array<{ focus: () => void } | null>>([]);
  const titleId = useId();
  const helpId = useId();
  const activeIndex = active < placed.length ? active : 0;

  const dotName = (p: MapPoint): string => {
    const base = `${p.name} (${p.urn}), ${phaseLabel(p.phase)}${p.areaName ? `, ${p.areaName}` : ""}`;
    return colour === "phase" ? base : `${base}, ${colourLabel(colour)}: ${describeValue(colour, p)}`;
  };

  const move = (event: KeyboardEvent<Element>, index: number) => {
    let next: number | null = null;
    const direction = DIRECTIONS[event.key];
    if (direction) next = nearest(placed, index, direction);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = placed.length - 1;
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    dots.current[next]?.focus();
  };

  const radius = Math.max(3, Math.min(6, 2400 / Math.max(placed.length, 1)));

  return (
    <div>
      <PageHeader
        title="Map of schools"
        description="Schools plotted by their grid reference (easting and northing from GIAS)."
        actions={
          <ButtonLink to={`/schools${filterSearch(filters)}`}>
            <List aria-hidden="true" className="size-4" />
            List view
          </ButtonLink>
        }
      />
      <SchoolsTabs />
      <SchoolFilterBar filters={filters} setFilters={setFilters} clear={clear} />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        <Select
          label="Colour by"
          options={COLOUR_OPTIONS}
          value={colour}
          onChange={(event) =>
            setFilters({ colour: event.target.value === "phase" ? undefined : event.target.value })
          }
          className="sm:w-64"
        />
        {needsYear(colour) ? (
          <Select
            label="Academic year"
            options={years.map((y) => ({ value: y, label: y }))}
            value={year}
            onChange={(event) => setFilters({ year: event.target.value })}
            className="sm:w-40"
          />
        ) : null}
      </div>

      {map.isError ? (
        <Alert tone="error" title="The map could not be loaded">
          {errorMessage(map.error)}
        </Alert>
      ) : null}

      {map.isPending ? (
        <Loading label="Loading the map…" />
      ) : map.data ? (
        <div className="space-y-4">
          <p aria-live="polite" className="text-sm text-slate-800">
            {formatNumber(points.length)} {points.length === 1 ? "school" : "schools"} on the map.
            {map.data.unplotted > 0
              ? ` ${formatNumber(map.data.unplotted)} ${map.data.unplotted === 1 ? "school has" : "schools have"} no coordinates and ${map.data.unplotted === 1 ? "is" : "are"} not shown.`
              : ""}
          </p>
          {points.length === 0 ? (
            <EmptyState title="No schools to show">Try fewer filters.</EmptyState>
          ) : (
            <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_16rem]">
              <figure className="rounded-lg border border-slate-200 bg-white p-2">
                {/* biome-ignore lint/a11y/useSemanticElements: an SVG group of links, named by its title */}
                <svg
                  viewBox={`0 0 ${width.toFixed(0)} ${height.toFixed(0)}`}
                  className="h-auto w-full"
                  role="group"
                  aria-labelledby={titleId}
                  aria-describedby={helpId}
                >
                  <title id={titleId}>
                    Map of {formatNumber(points.length)} schools, coloured by{" "}
                    {colourLabel(colour).toLowerCase()}
                  </title>
                  <rect x={0} y={0} width={width} height={height} fill="#f8fafc" />
                  {placed.map((p, i) => (
                    <a
                      key={p.point.urn}
                      ref={(el) => {
                        dots.current[i] = el;
                      }}
                      href={`/schools/${p.point.urn}`}
                      aria-label={dotName(p.point)}
                      tabIndex={i === activeIndex ? 0 : -1}
                      className="group outline-none"
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(`/schools/${p.point.urn}`, { state: cameFrom });
                      }}
                      onKeyDown={(event) => move(event, i)}
                      onFocus={() => {
                        setActive(i);
                        setFocused(p);
                      }}
                      onBlur={() => setFocused(null)}
                    >
                      <circle
                        cx={p.x}
                        cy={p.y}
                        r={radius + 4}
                        fill="none"
                        stroke="#1d4ed8"
                        strokeWidth={3}
                        className="opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100"
                      />
                      <circle
                        cx={p.x}
                        cy={p.y}
                        r={radius}
                        fill={colouring.colourOf(p.point)}
                        stroke="#1e293b"
                        strokeWidth={1}
                      />
                    </a>
                  ))}
                  {/* Area names: read out through each dot's name, so hidden from assistive tech here. */}
                  {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a group of text labels, nothing in it takes focus */}
                  <g aria-hidden="true" pointerEvents="none" data-testid="area-labels">
                    {labels.map((l) => (
                      <text
                        key={l.name}
                        x={l.x}
                        y={l.y}
                        textAnchor="middle"
                        dominantBaseline="middle"
                        fontSize={15}
                        fontWeight={600}
                        fill="#0f172a"
                        stroke="#ffffff"
                        strokeWidth={4}
                        paintOrder="stroke"
                      >
                        {l.name}
                      </text>
                    ))}
                  </g>
                </svg>
                <figcaption id={helpId} className="px-2 pt-2 text-sm text-slate-700">
                  North is at the top; area names sit at the middle of their schools. Tab to the map, then use
                  the arrow keys to move between schools and Enter to open one.
                  <span aria-live="polite" className="mt-1 block min-h-5 font-medium text-slate-900">
                    {focused ? dotName(focused.point) : ""}
                  </span>
                </figcaption>
              </figure>
              <section
                aria-labelledby={`${titleId}-legend`}
                className="rounded-lg border border-slate-200 bg-white p-3"
              >
                <h2 id={`${titleId}-legend`} className="mb-2 text-sm font-semibold text-slate-900">
                  {colourLabel(colour)}
                  {needsYear(colour) ? `, ${year}` : ""}
                </h2>
                <ul className="space-y-1 text-sm text-slate-800">
                  {colouring.legend.map((entry) => (
                    <li key={entry.key} className="flex items-center gap-2">
                      <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3 shrink-0">
                        <circle cx={6} cy={6} r={5} fill={entry.colour} stroke="#1e293b" strokeWidth={1} />
                      </svg>
                      <span className="flex-1">{entry.label}</span>
                      <span className="text-slate-700 tabular-nums">{formatNumber(entry.count)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          )}
          {points.length > 0 ? (
            <details className="rounded-lg border border-slate-200 bg-white">
              <summary className={cx("cursor-pointer px-4 py-3 font-medium text-slate-900", focusRing)}>
                Schools on this map ({formatNumber(points.length)})
              </summary>
              <section
                aria-label="Schools on this map"
                tabIndex={-1}
                className="relative max-h-[32rem] overflow-auto border-t border-slate-200"
              >
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <caption className="sr-only">Schools on this map</caption>
                  <thead className="bg-slate-50">
                    <tr>
                      <th scope="col" className="px-4 py-2 text-left font-semibold">
                        School
                      </th>
                      <th scope="col" className="px-4 py-2 text-left font-semibold">
                        URN
                      </th>
                      <th scope="col" className="px-4 py-2 text-left font-semibold">
                        Phase
                      </th>
                      <th scope="col" className="px-4 py-2 text-left font-semibold">
                        Area
                      </th>
                      {colour !== "phase" && colour !== "area" ? (
                        <th scope="col" className="px-4 py-2 text-right font-semibold">
                          {colourLabel(colour)}
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-200">
                    {placed.map(({ point }) => (
                      <tr key={point.urn}>
                        <th scope="row" className="px-4 py-1.5 text-left font-normal">
                          <Link
                            to={`/schools/${point.urn}`}
                            state={cameFrom}
                            className={cx("text-blue-800 hover:underline", focusRing)}
                          >
                            {point.name}
                          </Link>
                        </th>
                        <td className="px-4 py-1.5">{point.urn}</td>
                        <td className="px-4 py-1.5">{phaseLabel(point.phase)}</td>
                        <td className="px-4 py-1.5">{point.areaName ?? "—"}</td>
                        {colour !== "phase" && colour !== "area" ? (
                          <td className="px-4 py-1.5 text-right tabular-nums">
                            {describeValue(colour, point)}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
