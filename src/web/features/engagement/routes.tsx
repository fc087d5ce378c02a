import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

const hub = requireRole("hub_admin", "hub_staff");

/**
 * Engagement: my schools, visits (list, calendar, schedule, move, cancel), reports, coverage and
 * the RAG board for hub users; a school user reads its shared reports only.
 */
export const engagementRoutes: RouteObject[] = [
  {
    path: "engagement",
    loader: hub,
    lazy: async () => ({ Component: (await import("./my-schools-page")).MySchoolsPage }),
  },
  {
    path: "engagement/visits",
    loader: hub,
    lazy: async () => ({ Component: (await import("./visits-page")).VisitsPage }),
  },
  {
    path: "engagement/visits/new",
    loader: hub,
    lazy: async () => ({ Component: (await import("./schedule-visit-page")).ScheduleVisitPage }),
  },
  {
    path: "engagement/visits/:id",
    loader: hub,
    lazy: async () => ({ Component: (await import("./visit-page")).VisitPage }),
  },
  {
    path: "engagement/visits/:id/report",
    loader: hub,
    lazy: async () => ({ Component: (await import("./report-editor-page")).ReportEditorPage }),
  },
  {
    path: "engagement/calendar",
    loader: hub,
    lazy: async () => ({ Component: (await import("./visits-calendar-page")).VisitsCalendarPage }),
  },
  {
    path: "engagement/coverage",
    loader: hub,
    lazy: async () => ({ Component: (await import("./coverage-page")).CoveragePage }),
  },
  {
    path: "engagement/reports",
    loader: requireRole("hub_admin", "hub_staff", "school_user"),
    lazy: async () => ({ Component: (await import("./reports-page")).ReportsPage }),
  },
  {
    path: "engagement/rag",
    loader: hub,
    lazy: async () => ({ Component: (await import("./rag-board-page")).RagBoardPage }),
  },
];
