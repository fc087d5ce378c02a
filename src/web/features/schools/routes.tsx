import { type LoaderFunctionArgs, type RouteObject, redirect } from "react-router";
import { queryClient } from "../../api/query-client";
import { currentRole, meQuery } from "../../api/session";
import { requireRole, requireSession } from "../shell/guards";

const hubUsers = requireRole("hub_admin", "hub_staff");

/** Hub users only; a school user is sent to their own school, anyone else is refused. */
const hubOnly = async (args: LoaderFunctionArgs) => {
  await requireSession(args);
  if (currentRole(await queryClient.ensureQueryData(meQuery)) === "school_user")
    throw redirect("/our-school");
  return hubUsers(args);
};

/** Hub users see every school; a school user sees their own (the server refuses any other). */
const profileReaders = requireRole("hub_admin", "hub_staff", "school_user");

/** The schools module: list, map, profile, import, areas and link officers; "Our school" for school users. */
export const schoolsRoutes: RouteObject[] = [
  {
    path: "schools",
    loader: hubOnly,
    lazy: async () => ({ Component: (await import("./schools-list-page")).SchoolsListPage }),
  },
  {
    path: "schools/map",
    loader: hubOnly,
    lazy: async () => ({ Component: (await import("./schools-map-page")).SchoolsMapPage }),
  },
  {
    path: "schools/import",
    loader: hubOnly,
    lazy: async () => ({ Component: (await import("./import-page")).ImportPage }),
  },
  {
    path: "schools/areas",
    loader: hubOnly,
    lazy: async () => ({ Component: (await import("./areas-page")).AreasPage }),
  },
  {
    path: "schools/link-officers",
    loader: hubOnly,
    lazy: async () => ({ Component: (await import("./link-officers-page")).LinkOfficersPage }),
  },
  {
    path: "schools/:urn",
    loader: profileReaders,
    lazy: async () => ({ Component: (await import("./school-profile-page")).SchoolProfilePage }),
  },
  {
    path: "our-school",
    loader: requireRole("school_user"),
    lazy: async () => ({ Component: (await import("./our-school-page")).OurSchoolPage }),
  },
];
