import type { MatrixCase } from "../../testing/matrix";

const publicRoute = (route: string): MatrixCase => ({
  route,
  request: () => ({ method: "GET", url: "/" }),
  allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
  crossHub: "not_applicable",
  public: true,
});

export const matrix: MatrixCase[] = [
  publicRoute("POST /api/auth/sign-in"),
  publicRoute("POST /api/auth/sign-out"),
  publicRoute("POST /api/auth/password-reset"),
  publicRoute("POST /api/auth/password-reset/complete"),
  publicRoute("GET /api/auth/password-reset/:token"),
  publicRoute("GET /api/auth/invitations/:token"),
  publicRoute("POST /api/auth/invitations/accept"),
  publicRoute("GET /api/health"),
  publicRoute("GET /api/openapi.json"),
  {
    route: "GET /api/me",
    request: () => ({ method: "GET", url: "/api/me" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.id],
  },
  {
    route: "POST /api/auth/switch-hub",
    request: (f) => ({ method: "POST", url: "/api/auth/switch-hub", payload: { hubId: f.own.id } }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_found",
  },
  // One's own account: every role, and only ever one's own (a wrong current password, and
  // signing out the other devices only, so the signed-in agents stay signed in).
  {
    route: "GET /api/account",
    request: () => ({ method: "GET", url: "/api/account" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.id],
  },
  {
    route: "PATCH /api/account",
    request: () => ({ method: "PATCH", url: "/api/account", payload: { name: "Matrix Tester" } }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_applicable",
  },
  {
    route: "POST /api/account/password",
    request: () => ({
      method: "POST",
      url: "/api/account/password",
      payload: { currentPassword: "not-the-password", newPassword: "orchard-lantern-violin" },
    }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_applicable",
  },
  {
    route: "POST /api/account/sign-out-everywhere",
    request: () => ({
      method: "POST",
      url: "/api/account/sign-out-everywhere",
      payload: { includeThisDevice: false },
    }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_applicable",
  },
];
