import type { MatrixCase } from "../../testing/matrix";

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/users",
    request: () => ({ method: "GET", url: "/api/users" }),
    allowed: ["hub_admin"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.email],
  },
  {
    route: "POST /api/users/invitations",
    request: () => ({
      method: "POST",
      url: "/api/users/invitations",
      payload: {
        email: `matrix-${Math.random().toString(36).slice(2)}@example.test`,
        name: "Matrix Person",
        role: "hub_staff",
      },
    }),
    allowed: ["hub_admin"],
    crossHub: "not_applicable",
  },
  {
    route: "PATCH /api/users/:userId",
    request: (f) => ({
      method: "PATCH",
      url: `/api/users/${f.own.users.hub_staff.id}`,
      payload: { role: "hub_staff" },
    }),
    allowed: ["hub_admin"],
    crossHub: "not_found",
    secrets: (f) => [f.own.users.hub_staff.email],
  },
  {
    route: "GET /api/options/schools",
    request: () => ({ method: "GET", url: "/api/options/schools" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.schoolId],
  },
  {
    route: "GET /api/options/partners",
    request: () => ({ method: "GET", url: "/api/options/partners" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.partnerId],
  },
];
