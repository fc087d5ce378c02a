import type { MatrixCase } from "../../testing/matrix";

const unknownArea = "00000000-0000-4000-8000-00000000a7ea";
const name = () => `Matrix area ${Math.random().toString(36).slice(2)}`;

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/areas",
    request: () => ({ method: "GET", url: "/api/areas" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.id],
  },
  {
    route: "POST /api/areas",
    request: () => ({
      method: "POST",
      url: "/api/areas",
      payload: { name: name(), postcodePrefixes: ["NS1"] },
    }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "not_applicable",
  },
  {
    route: "PATCH /api/areas/:id",
    request: () => ({ method: "PATCH", url: `/api/areas/${unknownArea}`, payload: { name: name() } }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "not_found",
  },
  {
    route: "DELETE /api/areas/:id",
    request: () => ({ method: "DELETE", url: `/api/areas/${unknownArea}` }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "not_found",
  },
  {
    route: "POST /api/areas/apply-rules",
    request: () => ({ method: "POST", url: "/api/areas/apply-rules", payload: {} }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.schoolId],
  },
  {
    route: "POST /api/areas/assign",
    request: (f) => ({
      method: "POST",
      url: "/api/areas/assign",
      payload: { urns: [], areaId: null, filter: { q: f.own.name } },
    }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.schoolId],
  },
];
