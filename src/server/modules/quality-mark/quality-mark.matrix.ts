import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./quality-mark.policy";

// Records that do not exist: an allowed caller gets 404 (not refused), a refused one 403 (or the
// 404 the downloads give anyone who may not have them). quality-mark.api.test.ts proves each with
// real records.
const NONE = "00000000-0000-4000-8000-00000000abcd";
const A = `/api/quality-mark/applications/${NONE}`;
const W = `/api/quality-mark/awards/${NONE}`;
const secrets: MatrixCase["secrets"] = (f) => [f.own.schoolId, "School of own"];
const notFoundForOthers = { partner_user: 404 } as const;

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/quality-mark/framework",
    request: () => ({ method: "GET", url: "/api/quality-mark/framework" }),
    allowed: rolesFor("readFramework"),
    crossHub: "not_applicable",
  },
  {
    route: "PUT /api/quality-mark/framework",
    request: () => ({
      method: "PUT",
      url: "/api/quality-mark/framework",
      payload: { academicYear: "2019/20", levels: [{ code: "bronze", label: "Bronze", standards: [] }] },
    }),
    allowed: rolesFor("editFramework"),
    crossHub: "not_applicable",
  },
  {
    route: "POST /api/quality-mark/applications",
    request: () => ({ method: "POST", url: "/api/quality-mark/applications", payload: { level: "bronze" } }),
    allowed: rolesFor("apply"),
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/quality-mark/applications",
    request: () => ({ method: "GET", url: "/api/quality-mark/applications" }),
    allowed: rolesFor("readApplications"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/applications/export.csv",
    request: () => ({ method: "GET", url: "/api/quality-mark/applications/export.csv" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/applications/:id",
    request: () => ({ method: "GET", url: A }),
    allowed: rolesFor("readApplications"),
    crossHub: "not_found",
  },
  {
    route: "PUT /api/quality-mark/applications/:id/answers",
    request: () => ({ method: "PUT", url: `${A}/answers`, payload: { answers: {} } }),
    allowed: rolesFor("apply"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/quality-mark/applications/:id/files",
    request: () => ({ method: "POST", url: `${A}/files?standardId=b-x` }),
    allowed: rolesFor("apply"),
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/quality-mark/applications/:id/files/:fileId",
    request: () => ({ method: "GET", url: `${A}/files/${NONE}` }),
    allowed: rolesFor("readApplications"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/quality-mark/applications/:id/submit",
    request: () => ({ method: "POST", url: `${A}/submit` }),
    allowed: rolesFor("apply"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/quality-mark/applications/:id/assessor",
    request: () => ({ method: "POST", url: `${A}/assessor`, payload: { userId: NONE } }),
    allowed: rolesFor("manageAssessors"),
    crossHub: "not_found",
  },
  {
    route: "PUT /api/quality-mark/applications/:id/reviews",
    request: () => ({
      method: "PUT",
      url: `${A}/reviews`,
      payload: { reviews: [{ standardId: "b-x", decision: "accept" }] },
    }),
    allowed: rolesFor("assess"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/quality-mark/applications/:id/visit",
    request: () => ({ method: "POST", url: `${A}/visit`, payload: { date: "2099-01-05" } }),
    allowed: rolesFor("assess"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/quality-mark/applications/:id/decision",
    request: () => ({ method: "POST", url: `${A}/decision`, payload: { outcome: "award" } }),
    allowed: rolesFor("moderate"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/quality-mark/awards",
    // A URN no school has: allowed callers get 400, which is not a refusal.
    request: () => ({
      method: "POST",
      url: "/api/quality-mark/awards",
      payload: { urn: 999998, level: "gold", awardedOn: "2024-03-01" },
    }),
    allowed: rolesFor("recordAwards"),
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/quality-mark/awards",
    request: () => ({ method: "GET", url: "/api/quality-mark/awards" }),
    allowed: rolesFor("readAwards"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/awards/export.csv",
    request: () => ({ method: "GET", url: "/api/quality-mark/awards/export.csv" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/awards/:id/certificate.pdf",
    request: () => ({ method: "GET", url: `${W}/certificate.pdf` }),
    allowed: rolesFor("readAwards"),
    refused: notFoundForOthers,
    crossHub: "not_found",
  },
  {
    route: "GET /api/quality-mark/awards/:id/badge.svg",
    request: () => ({ method: "GET", url: `${W}/badge.svg` }),
    allowed: rolesFor("readAwards"),
    refused: notFoundForOthers,
    crossHub: "not_found",
  },
  {
    route: "GET /api/quality-mark/awards/:id/badge.png",
    request: () => ({ method: "GET", url: `${W}/badge.png?size=256` }),
    allowed: rolesFor("readAwards"),
    refused: notFoundForOthers,
    crossHub: "not_found",
  },
  {
    route: "GET /api/quality-mark/figures",
    request: () => ({ method: "GET", url: "/api/quality-mark/figures" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/presentation.pdf",
    request: () => ({ method: "GET", url: "/api/quality-mark/presentation.pdf" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/presentation",
    request: () => ({ method: "GET", url: "/api/quality-mark/presentation" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "PUT /api/quality-mark/presentation",
    request: () => ({
      method: "PUT",
      url: "/api/quality-mark/presentation",
      payload: { academicYear: "2019/20", eventId: null },
    }),
    allowed: rolesFor("managePresentation"),
    crossHub: "not_applicable",
  },
  {
    route: "GET /api/quality-mark/figures.csv",
    request: () => ({ method: "GET", url: "/api/quality-mark/figures.csv" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/quality-mark/assessors",
    request: () => ({ method: "GET", url: "/api/quality-mark/assessors" }),
    allowed: rolesFor("seeAll"),
    crossHub: "no_leak",
    secrets: (f) => [f.own.users.hub_staff.id, "hub_staff of own"],
  },
  {
    route: "PUT /api/quality-mark/assessors/:userId",
    request: (f) => ({
      method: "PUT",
      url: `/api/quality-mark/assessors/${f.own.users.hub_staff.id}`,
      payload: { schoolId: null },
    }),
    allowed: rolesFor("manageAssessors"),
    crossHub: "not_found",
  },
];
