import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { MySchoolsQuery } from "../../../shared/schemas/engagement";
import type { ServiceContext } from "../../platform/context";
import { csvDocument } from "../../platform/csv";
import { forbidden } from "../../platform/errors";
import { attachment } from "../../platform/file-replies";
import { ctxOf, requireRole } from "../../platform/http";
import { canManageVisits, rolesFor } from "./engagement.policy";
import { mySchools } from "./my-schools.service";
import { PURPOSE_LABELS } from "./visits.calendar";

/** Rows read per query (the largest page `mySchools` answers). */
const PAGE = 200;
/** A link officer has hundreds of schools at most; a hub of 25,000 with one officer still fits. */
export const MY_SCHOOLS_EXPORT_LIMIT = 50_000;

const RATING_LABELS = { red: "Red", amber: "Amber", green: "Green" } as const;

export const MySchoolsExportQuery = MySchoolsQuery.pick({ linkOfficer: true });

/**
 * "My schools" as a CSV (the link officer's, or another officer's for hub users), every page of
 * `mySchools` in turn, through the one formula-safe CSV writer.
 */
export const mySchoolsCsv = async (
  ctx: ServiceContext,
  q: { linkOfficer?: string | undefined },
): Promise<string> => {
  if (!canManageVisits(ctx.actor)) throw forbidden();
  const rows: (string | number)[][] = [];
  for (let page = 1; rows.length < MY_SCHOOLS_EXPORT_LIMIT; page++) {
    const res = await mySchools(ctx, { linkOfficer: q.linkOfficer, page, pageSize: PAGE });
    for (const s of res.items)
      rows.push([
        s.urn,
        s.name,
        s.rating ? RATING_LABELS[s.rating] : "Not yet rated",
        s.lastVisit ?? "",
        s.nextVisit?.date ?? "",
        s.nextVisit ? PURPOSE_LABELS[s.nextVisit.purpose] : "",
        s.openSteps,
        s.overdueSteps,
      ]);
    if (res.items.length < PAGE || page * PAGE >= res.total) break;
  }
  return csvDocument(
    [
      "URN",
      "School",
      "RAG rating",
      "Last visit",
      "Next visit",
      "Next visit purpose",
      "Open next steps",
      "Overdue next steps",
    ],
    rows,
  );
};

/** GET /api/engagement/my-schools.csv (registered by engagement.routes.ts). */
export const mySchoolsExportRoute = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/engagement/my-schools.csv",
    { schema: { tags: ["engagement"], querystring: MySchoolsExportQuery } },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", attachment("my-schools.csv"))
        .header("cache-control", "private, no-store")
        .send(await mySchoolsCsv(ctxOf(req, requireRole(req, rolesFor("manageVisits"))), req.query)),
  );
};
