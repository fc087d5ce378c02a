import type { MatrixCase } from "../../testing/matrix";

export const matrix: MatrixCase[] = [
  {
    // Every member may mint their own feed; another hub's user mints one for their own hub only.
    route: "POST /api/me/calendar-token",
    request: () => ({ method: "POST", url: "/api/me/calendar-token" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.id, f.own.slug],
  },
  {
    // No session: the secret token in the URL is the key (calendar.api.test.ts proves it).
    route: "GET /api/calendar/feeds/:token.ics",
    request: () => ({ method: "GET", url: "/" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_applicable",
    public: true,
  },
];
