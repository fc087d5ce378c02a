import type { RouteObject } from "react-router";

/** Hub admin only: mounted under the admin guard in router.tsx. */
export const outboxRoutes: RouteObject[] = [
  { path: "admin/outbox", lazy: async () => ({ Component: (await import("./outbox-page")).OutboxPage }) },
];
