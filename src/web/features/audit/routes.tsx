import type { RouteObject } from "react-router";

/** Hub admin only: mounted under the admin guard in router.tsx. */
export const auditRoutes: RouteObject[] = [
  { path: "admin/audit", lazy: async () => ({ Component: (await import("./audit-page")).AuditPage }) },
];
