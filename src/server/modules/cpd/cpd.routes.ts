import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, paged } from "../../../shared/schemas/common";
import {
  CpdBookingCreated,
  CpdBookingInput,
  CpdBookingList,
  CpdCancelEventInput,
  CpdCancelled,
  CpdEvent,
  CpdEventCancelled,
  CpdEventInput,
  CpdEventListQuery,
  CpdQuote,
  CpdQuoteInput,
} from "../../../shared/schemas/cpd";
import { ctxOf, requireRole } from "../../platform/http";
import { rolesFor } from "./cpd.policy";
import { bookPlaces, cancelBooking, listBookings, quoteBooking } from "./cpd-bookings.service";
import { cancelEvent } from "./cpd-event-cancel.service";
import { createEvent, getEvent, listEvents, updateEvent } from "./cpd-events.service";
import { cpdFeedbackLinkRoutes } from "./cpd-feedback-links.routes";
import { cpdRecordRoutes } from "./cpd-records.routes";
import "./cpd.calendar";

const tags = ["cpd"];
const E = "/api/cpd/events";
type Req = Parameters<typeof requireRole>[0];

/** CPD: events and sessions, bookings with the waiting list, and (cpd-records.routes.ts) the rest. */
export const cpdRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const manager = (req: Req) => ctxOf(req, requireRole(req, rolesFor("manageEvents")));
  const booker = (req: Req) => ctxOf(req, requireRole(req, rolesFor("book")));

  app.post(E, { schema: { tags, body: CpdEventInput, response: { 201: CpdEvent } } }, async (req, reply) =>
    reply.status(201).send(await createEvent(manager(req), req.body)),
  );
  app.get(
    E,
    { schema: { tags, querystring: CpdEventListQuery, response: { 200: paged(CpdEvent) } } },
    async (req) => listEvents(booker(req), req.query),
  );
  app.get(`${E}/:id`, { schema: { tags, params: IdParams, response: { 200: CpdEvent } } }, async (req) =>
    getEvent(booker(req), req.params.id),
  );
  app.put(
    `${E}/:id`,
    { schema: { tags, params: IdParams, body: CpdEventInput, response: { 200: CpdEvent } } },
    async (req) => updateEvent(manager(req), req.params.id, req.body),
  );
  app.post(
    `${E}/:id/cancel`,
    {
      schema: { tags, params: IdParams, body: CpdCancelEventInput, response: { 200: CpdEventCancelled } },
    },
    async (req) => cancelEvent(manager(req), req.params.id, req.body),
  );
  app.post(
    `${E}/:id/quote`,
    { schema: { tags, params: IdParams, body: CpdQuoteInput, response: { 200: CpdQuote } } },
    async (req) => quoteBooking(booker(req), req.params.id, req.body),
  );
  app.post(
    `${E}/:id/bookings`,
    { schema: { tags, params: IdParams, body: CpdBookingInput, response: { 201: CpdBookingCreated } } },
    async (req, reply) => reply.status(201).send(await bookPlaces(booker(req), req.params.id, req.body)),
  );
  app.get(
    `${E}/:id/bookings`,
    { schema: { tags, params: IdParams, response: { 200: CpdBookingList } } },
    async (req) => ({ items: await listBookings(manager(req), { eventId: req.params.id }) }),
  );
  app.get(
    "/api/cpd/bookings",
    {
      schema: {
        tags,
        querystring: z.object({ urn: z.coerce.number().int().positive().optional() }),
        response: { 200: CpdBookingList },
      },
    },
    async (req) => ({ items: await listBookings(booker(req), { urn: req.query.urn }) }),
  );
  app.delete(
    "/api/cpd/bookings/:id",
    { schema: { tags, params: IdParams, response: { 200: CpdCancelled } } },
    async (req) => cancelBooking(booker(req), req.params.id),
  );
  await fastify.register(cpdRecordRoutes);
  await fastify.register(cpdFeedbackLinkRoutes);
};
