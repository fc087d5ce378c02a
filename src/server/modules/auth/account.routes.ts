import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AccountNameRequest,
  AccountResponse,
  ChangePasswordRequest,
  SignOutEverywhereRequest,
} from "../../../shared/schemas/account";
import { SESSION_COOKIE } from "../../../shared/schemas/auth";
import { AppError } from "../../platform/errors";
import { requireActor } from "../../platform/http";
import { accountOf, changePassword, renameSelf, signOutEverywhere } from "./account.service";
import type { SessionInfo } from "./auth.service";

const tags = ["account"];

/** The signed-in person's session (any role), or 401. */
const ownSession = (req: FastifyRequest): SessionInfo => {
  requireActor(req);
  if (!req.session) throw new AppError("unauthenticated", "Sign in to continue");
  return req.session;
};

/** One's own account: name, password, hubs and roles, and signing out everywhere. */
export const accountRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const limited = { rateLimit: { max: 30, timeWindow: "1 minute" } };

  app.get("/api/account", { schema: { tags, response: { 200: AccountResponse } } }, async (req) =>
    accountOf(deps, ownSession(req)),
  );

  app.patch(
    "/api/account",
    { schema: { tags, body: AccountNameRequest, response: { 200: AccountResponse } } },
    async (req) => {
      const session = ownSession(req);
      await renameSelf(deps, session, req.body.name);
      return accountOf(deps, { ...session, user: { ...session.user, name: req.body.name } });
    },
  );

  app.post(
    "/api/account/password",
    { config: limited, schema: { tags, body: ChangePasswordRequest, response: { 204: z.void() } } },
    async (req, reply) => {
      await changePassword(deps, ownSession(req), req.body, req.ip);
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/account/sign-out-everywhere",
    { schema: { tags, body: SignOutEverywhereRequest, response: { 204: z.void() } } },
    async (req, reply) => {
      await signOutEverywhere(deps, ownSession(req), req.body.includeThisDevice);
      if (req.body.includeThisDevice) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );
};
