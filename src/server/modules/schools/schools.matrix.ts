import type { MatrixCase } from "../../testing/matrix";

// Seeded schools have random URNs; the routes also take a school's id, which the fixture knows.
const school = (f: Parameters<MatrixCase["request"]>[0]) => `/api/schools/${f.own.schoolId}`;
const secrets: MatrixCase["secrets"] = (f) => [f.own.schoolId, "School of own"];

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/schools",
    request: () => ({ method: "GET", url: "/api/schools" }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/schools/export",
    request: () => ({ method: "GET", url: "/api/schools/export?format=csv" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/schools/map",
    request: () => ({ method: "GET", url: "/api/schools/map" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/schools/:urn",
    request: (f) => ({ method: "GET", url: school(f) }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "not_found",
    secrets,
  },
  {
    route: "GET /api/schools/:urn/summary.pdf",
    request: (f) => ({ method: "GET", url: `${school(f)}/summary.pdf` }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "not_found",
    secrets,
  },
  {
    // A school user asking for another school's summary is told it does not exist.
    route: "GET /api/schools/:urn/summary.pdf",
    request: (f) => ({ method: "GET", url: `/api/schools/${f.other.schoolId}/summary.pdf` }),
    allowed: ["hub_admin", "hub_staff"],
    refused: { school_user: 404 },
    crossHub: "not_applicable",
  },
  {
    route: "PATCH /api/schools/:urn",
    request: (f) => ({ method: "PATCH", url: school(f), payload: { tags: ["matrix"] } }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "not_found",
    secrets,
  },
  {
    route: "PUT /api/schools/:urn/contacts/:role",
    request: (f) => ({
      method: "PUT",
      url: `${school(f)}/contacts/music_lead`,
      payload: { name: "Matrix Contact", email: "matrix.contact@example.test" },
    }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "not_found",
    secrets,
  },
  {
    route: "DELETE /api/schools/:urn/contacts/:role",
    request: (f) => ({ method: "DELETE", url: `${school(f)}/contacts/governor` }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "not_found",
    secrets,
  },
  {
    route: "PUT /api/schools/:urn/music-data/:year",
    request: (f) => ({
      method: "PUT",
      url: `${school(f)}/music-data/2025-26`,
      payload: { singingPupils: 1 },
    }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "not_found",
    secrets,
  },
  {
    // A school user asking for a school not its own is told it does not exist.
    route: "GET /api/schools/:urn",
    request: (f) => ({ method: "GET", url: `/api/schools/${f.other.schoolId}` }),
    allowed: ["hub_admin", "hub_staff"],
    refused: { school_user: 404 },
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/link-officers",
    request: () => ({ method: "GET", url: "/api/link-officers" }),
    allowed: ["hub_admin", "hub_staff"],
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.email, f.own.users.hub_admin.id],
  },
  {
    route: "POST /api/link-officers/assign",
    request: (f) => ({
      method: "POST",
      url: "/api/link-officers/assign",
      payload: { urns: [], userId: f.own.users.hub_staff.id },
    }),
    allowed: ["hub_admin", "hub_staff"],
    // Another hub's staff member is not a link officer here: 400, naming nothing of this hub.
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/schools/:urn/timeline",
    request: (f) => ({ method: "GET", url: `${school(f)}/timeline` }),
    allowed: ["hub_admin", "hub_staff", "school_user"],
    crossHub: "not_found",
    secrets,
  },
];
