import type { RouteObject } from "react-router";
import { requireRole } from "../shell/guards";

const hubUsers = requireRole("hub_admin", "hub_staff");
const fillers = requireRole("hub_admin", "hub_staff", "school_user");

/** Questionnaires: templates and responses for hub users; filling in for schools. */
export const questionnairesRoutes: RouteObject[] = [
  {
    path: "questionnaires",
    loader: fillers,
    lazy: async () => ({ Component: (await import("./questionnaires-page")).QuestionnairesPage }),
  },
  {
    path: "questionnaires/templates/:id",
    loader: hubUsers,
    lazy: async () => ({ Component: (await import("./template-editor-page")).TemplateEditorPage }),
  },
  {
    path: "questionnaires/templates/:id/responses",
    loader: hubUsers,
    lazy: async () => ({ Component: (await import("./responses-page")).ResponsesPage }),
  },
  {
    path: "questionnaires/responses/:id",
    loader: fillers,
    lazy: async () => ({ Component: (await import("./fill-page")).FillPage }),
  },
];
