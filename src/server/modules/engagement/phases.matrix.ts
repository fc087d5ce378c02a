import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./phases.policy";

// Ids no hub has: every allowed role reaches the service (404), every other role is refused first.
const unknownPhase = "00000000-0000-4000-8000-0000000e2001";
const unknownInterest = "00000000-0000-4000-8000-0000000e2002";
const unknownVisit = "00000000-0000-4000-8000-0000000e2003";
const P = "/api/engagement/phases";
const I = "/api/engagement/interests";
const manage = rolesFor("managePhases");
const decide = rolesFor("decideInterests");
const secrets: MatrixCase["secrets"] = () => ["School of own"];

export const matrix: MatrixCase[] = [
  {
    route: `GET ${P}`,
    request: () => ({ method: "GET", url: P }),
    allowed: manage,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `POST ${P}`,
    // A valid body (validation runs before the role check); the second allowed role meets a 409.
    request: () => ({
      method: "POST",
      url: P,
      payload: { name: "Matrix", startsOn: "2099-01-01", endsOn: "2099-09-01" },
    }),
    allowed: manage,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${P}/:id`,
    request: () => ({ method: "GET", url: `${P}/${unknownPhase}` }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `PATCH ${P}/:id`,
    request: () => ({ method: "PATCH", url: `${P}/${unknownPhase}`, payload: { name: "Matrix" } }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `POST ${P}/:id/schools`,
    request: () => ({ method: "POST", url: `${P}/${unknownPhase}/schools`, payload: { urns: [999999] } }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `DELETE ${P}/:id/schools/:urn`,
    request: () => ({ method: "DELETE", url: `${P}/${unknownPhase}/schools/999999` }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: `POST ${I}`,
    request: () => ({ method: "POST", url: I, payload: { kind: "be_visited" } }),
    allowed: rolesFor("expressInterest"),
    crossHub: "not_applicable",
  },
  {
    route: `GET ${I}`,
    request: () => ({ method: "GET", url: I }),
    allowed: rolesFor("listInterests"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${I}/export.csv`,
    request: () => ({ method: "GET", url: `${I}/export.csv` }),
    allowed: decide,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `POST ${I}/:id/accept`,
    request: () => ({ method: "POST", url: `${I}/${unknownInterest}/accept`, payload: {} }),
    allowed: decide,
    crossHub: "not_found",
  },
  {
    route: `POST ${I}/:id/decline`,
    request: () => ({
      method: "POST",
      url: `${I}/${unknownInterest}/decline`,
      payload: { reason: "Matrix" },
    }),
    allowed: decide,
    crossHub: "not_found",
  },
  {
    route: "POST /api/engagement/interest/public",
    request: () => ({ method: "POST", url: "/api/engagement/interest/public", payload: {} }),
    allowed: [],
    crossHub: "not_applicable",
    public: true,
  },
  {
    route: "GET /api/schools/:urn/audits",
    request: (f) => ({ method: "GET", url: `/api/schools/${f.own.schoolId}/audits` }),
    allowed: rolesFor("readAudits"),
    crossHub: "not_found",
    secrets,
  },
  {
    route: "GET /api/engagement/audits/mine",
    request: () => ({ method: "GET", url: "/api/engagement/audits/mine" }),
    allowed: rolesFor("ownAudits"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/visits/:id/audit",
    request: () => ({ method: "GET", url: `/api/visits/${unknownVisit}/audit` }),
    allowed: manage,
    crossHub: "not_found",
  },
  {
    route: "POST /api/engagement/audits/default",
    request: () => ({ method: "POST", url: "/api/engagement/audits/default" }),
    allowed: rolesFor("setUpAudit"),
    crossHub: "not_applicable",
  },
];
