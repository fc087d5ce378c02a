import type { MatrixCase } from "../../testing/matrix";

/** An id no job has: the own hub's users get 404 too, so the cross-hub 404 is proved in the API tests. */
const NO_JOB = "6f1c2a52-3f0e-4d0b-9a53-5d5a1c1e0b7e";

export const matrix: MatrixCase[] = [
  {
    route: "POST /api/schools/imports",
    request: () => ({ method: "POST", url: "/api/schools/imports" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/schools/imports",
    request: () => ({ method: "GET", url: "/api/schools/imports" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.id],
  },
  {
    route: "GET /api/schools/imports/:jobId",
    request: () => ({ method: "GET", url: `/api/schools/imports/${NO_JOB}` }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "not_found",
  },
  {
    route: "GET /api/schools/music-data/template",
    request: () => ({ method: "GET", url: "/api/schools/music-data/template?year=2025/26" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.name, `School of ${f.own.name.replace(/^Hub /, "")}`],
  },
];
