import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./lead-schools.policy";

// Ids no hub has: every allowed role reaches the service (404), every other role is refused first.
const unknown = "00000000-0000-4000-8000-00000000a126";
const L = "/api/lead-schools";
const R = "/api/lead-school-rounds";
const A = "/api/lead-school-applications";
const secrets: MatrixCase["secrets"] = () => ["School of own"];
const boundary = "----matrixLeadSchools";
const multipart = { "content-type": `multipart/form-data; boundary=${boundary}` };
const pdfBody = [
  `--${boundary}`,
  'Content-Disposition: form-data; name="file"; filename="plan.pdf"',
  "Content-Type: application/pdf",
  "",
  "%PDF-1.4 matrix",
  `--${boundary}--`,
  "",
].join("\r\n");

const round = {
  title: "Matrix round",
  closesOn: "2099-01-10",
  shortlistOn: "2099-01-20",
  visitsFrom: "2099-02-01",
  announceOn: "2099-03-01",
};

const byId = (
  method: "GET" | "POST" | "PUT",
  path: string,
  action: Parameters<typeof rolesFor>[0],
  payload?: unknown,
): MatrixCase => ({
  route: `${method} ${path.replace(unknown, ":id")}`,
  request: () => ({ method, url: path, payload }),
  allowed: rolesFor(action),
  crossHub: "not_found",
});

export const matrix: MatrixCase[] = [
  {
    route: `POST ${L}`,
    request: () => ({
      method: "POST",
      url: L,
      payload: { urn: 999999999, focusAreas: ["notation"], from: "2026-09-01", to: "2029-08-31" },
    }),
    allowed: rolesFor("manage"),
    crossHub: "not_applicable",
  },
  {
    route: `GET ${L}`,
    request: () => ({ method: "GET", url: `${L}?status=all` }),
    allowed: rolesFor("see"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${L}/export.csv`,
    request: () => ({ method: "GET", url: `${L}/export.csv?status=all` }),
    allowed: rolesFor("see"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${L}/coverage`,
    request: () => ({ method: "GET", url: `${L}/coverage` }),
    allowed: rolesFor("see"),
    crossHub: "no_leak",
    secrets,
  },
  byId("GET", `${L}/${unknown}`, "see"),
  byId("GET", `${L}/${unknown}/badge.pdf`, "see"),
  byId("POST", `${L}/${unknown}/ledger`, "see", {
    entry: "activity",
    kind: "training",
    date: "2026-01-01",
    text: "Matrix",
  }),
  {
    route: `POST ${R}`,
    request: () => ({ method: "POST", url: R, payload: round }),
    allowed: rolesFor("manage"),
    crossHub: "not_applicable",
  },
  {
    route: `GET ${R}`,
    request: () => ({ method: "GET", url: R }),
    allowed: rolesFor("see"),
    crossHub: "no_leak",
    secrets,
  },
  byId("GET", `${R}/${unknown}`, "readApplication"),
  byId("PUT", `${R}/${unknown}`, "manage", round),
  byId("POST", `${R}/${unknown}/applications`, "apply"),
  byId("GET", `${R}/${unknown}/panel`, "manage"),
  byId("POST", `${R}/${unknown}/invitations`, "manage", {
    urn: 999999999,
    email: "matrix-invite@example.org",
    name: "Matrix Invitee",
  }),
  {
    route: `GET ${A}`,
    request: () => ({ method: "GET", url: A }),
    allowed: rolesFor("readApplication"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${A}/export.csv`,
    request: () => ({ method: "GET", url: `${A}/export.csv` }),
    allowed: rolesFor("see"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${A}/to-review`,
    request: () => ({ method: "GET", url: `${A}/to-review` }),
    allowed: rolesFor("review"),
    crossHub: "no_leak",
    secrets,
  },
  byId("GET", `${A}/${unknown}`, "readApplication"),
  byId("PUT", `${A}/${unknown}`, "apply", {}),
  {
    route: `POST ${A}/:id/files`,
    request: () => ({
      method: "POST",
      url: `${A}/${unknown}/files?kind=plan`,
      payload: pdfBody,
      headers: multipart,
    }),
    allowed: rolesFor("apply"),
    crossHub: "not_found",
  },
  {
    route: `GET ${A}/:id/files/:fileId`,
    request: () => ({ method: "GET", url: `${A}/${unknown}/files/${unknown}` }),
    allowed: rolesFor("readApplication"),
    crossHub: "not_found",
  },
  byId("POST", `${A}/${unknown}/submit`, "apply"),
  byId("GET", `${A}/${unknown}/reviews`, "review"),
  byId("PUT", `${A}/${unknown}/reviews/mine`, "review", { scores: [{ criterionId: "focus", score: 1 }] }),
  byId("POST", `${A}/${unknown}/moderate`, "manage", { total: 10 }),
  byId("POST", `${A}/${unknown}/shortlist`, "manage", { reason: "Matrix" }),
  byId("POST", `${A}/${unknown}/decline`, "manage", { reason: "Matrix" }),
  byId("GET", `${A}/${unknown}/visit`, "see"),
  byId("PUT", `${A}/${unknown}/visit`, "see", { date: "2099-02-02" }),
  byId("POST", `${A}/${unknown}/appoint`, "manage", {
    focusAreas: ["notation"],
    from: "2099-04-01",
    to: "2102-03-31",
  }),
];
