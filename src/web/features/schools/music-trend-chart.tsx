import { useEffect, useId, useRef, useState } from "react";
import type { MusicYear } from "../../../shared/schemas/schools";

const SERIES = [
  { key: "wcetPupils", label: "WCET / First Access" },
  { key: "instrumentPupils", label: "Learning an instrument" },
  { key: "singingPupils", label: "Singing regularly" },
] as const;

interface Datum {
  year: string;
  figure: string;
  pupils: number;
}

/** A small line chart of WCET, instrument and singing pupils over the years (oldest to newest). */
export function MusicTrendChart({ years }: { years: readonly MusicYear[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [failed, setFailed] = useState(false);
  const data: Datum[] = [...years]
    .sort((a, b) => a.academicYear.localeCompare(b.academicYear))
    .flatMap((y) =>
      SERIES.flatMap((s) => {
        const value = y[s.key];
        return typeof value === "number" ? [{ year: y.academicYear, figure: s.label, pupils: value }] : [];
      }),
    );
  const description = SERIES.map((s) => {
    const points = data.filter((d) => d.figure === s.label);
    return points.length === 0
      ? `${s.label}: no figures`
      : `${s.label}: ${points.map((d) => `${d.pupils} in ${d.year}`).join(", ")}`;
  }).join(". ");
  const key = JSON.stringify(data);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the data (key) changes
  useEffect(() => {
    let cancelled = false;
    const container = ref.current;
    if (!container || data.length === 0) return;
    import("@observablehq/plot")
      .then((Plot) => {
        if (cancelled) return;
        const chart = Plot.plot({
          width: Math.max(280, Math.min(640, container.clientWidth || 560)),
          height: 220,
          marginLeft: 48,
          ariaLabel: "Pupils in WCET, learning an instrument and singing, by academic year",
          ariaDescription: description,
          style: { fontSize: "12px", color: "#1e293b", background: "transparent" },
          x: { type: "point", label: "Academic year" },
          y: { grid: true, label: "Pupils", zero: true },
          color: {
            legend: true,
            domain: SERIES.map((s) => s.label),
            range: ["#0072B2", "#D55E00", "#009E73"],
          },
          marks: [
            Plot.ruleY([0]),
            Plot.lineY(data, { x: "year", y: "pupils", stroke: "figure", strokeWidth: 2 }),
            Plot.dot(data, { x: "year", y: "pupils", fill: "figure", r: 3.5, tip: true }),
          ],
        });
        // Plot names each mark's <g> ("line", "dot"): not allowed without a role, and noise to a
        // screen reader. The chart is one image, named and described by the <svg>.
        for (const g of chart.querySelectorAll("g[aria-label]")) g.removeAttribute("aria-label");
        const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg[aria-label]");
        svg?.setAttribute("role", "img");
        container.replaceChildren(chart);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [key]);

  if (data.length === 0) return null;
  return (
    <figure aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption id={titleId} className="mb-2 text-sm font-semibold text-slate-900">
        Pupils taking part, by year
      </figcaption>
      <div ref={ref} className="overflow-x-auto" />
      <p className={failed ? "text-sm text-slate-800" : "sr-only"}>{description}.</p>
    </figure>
  );
}
