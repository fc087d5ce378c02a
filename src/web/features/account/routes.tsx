import type { RouteObject } from "react-router";

/** One's own account, for every role. */
export const accountRoutes: RouteObject[] = [
  { path: "account", lazy: async () => ({ Component: (await import("./account-page")).AccountPage }) },
];
