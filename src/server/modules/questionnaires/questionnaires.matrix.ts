import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./questionnaires.policy";

// Ids no hub has: every allowed role reaches the service (404), every other role is refused first.
const unknownTemplate = "00000000-0000-4000-8000-0000000a11d1";
const unknownResponse = "00000000-0000-4000-8000-0000000a11d2";
const unknownFile = "00000000-0000-4000-8000-0000000a11d3";
const T = "/api/questionnaires/templates";
const R = "/api/questionnaires/responses";
const design = rolesFor("designTemplates");
const fill = rolesFor("fillResponses");
const secrets: MatrixCase["secrets"] = (f) => [f.own.schoolId, "School of own"];

const boundary = "matrixboundary";
const multipart = {
  "content-type": `multipart/form-data; boundary=${boundary}`,
};
const pdfBody = [
  `--${boundary}`,
  'Content-Disposition: form-data; name="file"; filename="plan.pdf"',
  "Content-Type: application/pdf",
  "",
  "%PDF-1.4\n%matrix\n",
  `--${boundary}--`,
  "",
].join("\r\n");

export const matrix: MatrixCase[] = [
  {
    route: `GET ${T}`,
    request: () => ({ method: "GET", url: T }),
    allowed: design,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `POST ${T}`,
    request: () => ({ method: "POST", url: T, payload: { title: "Matrix questionnaire", purpose: "other" } }),
    allowed: design,
    crossHub: "not_applicable",
  },
  {
    route: `POST ${T}/import`,
    request: () => ({ method: "POST", url: `${T}/import`, payload: { text: "{}" } }),
    allowed: design,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${T}/:id`,
    request: () => ({ method: "GET", url: `${T}/${unknownTemplate}` }),
    allowed: design,
    crossHub: "not_found",
  },
  {
    route: `PATCH ${T}/:id`,
    request: () => ({ method: "PATCH", url: `${T}/${unknownTemplate}`, payload: { title: "Renamed" } }),
    allowed: design,
    crossHub: "not_found",
  },
  {
    route: `POST ${T}/:id/publish`,
    request: () => ({ method: "POST", url: `${T}/${unknownTemplate}/publish`, payload: {} }),
    allowed: design,
    crossHub: "not_found",
  },
  {
    route: `POST ${T}/:id/duplicate`,
    request: () => ({ method: "POST", url: `${T}/${unknownTemplate}/duplicate`, payload: {} }),
    allowed: design,
    crossHub: "not_found",
  },
  {
    route: `GET ${T}/:id/export`,
    request: () => ({ method: "GET", url: `${T}/${unknownTemplate}/export` }),
    allowed: design,
    crossHub: "not_found",
  },
  {
    route: `GET ${T}/:id/responses/export`,
    request: () => ({ method: "GET", url: `${T}/${unknownTemplate}/responses/export?format=csv` }),
    allowed: rolesFor("seeAllResponses"),
    crossHub: "not_found",
  },
  {
    route: "GET /api/questionnaires/available",
    request: () => ({ method: "GET", url: "/api/questionnaires/available" }),
    allowed: fill,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${R}`,
    request: () => ({ method: "GET", url: R }),
    allowed: fill,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `POST ${R}`,
    request: (f) => ({
      method: "POST",
      url: R,
      payload: { templateId: unknownTemplate, schoolId: f.own.schoolId },
    }),
    allowed: fill,
    crossHub: "not_found",
    secrets,
  },
  {
    route: `GET ${R}/:id`,
    request: () => ({ method: "GET", url: `${R}/${unknownResponse}` }),
    allowed: fill,
    crossHub: "not_found",
  },
  {
    route: `PATCH ${R}/:id`,
    request: () => ({ method: "PATCH", url: `${R}/${unknownResponse}`, payload: { answers: { a: "x" } } }),
    allowed: fill,
    crossHub: "not_found",
  },
  {
    route: `POST ${R}/:id/submit`,
    request: () => ({ method: "POST", url: `${R}/${unknownResponse}/submit`, payload: {} }),
    allowed: fill,
    crossHub: "not_found",
  },
  {
    route: `POST ${R}/:id/files`,
    request: () => ({
      method: "POST",
      url: `${R}/${unknownResponse}/files?questionId=plan`,
      payload: pdfBody,
      headers: multipart,
    }),
    allowed: fill,
    crossHub: "not_found",
  },
  {
    route: `GET ${R}/:id/files/:fileId`,
    request: () => ({ method: "GET", url: `${R}/${unknownResponse}/files/${unknownFile}` }),
    allowed: fill,
    crossHub: "not_found",
  },
];
