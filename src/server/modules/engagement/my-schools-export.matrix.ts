import type { MatrixCase } from "../../testing/matrix";
import { rolesFor } from "./engagement.policy";

export const matrix: MatrixCase[] = [
  {
    route: "GET /api/engagement/my-schools.csv",
    // Another hub's link officer sees none of this hub's schools, even naming this hub's user.
    request: (f) => ({
      method: "GET",
      url: `/api/engagement/my-schools.csv?linkOfficer=${f.own.users.hub_staff.id}`,
    }),
    allowed: rolesFor("manageVisits"),
    crossHub: "no_leak",
    secrets: () => ["School of own"],
  },
];
