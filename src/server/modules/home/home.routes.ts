import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { HomeResponse } from "../../../shared/schemas/home";
import { ctxOf, requireRole } from "../../platform/http";
import { homeFor } from "./home.service";

/** The home page's cards for the signed-in person's role (decision 020). */
export const homeRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get("/api/home", { schema: { tags: ["home"], response: { 200: HomeResponse } } }, async (req) =>
    homeFor(ctxOf(req, requireRole(req, ["hub_admin", "hub_staff", "school_user", "partner_user"]))),
  );
};
