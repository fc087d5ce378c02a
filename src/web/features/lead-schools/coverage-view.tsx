import { FOCUS_AREA_LABELS } from "../../../shared/rules/focus-areas";
import { SETTING_LABELS, SETTINGS } from "../../../shared/rules/lead-school-coverage";
import type { LeadSchoolCoverage } from "../../../shared/schemas/lead-schools";

/** The gaps, in words. */
export function GapList({ gaps, label }: { gaps: LeadSchoolCoverage["gaps"]; label: string }) {
  if (gaps.length === 0)
    return <p className="text-sm text-green-800">No gaps: every focus area, area and setting is covered.</p>;
  return (
    <ul aria-label={label} className="list-disc space-y-1 pl-5 text-sm">
      {gaps.map((g) => (
        <li key={`${g.kind}-${g.focusArea ?? ""}-${g.areaId ?? ""}-${g.laCode ?? ""}`}>{g.message}</li>
      ))}
    </ul>
  );
}

/** The matrix: focus areas down, areas × settings across; each cell names its Lead Schools. */
export function CoverageMatrix({
  coverage,
  highlight,
}: {
  coverage: LeadSchoolCoverage;
  highlight?: LeadSchoolCoverage["whatIf"];
}) {
  const isNew = (fa: string, area: string, s: string) =>
    highlight?.newCells.some((c) => c.focusArea === fa && c.area === area && c.setting === s) ?? false;
  return (
    // A matrix wider than the screen scrolls sideways by keyboard too (axe: scrollable-region-focusable).
    // biome-ignore lint/a11y/useSemanticElements: a scrolling box, not a page section
    <div
      className="overflow-x-auto"
      role="region"
      aria-label="Coverage matrix (scrolls sideways)"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the box scrolls, so it takes focus
      tabIndex={0}
    >
      <table className="min-w-full border-collapse text-left text-xs">
        <caption className="sr-only">Lead Schools by focus area, area and setting</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="border border-slate-300 p-1">
              Focus area
            </th>
            {coverage.areas.map((a) => (
              <th key={a.id ?? "none"} scope="colgroup" colSpan={3} className="border border-slate-300 p-1">
                {a.name}
              </th>
            ))}
          </tr>
          <tr>
            {coverage.areas.flatMap((a) =>
              SETTINGS.map((s) => (
                <th
                  key={`${a.id ?? "none"}-${s}`}
                  scope="col"
                  className="border border-slate-300 p-1 font-normal"
                >
                  {SETTING_LABELS[s]}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {coverage.matrix.map((row) => (
            <tr key={row.focusArea}>
              <th
                scope="row"
                className={
                  row.total === 0 ? "border border-slate-300 bg-amber-50 p-1" : "border border-slate-300 p-1"
                }
              >
                {FOCUS_AREA_LABELS[row.focusArea]}
              </th>
              {row.cells.flatMap((cell, i) => {
                const area = coverage.areas[i]?.name ?? "";
                return SETTINGS.map((s) => (
                  <td
                    key={`${coverage.areas[i]?.id ?? "none"}-${s}`}
                    className={
                      isNew(row.focusArea, area, s)
                        ? "border border-slate-300 bg-green-100 p-1"
                        : "border border-slate-300 p-1"
                    }
                  >
                    {cell[s].map((l) => l.name).join(", ") || <span className="text-slate-600">–</span>}
                    {isNew(row.focusArea, area, s) ? (
                      <span className="sr-only"> (new with this candidate)</span>
                    ) : null}
                  </td>
                ));
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
