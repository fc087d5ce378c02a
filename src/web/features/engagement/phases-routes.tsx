import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

const hub = requireRole("hub_admin", "hub_staff");

/** Phases, expressions of interest and pre-visit audits (decision 024). */
export const engagementPhaseRoutes: RouteObject[] = [
  {
    path: "engagement/phases",
    loader: hub,
    lazy: async () => ({ Component: (await import("./phases-page")).PhasesPage }),
  },
  {
    path: "engagement/phases/:id",
    loader: hub,
    lazy: async () => ({ Component: (await import("./phase-page")).PhasePage }),
  },
  {
    path: "engagement/interests",
    loader: hub,
    lazy: async () => ({ Component: (await import("./interests-page")).InterestsPage }),
  },
  {
    path: "engagement/schools/:urn/audits",
    loader: hub,
    lazy: async () => ({ Component: (await import("./my-audits-page")).SchoolAuditsPage }),
  },
  {
    path: "engagement/my-audits",
    loader: requireRole("school_user"),
    lazy: async () => ({ Component: (await import("./my-audits-page")).MyAuditsPage }),
  },
  {
    path: "engagement/interest",
    loader: requireRole("school_user"),
    lazy: async () => ({ Component: (await import("./interest-page")).InterestPage }),
  },
];
