import { NavLink } from "react-router";
import { cx, focusRing } from "../../components/ui";

const TABS = [
  { to: "/quality-mark", label: "Applications", end: true },
  { to: "/quality-mark/awards", label: "Awards", end: false },
  { to: "/quality-mark/framework", label: "Framework", end: false },
  { to: "/quality-mark/assessors", label: "Assessors", end: false },
  { to: "/quality-mark/presentation", label: "Presentation", end: false },
  { to: "/quality-mark/figures", label: "Figures", end: false },
];

/** The hub's quality mark pages. */
export function QualityMarkTabs() {
  return (
    <nav aria-label="Quality mark" className="mb-4 flex gap-4 border-b border-slate-200">
      {TABS.map((t) => (
        <NavLink
          key={t.to}
          to={t.to}
          end={t.end}
          className={({ isActive }) =>
            cx(
              "-mb-px border-b-2 px-1 pb-2 text-sm font-medium",
              isActive
                ? "border-blue-700 text-blue-800"
                : "border-transparent text-slate-700 hover:text-slate-900",
              focusRing,
            )
          }
        >
          {t.label}
        </NavLink>
      ))}
    </nav>
  );
}
