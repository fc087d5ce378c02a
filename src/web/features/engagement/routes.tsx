import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

/** Engagement: the RAG board (hub users only; school users and partners never see ratings). */
export const engagementRoutes: RouteObject[] = [
  {
    path: "engagement/rag",
    loader: requireRole("hub_admin", "hub_staff"),
    lazy: async () => ({ Component: (await import("./rag-board-page")).RagBoardPage }),
  },
];
