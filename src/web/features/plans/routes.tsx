import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

/** The hub plan: hub users only (school and partner users never see it). */
export const plansRoutes: RouteObject[] = [
  {
    path: "plans",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./plans-list-page")).PlansListPage }),
  },
  {
    path: "plans/glossary",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./glossary-page")).GlossaryPage }),
  },
  {
    path: "plans/:id",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./plan-page")).PlanPage }),
  },
];
