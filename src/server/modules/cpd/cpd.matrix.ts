import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./cpd.policy";

// Ids no hub has: every allowed role reaches the service (404), every other role is refused first.
const unknownEvent = "00000000-0000-4000-8000-0000000c9d01";
const unknownBooking = "00000000-0000-4000-8000-0000000c9d02";
const unknownSession = "00000000-0000-4000-8000-0000000c9d03";
const unknownClaim = "00000000-0000-4000-8000-0000000c9d04";
const unknownPlace = "00000000-0000-4000-8000-0000000c9d05";
const E = "/api/cpd/events";
const secrets: MatrixCase["secrets"] = () => ["School of own"];
const session = {
  startsAt: "2099-03-02T16:00:00Z",
  endsAt: "2099-03-02T17:30:00Z",
  venue: "Matrix hall",
};
const eventBody = {
  title: "Matrix CPD",
  kind: "twilight",
  capacity: 10,
  pricePence: 0,
  status: "draft",
  sessions: [session],
};

export const matrix: MatrixCase[] = [
  {
    route: `POST ${E}`,
    request: () => ({ method: "POST", url: E, payload: eventBody }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_applicable",
  },
  {
    route: `GET ${E}`,
    request: () => ({ method: "GET", url: E }),
    allowed: rolesFor("book"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: `GET ${E}/:id`,
    request: () => ({ method: "GET", url: `${E}/${unknownEvent}` }),
    allowed: rolesFor("book"),
    crossHub: "not_found",
  },
  {
    route: `PUT ${E}/:id`,
    request: () => ({ method: "PUT", url: `${E}/${unknownEvent}`, payload: eventBody }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_found",
  },
  {
    route: `POST ${E}/:id/cancel`,
    request: () => ({ method: "POST", url: `${E}/${unknownEvent}/cancel`, payload: {} }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_found",
  },
  {
    route: `POST ${E}/:id/feedback-links`,
    request: () => ({ method: "POST", url: `${E}/${unknownEvent}/feedback-links` }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_found",
  },
  // Each attendee's own link: the link is the key, no sign-in (cpd-feedback-links.api.test.ts).
  {
    route: "GET /api/cpd/feedback-links/:token",
    request: () => ({ method: "GET", url: "/" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_applicable",
    public: true,
  },
  {
    route: "POST /api/cpd/feedback-links/:token",
    request: () => ({ method: "GET", url: "/" }),
    allowed: ["hub_admin", "hub_staff", "school_user", "partner_user"],
    crossHub: "not_applicable",
    public: true,
  },
  {
    route: `POST ${E}/:id/quote`,
    request: () => ({
      method: "POST",
      url: `${E}/${unknownEvent}/quote`,
      payload: { urn: 999999999, places: 1 },
    }),
    allowed: rolesFor("book"),
    crossHub: "not_found",
  },
  {
    route: `POST ${E}/:id/bookings`,
    request: () => ({
      method: "POST",
      url: `${E}/${unknownEvent}/bookings`,
      payload: { urn: 999999999, attendees: [{ name: "Matrix Person", email: "matrix@school.test" }] },
    }),
    allowed: rolesFor("book"),
    crossHub: "not_found",
  },
  {
    route: `GET ${E}/:id/bookings`,
    request: () => ({ method: "GET", url: `${E}/${unknownEvent}/bookings` }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_found",
  },
  {
    route: "GET /api/cpd/bookings",
    request: () => ({ method: "GET", url: "/api/cpd/bookings" }),
    allowed: rolesFor("book"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "DELETE /api/cpd/bookings/:id",
    request: () => ({ method: "DELETE", url: `/api/cpd/bookings/${unknownBooking}` }),
    allowed: rolesFor("book"),
    crossHub: "not_found",
  },
];

const finance = rolesFor("finance");
const results = rolesFor("seeResults");

matrix.push(
  {
    route: "GET /api/cpd/events/:id/register",
    request: () => ({ method: "GET", url: `${E}/${unknownEvent}/register` }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_found",
  },
  {
    route: "PUT /api/cpd/sessions/:id/attendance",
    request: () => ({
      method: "PUT",
      url: `/api/cpd/sessions/${unknownSession}/attendance`,
      payload: { marks: [{ placeId: unknownPlace, mark: "attended" }] },
    }),
    allowed: rolesFor("manageEvents"),
    crossHub: "not_found",
  },
  {
    route: "POST /api/cpd/events/:id/feedback",
    request: () => ({
      method: "POST",
      url: `${E}/${unknownEvent}/feedback`,
      payload: { placeId: unknownPlace, usefulness: 4, confidenceBefore: 2, confidenceAfter: 4 },
    }),
    allowed: rolesFor("giveFeedback"),
    crossHub: "not_found",
  },
  {
    route: "GET /api/cpd/events/:id/feedback",
    request: () => ({ method: "GET", url: `${E}/${unknownEvent}/feedback` }),
    allowed: results,
    crossHub: "not_found",
  },
  {
    route: "GET /api/cpd/feedback",
    request: () => ({ method: "GET", url: "/api/cpd/feedback" }),
    allowed: results,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/cpd/reach",
    request: () => ({ method: "GET", url: "/api/cpd/reach" }),
    allowed: results,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "POST /api/cpd/claims",
    request: () => ({
      method: "POST",
      url: "/api/cpd/claims",
      payload: { eventId: unknownEvent, urn: 999999999, days: 1, dailyRatePence: 18000 },
    }),
    allowed: rolesFor("claim"),
    crossHub: "not_found",
  },
  {
    route: "GET /api/cpd/claims",
    request: () => ({ method: "GET", url: "/api/cpd/claims" }),
    allowed: rolesFor("claim"),
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "POST /api/cpd/claims/:id/decision",
    request: () => ({
      method: "POST",
      url: `/api/cpd/claims/${unknownClaim}/decision`,
      payload: { decision: "approve" },
    }),
    allowed: finance,
    crossHub: "not_found",
  },
  {
    route: "GET /api/cpd/claims/export.csv",
    request: () => ({ method: "GET", url: "/api/cpd/claims/export.csv" }),
    allowed: finance,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/cpd/invoices",
    request: () => ({ method: "GET", url: "/api/cpd/invoices" }),
    allowed: finance,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/cpd/invoices.csv",
    request: () => ({ method: "GET", url: "/api/cpd/invoices.csv" }),
    allowed: finance,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/cpd/invoices.xlsx",
    request: () => ({ method: "GET", url: "/api/cpd/invoices.xlsx" }),
    allowed: finance,
    crossHub: "no_leak",
    secrets,
  },
  {
    route: "GET /api/cpd/settings",
    request: () => ({ method: "GET", url: "/api/cpd/settings" }),
    allowed: finance,
    crossHub: "no_leak",
  },
  {
    route: "PUT /api/cpd/settings",
    request: () => ({
      method: "PUT",
      url: "/api/cpd/settings",
      payload: { supplyContributionPercent: 50, cancelCutoffDays: 7 },
    }),
    allowed: finance,
    crossHub: "not_applicable",
  },
);
