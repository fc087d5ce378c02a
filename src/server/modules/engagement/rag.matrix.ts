import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./rag.policy";

// Seeded schools have random URNs; the routes also take a school's id, which the fixture knows.
const rag = (f: Parameters<MatrixCase["request"]>[0]) => `/api/schools/${f.own.schoolId}/rag`;
const secrets: MatrixCase["secrets"] = (f) => [f.own.schoolId, "School of own"];

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/schools/:urn/rag",
    request: (f) => ({ method: "GET", url: rag(f) }),
    allowed: rolesFor("seeRatings"),
    crossHub: "not_found",
    secrets,
  },
  {
    route: "PUT /api/schools/:urn/rag",
    request: (f) => ({ method: "PUT", url: rag(f), payload: { rating: "amber", reason: "Matrix check" } }),
    allowed: rolesFor("setRatings"),
    crossHub: "not_found",
    secrets,
  },
  {
    route: "GET /api/engagement/rag-criteria",
    request: () => ({ method: "GET", url: "/api/engagement/rag-criteria" }),
    allowed: rolesFor("seeCriteria"),
    crossHub: "not_applicable",
  },
  {
    route: "PUT /api/engagement/rag-criteria",
    request: () => ({
      method: "PUT",
      url: "/api/engagement/rag-criteria",
      payload: { criteria: [], redAt: 2, amberAt: 1 },
    }),
    allowed: rolesFor("editCriteria"),
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/engagement/rag-board",
    request: () => ({ method: "GET", url: "/api/engagement/rag-board" }),
    allowed: rolesFor("seeRatings"),
    crossHub: "no_leak",
    secrets,
  },
];
