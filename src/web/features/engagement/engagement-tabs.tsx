import { NavLink } from "react-router";
import { useMe } from "../../api/session";
import { cx, focusRing } from "../../components/ui/cx";

const TABS = [
  { to: "/engagement", label: "My schools" },
  { to: "/engagement/visits", label: "Visits" },
  { to: "/engagement/calendar", label: "Calendar" },
  { to: "/engagement/reports", label: "Reports" },
  { to: "/engagement/coverage", label: "Coverage" },
  { to: "/engagement/rag", label: "RAG board" },
];

/** The sub-navigation inside Engagement (hub users only). */
export function EngagementTabs() {
  const { data: me } = useMe();
  const role = me?.currentHub?.role;
  if (role !== "hub_admin" && role !== "hub_staff") return null;
  return (
    <nav aria-label="Engagement" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1">
        {TABS.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end
              className={({ isActive }) =>
                cx(
                  "-mb-px inline-block border-b-2 px-3 py-2 text-sm",
                  focusRing,
                  isActive
                    ? "border-blue-800 font-semibold text-blue-900"
                    : "border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900",
                )
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
