import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./plans.policy";

// Ids no hub has: every allowed role reaches the service (404), every other role is refused first.
const plan = "00000000-0000-4000-8000-0000000b1a01";
const child = "00000000-0000-4000-8000-0000000b1a02";
const P = "/api/plans";
const read = rolesFor("readPlans");
const edit = rolesFor("editPlans");
const post = rolesFor("postUpdates");
const secrets: MatrixCase["secrets"] = () => ["School of own"];

const boundary = "planmatrix";
const csvUpload = {
  headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  payload: [
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="plan.csv"',
    "Content-Type: text/csv",
    "",
    "Objective number,Objective,Action,Target\r\n1,One,Act,Tgt\r\n",
    `--${boundary}--`,
    "",
  ].join("\r\n"),
};

const on = (
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  allowed: readonly (typeof read)[number][],
  payload?: unknown,
): MatrixCase => ({
  route: `${method} ${P}${path.replaceAll(plan, ":id")}`,
  request: () => ({ method, url: `${P}${path}`, payload }),
  allowed,
  crossHub: "not_found",
});

export const matrix: MatrixCase[] = [
  {
    route: `GET ${P}`,
    request: () => ({ method: "GET", url: P }),
    allowed: read,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `POST ${P}`,
    request: () => ({
      method: "POST",
      url: P,
      payload: { title: "Matrix plan", startsOn: "2025-09-01", endsOn: "2027-08-31" },
    }),
    allowed: edit,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${P}/measures`,
    request: () => ({ method: "GET", url: `${P}/measures` }),
    allowed: read,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${P}/template.csv`,
    request: () => ({ method: "GET", url: `${P}/template.csv` }),
    allowed: read,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${P}/template.xlsx`,
    request: () => ({ method: "GET", url: `${P}/template.xlsx` }),
    allowed: read,
    crossHub: "not_applicable",
  },
  {
    route: `GET ${P}/glossary`,
    request: () => ({ method: "GET", url: `${P}/glossary` }),
    allowed: read,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `PUT ${P}/glossary`,
    request: () => ({
      method: "PUT",
      url: `${P}/glossary`,
      payload: [{ abbreviation: "MX", meaning: "Matrix" }],
    }),
    allowed: edit,
    crossHub: "not_applicable",
  },
  on("GET", `/${plan}`, read),
  on("PATCH", `/${plan}`, edit, { title: "Renamed" }),
  {
    route: `POST ${P}/:id/import`,
    request: () => ({ method: "POST", url: `${P}/${plan}/import`, ...csvUpload }),
    allowed: edit,
    crossHub: "not_found",
  },
  on("POST", `/${plan}/objectives`, edit, { number: 1, title: "Matrix" }),
  {
    ...on("PATCH", `/${plan}/objectives/${child}`, edit, { title: "Matrix" }),
    route: `PATCH ${P}/:id/objectives/:objectiveId`,
  },
  {
    ...on("POST", `/${plan}/objectives/${child}/actions`, edit, { text: "Matrix" }),
    route: `POST ${P}/:id/objectives/:objectiveId/actions`,
  },
  {
    ...on("PATCH", `/${plan}/actions/${child}`, edit, { text: "Matrix" }),
    route: `PATCH ${P}/:id/actions/:actionId`,
  },
  {
    ...on("POST", `/${plan}/actions/${child}/targets`, edit, { text: "Matrix" }),
    route: `POST ${P}/:id/actions/:actionId/targets`,
  },
  { ...on("GET", `/${plan}/targets/${child}`, read), route: `GET ${P}/:id/targets/:targetId` },
  {
    ...on("PATCH", `/${plan}/targets/${child}`, edit, {
      measure: "schools_visited_share",
      goal: 0.5,
      deadline: "2026-07-31",
    }),
    route: `PATCH ${P}/:id/targets/:targetId`,
  },
  on("POST", `/${plan}/snapshots`, post),
  on("GET", `/${plan}/updates`, read),
  on("POST", `/${plan}/updates`, post, { targetId: child, text: "Matrix" }),
  {
    route: `POST ${P}/:id/files`,
    request: () => ({ method: "POST", url: `${P}/${plan}/files`, ...csvUpload }),
    allowed: post,
    crossHub: "not_found",
  },
  { ...on("GET", `/${plan}/files/${child}`, read), route: `GET ${P}/:id/files/:fileId` },
  on("GET", `/${plan}/reviews`, read),
  on("POST", `/${plan}/reviews`, edit, { title: "Matrix", dueOn: "2026-04-01" }),
  {
    ...on("POST", `/${plan}/reviews/${child}/decisions`, edit, { targetId: child, decision: "continue" }),
    route: `POST ${P}/:id/reviews/:reviewId/decisions`,
  },
  { ...on("POST", `/${plan}/reviews/${child}/close`, edit), route: `POST ${P}/:id/reviews/:reviewId/close` },
  {
    ...on("GET", `/${plan}/governance?from=2025-09-01&to=2026-08-31`, read),
    route: `GET ${P}/:id/governance`,
  },
  {
    ...on("GET", `/${plan}/governance.pdf?from=2025-09-01&to=2026-08-31`, read),
    route: `GET ${P}/:id/governance.pdf`,
  },
  on("GET", `/${plan}/publication`, read),
  on("PUT", `/${plan}/publication`, edit, { published: false }),
  {
    ...on("DELETE", `/${plan}/objectives/${child}`, edit),
    route: `DELETE ${P}/:id/objectives/:objectiveId`,
  },
  { ...on("DELETE", `/${plan}/actions/${child}`, edit), route: `DELETE ${P}/:id/actions/:actionId` },
  { ...on("DELETE", `/${plan}/targets/${child}`, edit), route: `DELETE ${P}/:id/targets/:targetId` },
  {
    ...on("POST", `/${plan}/objectives/${child}/move`, edit, { direction: "up" }),
    route: `POST ${P}/:id/objectives/:objectiveId/move`,
  },
  {
    ...on("POST", `/${plan}/actions/${child}/move`, edit, { direction: "up" }),
    route: `POST ${P}/:id/actions/:actionId/move`,
  },
  {
    ...on("POST", `/${plan}/targets/${child}/move`, edit, { direction: "down" }),
    route: `POST ${P}/:id/targets/:targetId/move`,
  },
  on("GET", `/${plan}/export.pdf`, read),
  on("GET", `/${plan}/export.xlsx`, read),
];
