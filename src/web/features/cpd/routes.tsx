import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

const hub = requireRole("hub_admin", "hub_staff");

/** CPD inside the app: events (hub), booking and bookings (hub and schools), registers, claims, reach. */
export const cpdRoutes: RouteObject[] = [
  {
    path: "cpd/events",
    loader: hub,
    lazy: async () => ({ Component: (await import("./events-page")).EventsPage }),
  },
  {
    path: "cpd/events/new",
    loader: hub,
    lazy: async () => ({ Component: (await import("./events-page")).NewEventPage }),
  },
  {
    path: "cpd/events/:id",
    loader: hub,
    lazy: async () => ({ Component: (await import("./events-page")).EventPage }),
  },
  {
    path: "cpd/events/:id/register",
    loader: hub,
    lazy: async () => ({ Component: (await import("./register-page")).RegisterPage }),
  },
  {
    path: "cpd/book/:ref",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./book-page")).BookPage }),
  },
  {
    path: "cpd/bookings",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./bookings-page")).BookingsPage }),
  },
  {
    path: "cpd/claims",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./claims-page")).ClaimsPage }),
  },
  {
    path: "cpd/settings",
    loader: requireRole("hub_admin"),
    lazy: async () => ({ Component: (await import("./settings-page")).SettingsPage }),
  },
  {
    path: "cpd/reach",
    loader: hub,
    lazy: async () => ({ Component: (await import("./reach-page")).ReachPage }),
  },
];

/** The public catalogue: no sign-in. */
export const cpdPublicRoutes: RouteObject[] = [
  {
    path: "/cpd/catalogue/:slug",
    lazy: async () => ({ Component: (await import("./catalogue-page")).CataloguePage }),
  },
  {
    path: "/cpd/feedback/:token",
    lazy: async () => ({ Component: (await import("./feedback-link-page")).FeedbackLinkPage }),
  },
  {
    path: "/cpd/catalogue/:slug/:ref",
    lazy: async () => ({ Component: (await import("./catalogue-page")).PublicEventPage }),
  },
];
