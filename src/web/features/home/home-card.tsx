import type { ReactNode } from "react";
import { Link } from "react-router";
import { cx, focusRing } from "../../components/ui/cx";
import { formatNumber } from "../../lib/format";

/** The frame every home card shares: a titled section. */
export function HomeCardFrame({
  id,
  title,
  children,
  wide,
}: {
  id: string;
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <section
      aria-labelledby={`home-card-${id}`}
      className={cx("rounded-lg border border-slate-200 bg-white p-4", wide && "lg:col-span-2")}
    >
      <h2 id={`home-card-${id}`} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export const linkClasses = cx(
  "rounded font-medium text-blue-800 underline underline-offset-2 hover:text-blue-950",
  focusRing,
);

/** One figure: the number, what it counts, and a link to the list of exactly those. */
export function FigureLink({
  count,
  label,
  href,
  testId,
}: {
  count: number;
  label: string;
  href: string;
  testId?: string;
}) {
  return (
    <Link
      to={href}
      data-testid={testId}
      className={cx(
        "flex items-baseline gap-2 rounded-md px-2 py-1.5 text-slate-900 hover:bg-blue-50",
        focusRing,
      )}
    >
      <span
        className="min-w-[3.5rem] text-right text-xl font-semibold tabular-nums text-blue-900"
        data-figure
      >
        {formatNumber(count)}
      </span>
      <span className="text-sm underline-offset-2 hover:underline">{label}</span>
    </Link>
  );
}
