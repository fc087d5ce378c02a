import type { MatrixCase } from "../../testing/matrix";

export const matrix: MatrixCase[] = [
  {
    route: "POST /api/outbox/:id/retry",
    request: () => ({ method: "POST", url: "/api/outbox/00000000-0000-4000-8000-000000000001/retry" }),
    allowed: ["hub_admin"],
    crossHub: "not_found",
  },
];
