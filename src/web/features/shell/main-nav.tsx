import { NavLink } from "react-router";
import type { Role } from "../../../shared/schemas/auth";
import { cx, focusRing } from "../../components/ui/cx";
import { navFor } from "./nav-items";

export function MainNav({ role, id, open }: { role: Role | null; id: string; open: boolean }) {
  const groups = navFor(role);
  return (
    <nav
      id={id}
      aria-label="Main"
      className={cx(
        "border-b border-slate-200 bg-white md:block md:w-64 md:shrink-0 md:border-r md:border-b-0",
        open ? "block" : "hidden",
      )}
    >
      <div className="space-y-6 px-3 py-4 md:sticky md:top-0">
        {groups.map((group) => (
          <div key={group.id}>
            <p
              id={`${id}-${group.id}`}
              className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-700 uppercase"
            >
              {group.label}
            </p>
            <ul aria-labelledby={`${id}-${group.id}`} className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.id}>
                  <NavLink
                    to={item.to}
                    end={item.to === "/"}
                    className={({ isActive }) =>
                      cx(
                        "block rounded-md px-3 py-2 text-sm",
                        focusRing,
                        isActive
                          ? "bg-blue-50 font-semibold text-blue-900 ring-1 ring-blue-200 ring-inset"
                          : "text-slate-800 hover:bg-slate-100",
                      )
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
