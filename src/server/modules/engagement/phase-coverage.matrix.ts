import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./engagement.policy";

const unknownPhase = "00000000-0000-4000-8000-0000000e2101";
const see = rolesFor("seeCoverage");

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/engagement/phases/coverage",
    request: () => ({ method: "GET", url: "/api/engagement/phases/coverage" }),
    allowed: see,
    crossHub: "no_leak",
    secrets: () => ["School of own"],
  },
  {
    route: "GET /api/engagement/phases/:id/coverage",
    request: () => ({ method: "GET", url: `/api/engagement/phases/${unknownPhase}/coverage` }),
    allowed: see,
    crossHub: "not_found",
  },
];
