import type { MatrixCase } from "../../testing/matrix";

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/home",
    request: () => ({ method: "GET", url: "/api/home" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "no_leak",
    secrets: (f) => ["School of own", "Partner of own", f.own.users.hub_admin.email],
  },
];
