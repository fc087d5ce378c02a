import { createBrowserRouter, type RouteObject } from "react-router";
import { accountRoutes } from "./features/account/routes";
import { auditRoutes } from "./features/audit/routes";
import { authRoutes } from "./features/auth/routes";
import { cpdPublicRoutes, cpdRoutes } from "./features/cpd/routes";
import { engagementPhaseRoutes } from "./features/engagement/phases-routes";
import { engagementRoutes } from "./features/engagement/routes";
import { homeRoutes } from "./features/home/routes";
import { leadSchoolsRoutes } from "./features/lead-schools/routes";
import { outboxRoutes } from "./features/outbox/routes";
import { plansRoutes } from "./features/plans/routes";
import { qualityMarkRoutes } from "./features/quality-mark/routes";
import { questionnairesRoutes } from "./features/questionnaires/routes";
import { schoolsRoutes } from "./features/schools/routes";
import { requireHubAdmin, requireSession } from "./features/shell/guards";
import { FullPageLoading, NotFoundPage, RouteError } from "./features/shell/route-error";
import { Shell } from "./features/shell/shell";
import { usersRoutes } from "./features/users/routes";

/**
 * Adding a capability: create `features/<name>/routes.tsx` exporting `RouteObject[]` with paths
 * relative to "/" (e.g. `{ path: "cpd", lazy: () => import("./cpd-page")... }`), add it to
 * `featureRoutes` (or `adminRoutes` for hub-admin-only pages), and give its nav item a `to`
 * in `features/shell/nav-items.ts`. Use `requireRole(...)` from `features/shell/guards` as a
 * route loader to refuse other roles.
 */
const featureRoutes: RouteObject[] = [
  ...homeRoutes,
  ...schoolsRoutes,
  ...questionnairesRoutes,
  ...accountRoutes,
  ...engagementRoutes,
  ...engagementPhaseRoutes,
  ...qualityMarkRoutes,
  ...cpdRoutes,
  ...plansRoutes,
  ...leadSchoolsRoutes,
];

const adminRoutes: RouteObject[] = [...usersRoutes, ...auditRoutes, ...outboxRoutes];

export const routes: RouteObject[] = [
  ...[...authRoutes, ...cpdPublicRoutes].map((route) => ({
    ...route,
    ErrorBoundary: RouteError,
    HydrateFallback: FullPageLoading,
  })),
  {
    id: "app",
    path: "/",
    loader: requireSession,
    Component: Shell,
    ErrorBoundary: RouteError,
    HydrateFallback: FullPageLoading,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          ...featureRoutes,
          { id: "admin", loader: requireHubAdmin, children: adminRoutes },
          { path: "*", Component: NotFoundPage },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
