import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

const hub = requireRole("hub_admin", "hub_staff");

/** Lead Schools: hub users manage rounds, review and see coverage; school users apply. */
export const leadSchoolsRoutes: RouteObject[] = [
  {
    path: "lead-schools",
    loader: hub,
    lazy: async () => ({ Component: (await import("./lead-schools-page")).LeadSchoolsPage }),
  },
  {
    path: "lead-schools/school",
    loader: requireRole("school_user"),
    lazy: async () => ({ Component: (await import("./school-page")).SchoolLeadSchoolsPage }),
  },
  {
    path: "lead-schools/coverage",
    loader: hub,
    lazy: async () => ({ Component: (await import("./coverage-page")).CoveragePage }),
  },
  {
    path: "lead-schools/rounds",
    loader: hub,
    lazy: async () => ({ Component: (await import("./rounds-page")).RoundsPage }),
  },
  {
    path: "lead-schools/rounds/:id",
    loader: hub,
    lazy: async () => ({ Component: (await import("./round-page")).RoundPage }),
  },
  {
    path: "lead-schools/rounds/:id/apply",
    loader: requireRole("school_user"),
    lazy: async () => ({ Component: (await import("./apply-page")).ApplyPage }),
  },
  {
    path: "lead-schools/applications/:id/review",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./review-page")).ReviewPage }),
  },
  {
    path: "lead-schools/:id",
    loader: hub,
    lazy: async () => ({ Component: (await import("./lead-school-page")).LeadSchoolPage }),
  },
];
