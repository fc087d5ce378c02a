import { ArrowLeft } from "lucide-react";
import { Link, useLocation } from "react-router";
import { useMe } from "../../api/session";
import { cx, focusRing } from "../../components/ui/cx";

/** What a link to a profile carries: where the person came from (path and query, filters kept). */
export type CameFrom = { from: string };

/** The router state to give a link to a school's profile, so its back link returns here. */
export const useCameFrom = (): CameFrom => {
  const location = useLocation();
  return { from: location.pathname + location.search };
};

const placeOf = (path: string): string => {
  const pathname = path.split("?")[0];
  if (pathname === "/") return "home";
  if (pathname === "/schools/map") return "the map";
  if (pathname === "/schools/link-officers") return "the link officers";
  if (pathname === "/schools/areas") return "the areas";
  if (path.startsWith("/admin/audit")) return "the audit log";
  return "the schools";
};

/** Only a path inside Tutti is followed back (never another site). */
const safePath = (value: unknown): string | null =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : null;

/**
 * "Back to the schools": to the list (or map, or home) the profile was opened from, with its
 * filters, sorting and page as they were; to the whole list when the profile was opened directly.
 * Hub users only (a school user's profile is their home).
 */
export function BackLink() {
  const location = useLocation();
  const { data: me } = useMe();
  const role = me?.currentHub?.role;
  if (role !== "hub_admin" && role !== "hub_staff") return null;
  const state = location.state as Partial<CameFrom> | null;
  const to = safePath(state?.from) ?? "/schools";
  return (
    <p className="mb-2">
      <Link
        to={to}
        className={cx(
          "inline-flex items-center gap-1 rounded text-sm font-medium text-blue-800 underline-offset-2 hover:underline",
          focusRing,
        )}
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        Back to {placeOf(to)}
      </Link>
    </p>
  );
}
