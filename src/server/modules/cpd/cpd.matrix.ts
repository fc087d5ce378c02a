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

/** Kept for the records routes' rows (cpd-records.matrix.ts). */
export const UNKNOWN = {
  event: unknownEvent,
  session: unknownSession,
  claim: unknownClaim,
  place: unknownPlace,
};
