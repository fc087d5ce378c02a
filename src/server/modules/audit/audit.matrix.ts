import type { MatrixCase } from "../../testing/matrix";

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/audit",
    request: () => ({ method: "GET", url: "/api/audit" }),
    allowed: ["hub_admin"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.email, f.own.id],
  },
  {
    route: "GET /api/audit/people",
    request: () => ({ method: "GET", url: "/api/audit/people" }),
    allowed: ["hub_admin"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.id],
  },
  {
    route: "GET /api/audit/export",
    request: () => ({ method: "GET", url: "/api/audit/export" }),
    allowed: ["hub_admin"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.email, f.own.name],
  },
  {
    route: "GET /api/outbox",
    request: () => ({ method: "GET", url: "/api/outbox" }),
    allowed: ["hub_admin"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.email],
  },
  {
    route: "GET /api/hubs/current",
    request: () => ({ method: "GET", url: "/api/hubs/current" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.id],
  },
  {
    route: "PATCH /api/hubs/current",
    request: () => ({ method: "PATCH", url: "/api/hubs/current", payload: { laCodes: ["931"] } }),
    allowed: ["hub_admin"],
    crossHub: "not_applicable",
  },
];
