import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Paged } from "../../../shared/schemas/common";
import type {
  CpdBooking,
  CpdClaim,
  CpdEvent,
  CpdReach,
  CpdRegister,
  CpdSettings,
  PublicCpdCatalogue,
  PublicCpdEvent,
} from "../../../shared/schemas/cpd";
import { api, type QueryParams } from "../../api/client";

export { formatPence } from "../../../shared/rules/cpd-price";

export const cpdKeys = {
  all: ["cpd"] as const,
  events: (params: QueryParams) => ["cpd", "events", params] as const,
  event: (id: string) => ["cpd", "event", id] as const,
  bookings: (eventId?: string) => ["cpd", "bookings", eventId ?? "mine"] as const,
  register: (id: string, sessionId?: string) => ["cpd", "register", id, sessionId ?? "first"] as const,
  claims: ["cpd", "claims"] as const,
  reach: (year?: string) => ["cpd", "reach", year ?? "current"] as const,
  catalogue: (slug: string, params: QueryParams) => ["cpd", "catalogue", slug, params] as const,
};

export const eventsQuery = (params: QueryParams) =>
  queryOptions({
    queryKey: cpdKeys.events(params),
    queryFn: ({ signal }) => api.get<Paged<CpdEvent>>("/api/cpd/events", params, signal),
    placeholderData: keepPreviousData,
  });

export const eventQuery = (id: string) =>
  queryOptions({
    queryKey: cpdKeys.event(id),
    queryFn: ({ signal }) => api.get<CpdEvent>(`/api/cpd/events/${id}`, undefined, signal),
  });

export const bookingsQuery = (eventId?: string) =>
  queryOptions({
    queryKey: cpdKeys.bookings(eventId),
    queryFn: ({ signal }) =>
      api.get<{ items: CpdBooking[] }>(
        eventId ? `/api/cpd/events/${eventId}/bookings` : "/api/cpd/bookings",
        undefined,
        signal,
      ),
  });

export const registerQuery = (eventId: string, sessionId?: string) =>
  queryOptions({
    queryKey: cpdKeys.register(eventId, sessionId),
    queryFn: ({ signal }) =>
      api.get<CpdRegister>(`/api/cpd/events/${eventId}/register`, { sessionId }, signal),
  });

export const claimsQuery = queryOptions({
  queryKey: cpdKeys.claims,
  queryFn: ({ signal }) => api.get<{ items: CpdClaim[] }>("/api/cpd/claims", undefined, signal),
});

export const reachQuery = (year?: string) =>
  queryOptions({
    queryKey: cpdKeys.reach(year),
    queryFn: ({ signal }) => api.get<CpdReach>("/api/cpd/reach", { year }, signal),
  });

export const settingsQuery = queryOptions({
  queryKey: ["cpd", "settings"],
  queryFn: ({ signal }) => api.get<CpdSettings>("/api/cpd/settings", undefined, signal),
});

export const catalogueQuery = (slug: string, params: QueryParams) =>
  queryOptions({
    queryKey: cpdKeys.catalogue(slug, params),
    queryFn: ({ signal }) => api.get<PublicCpdCatalogue>(`/api/public/hubs/${slug}/cpd`, params, signal),
    placeholderData: keepPreviousData,
  });

export const publicEventQuery = (slug: string, ref: string) =>
  queryOptions({
    queryKey: ["cpd", "public-event", slug, ref],
    queryFn: ({ signal }) =>
      api.get<PublicCpdEvent>(`/api/public/hubs/${slug}/cpd/${ref}`, undefined, signal),
  });

export const BOOKING_STATUS_LABELS: Record<CpdBooking["status"], string> = {
  booked: "Booked",
  waitlisted: "Waiting list",
  cancelled: "Cancelled",
  late_cancelled: "Cancelled late (charged)",
};
