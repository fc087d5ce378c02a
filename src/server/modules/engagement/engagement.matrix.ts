import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./engagement.policy";

// An id no hub has: every allowed role reaches the service (404), every other role is refused first.
const unknownVisit = "00000000-0000-4000-8000-0000000e1001";
const V = "/api/visits";
const manage = rolesFor("manageVisits");
const secrets: MatrixCase["secrets"] = () => ["School of own"];

export const matrix: MatrixCase[] = [
  {
    route: `POST ${V}`,
    request: () => ({
      method: "POST",
      url: V,
      payload: { urn: 999999999, date: "2099-03-02", purpose: "first_conversation" },
    }),
    allowed: manage,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${V}`,
    request: () => ({ method: "GET", url: V }),
    allowed: manage,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${V}/export.csv`,
    request: () => ({ method: "GET", url: `${V}/export.csv` }),
    allowed: manage,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${V}/:id`,
    request: () => ({ method: "GET", url: `${V}/${unknownVisit}` }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `POST ${V}/:id/reschedule`,
    request: () => ({
      method: "POST",
      url: `${V}/${unknownVisit}/reschedule`,
      payload: { date: "2099-03-03", reason: "Matrix" },
    }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `POST ${V}/:id/cancel`,
    request: () => ({ method: "POST", url: `${V}/${unknownVisit}/cancel`, payload: { reason: "Matrix" } }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `GET ${V}/:id/report`,
    request: () => ({ method: "GET", url: `${V}/${unknownVisit}/report` }),
    allowed: rolesFor("readReports"),
    crossHub: "not_found",
  },
  {
    route: `PUT ${V}/:id/report`,
    request: () => ({
      method: "PUT",
      url: `${V}/${unknownVisit}/report`,
      payload: { summary: "Matrix", nextSteps: [], version: 0 },
    }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `POST ${V}/:id/report/approve`,
    request: () => ({ method: "POST", url: `${V}/${unknownVisit}/report/approve` }),
    allowed: rolesFor("approveReports"),
    crossHub: "not_found",
  },
  {
    route: `GET ${V}/:id/report.pdf`,
    request: () => ({ method: "GET", url: `${V}/${unknownVisit}/report.pdf` }),
    allowed: rolesFor("readReports"),
    crossHub: "not_found",
  },
  {
    route: "GET /api/engagement/reports",
    request: () => ({ method: "GET", url: "/api/engagement/reports" }),
    allowed: rolesFor("readReports"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/engagement/follow-ups",
    request: () => ({ method: "GET", url: "/api/engagement/follow-ups" }),
    allowed: manage,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/engagement/coverage",
    request: () => ({ method: "GET", url: "/api/engagement/coverage?year=2025/26" }),
    allowed: rolesFor("seeCoverage"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/engagement/targets",
    request: () => ({ method: "GET", url: "/api/engagement/targets" }),
    allowed: rolesFor("seeCoverage"),
    crossHub: "no_leak",
  },
  {
    route: "PUT /api/engagement/targets",
    request: () => ({
      method: "PUT",
      url: "/api/engagement/targets",
      payload: { yearPercent: 60, twoYearPercent: 100 },
    }),
    allowed: rolesFor("editTargets"),
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/engagement/my-schools",
    request: () => ({ method: "GET", url: "/api/engagement/my-schools" }),
    allowed: manage,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/engagement/coverage.csv",
    request: () => ({ method: "GET", url: "/api/engagement/coverage.csv?year=2025/26" }),
    allowed: rolesFor("seeCoverage"),
    crossHub: "no_leak",
    secrets,
  },
];
