import type { RouteObject } from "react-router";

/** Hub admin only: mounted under the admin guard in router.tsx. */
export const usersRoutes: RouteObject[] = [
  { path: "admin/users", lazy: async () => ({ Component: (await import("./users-page")).UsersPage }) },
];
