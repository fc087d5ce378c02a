import { NavLink, useLocation } from "react-router";
import { useMe } from "../../api/session";
import { cx, focusRing } from "../../components/ui/cx";

interface Tab {
  to: string;
  label: string;
  /** Carry the list's filters when moving between the list and the map. */
  keepSearch?: boolean;
}

const TABS: Tab[] = [
  { to: "/schools", label: "List", keepSearch: true },
  { to: "/schools/map", label: "Map", keepSearch: true },
  { to: "/schools/areas", label: "Areas" },
  { to: "/schools/link-officers", label: "Link officers" },
  { to: "/schools/import", label: "Import" },
];

/** The sub-navigation inside Schools (hub users only). */
export function SchoolsTabs() {
  const location = useLocation();
  const { data: me } = useMe();
  const role = me?.currentHub?.role;
  if (role !== "hub_admin" && role !== "hub_staff") return null;
  const onListOrMap = location.pathname === "/schools" || location.pathname === "/schools/map";
  return (
    <nav aria-label="Schools" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1">
        {TABS.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.keepSearch && onListOrMap ? `${tab.to}${location.search}` : tab.to}
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
