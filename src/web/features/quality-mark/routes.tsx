import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

/** The quality mark: applications (hub and school), an application, awards and the framework (hub users). */
export const qualityMarkRoutes: RouteObject[] = [
  {
    path: "quality-mark",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./applications-page")).ApplicationsPage }),
  },
  {
    path: "quality-mark/applications/:id",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./application-page")).ApplicationPage }),
  },
  {
    path: "quality-mark/awards",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./awards-page")).AwardsPage }),
  },
  {
    path: "quality-mark/framework",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./framework-page")).FrameworkPage }),
  },
  {
    path: "quality-mark/assessors",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./assessors-page")).AssessorsPage }),
  },
  {
    path: "quality-mark/presentation",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./presentation-page")).PresentationPage }),
  },
  {
    path: "quality-mark/figures",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./figures-page")).FiguresPage }),
  },
];
