import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AcceptInvitationRequest,
  InvitationInfo,
  MeResponse,
  PasswordResetComplete,
  PasswordResetInfo,
  PasswordResetRequest,
  SESSION_COOKIE,
  SignInRequest,
  SwitchHubRequest,
} from "../../../shared/schemas/auth";
import { AppError } from "../../platform/errors";
import { requireActor, sessionCookieOptions } from "../../platform/http";
import { accountRoutes } from "./account.routes";
import {
  acceptInvitation,
  backgroundWorkDone,
  completePasswordReset,
  invitationInfo,
  presentMe,
  requestPasswordResetInBackground,
  resetLinkInfo,
  signIn,
  signOut,
  switchHub,
} from "./auth.service";

const tags = ["auth"];

export const authRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const authLimit = { rateLimit: { max: 30, timeWindow: "1 minute" } };
  // A reset request's work runs after its answer: closing the app waits for it.
  app.addHook("onClose", async () => backgroundWorkDone());
  await accountRoutes(fastify);

  app.post(
    "/api/auth/sign-in",
    { config: authLimit, schema: { tags, body: SignInRequest, response: { 200: MeResponse } } },
    async (req, reply) => {
      const result = await signIn(deps, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers["user-agent"] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(deps, result.expiresAt));
      return presentMe(result.session);
    },
  );

  app.post("/api/auth/sign-out", { schema: { tags } }, async (req, reply) => {
    if (req.session) await signOut(deps, req.session);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  app.get("/api/me", { schema: { tags, response: { 200: MeResponse } } }, async (req) => {
    requireActor(req);
    if (!req.session) throw new AppError("unauthenticated", "Sign in to continue");
    return presentMe(req.session);
  });

  app.post(
    "/api/auth/switch-hub",
    { schema: { tags, body: SwitchHubRequest, response: { 200: MeResponse } } },
    async (req) => {
      requireActor(req);
      if (!req.session) throw new AppError("unauthenticated", "Sign in to continue");
      return presentMe(await switchHub(deps, req.session, req.body.hubId));
    },
  );

  app.post(
    "/api/auth/password-reset",
    { config: authLimit, schema: { tags, body: PasswordResetRequest } },
    async (req, reply) => {
      // Answered before any lookup, so a known address answers like an unknown one.
      requestPasswordResetInBackground(deps, req.body.email, (err) =>
        req.log.error({ err }, "password reset request failed"),
      );
      return reply
        .status(202)
        .send({ message: "If that address has an account, a reset link is on its way." });
    },
  );

  app.get(
    "/api/auth/password-reset/:token",
    {
      config: authLimit,
      schema: { tags, params: z.object({ token: z.string() }), response: { 200: PasswordResetInfo } },
    },
    async (req) => resetLinkInfo(deps, req.params.token),
  );

  app.post(
    "/api/auth/password-reset/complete",
    {
      config: authLimit,
      schema: { tags, body: PasswordResetComplete, response: { 200: MeResponse, 204: z.void() } },
    },
    async (req, reply) => {
      const result = await completePasswordReset(deps, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers["user-agent"] ?? null,
      });
      if (!result) return reply.status(204).send();
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(deps, result.expiresAt));
      return presentMe(result.session);
    },
  );

  app.get(
    "/api/auth/invitations/:token",
    {
      config: authLimit,
      schema: { tags, params: z.object({ token: z.string() }), response: { 200: InvitationInfo } },
    },
    async (req) => {
      const info = await invitationInfo(deps, req.params.token);
      return {
        email: info.user.email,
        name: info.name,
        hubName: info.hub.name,
        role: info.membership.role,
        existingAccount: info.existingAccount,
      };
    },
  );

  app.post(
    "/api/auth/invitations/accept",
    { config: authLimit, schema: { tags, body: AcceptInvitationRequest, response: { 200: MeResponse } } },
    async (req, reply) => {
      const result = await acceptInvitation(deps, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers["user-agent"] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(deps, result.expiresAt));
      return presentMe(result.session);
    },
  );
};
