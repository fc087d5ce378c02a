import { and, eq, gte, sql } from "drizzle-orm";
import escapeHtml from "escape-html";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { textColourOn } from "../../../shared/rules/colour";
import { INTEREST_KIND_LABELS } from "../../../shared/rules/engagement-phases";
import { INTEREST_KINDS, PublicInterestInput, PublicInterestResult } from "../../../shared/schemas/phases";
import { PublicHubParams } from "../../../shared/schemas/public";
import { engagementPhases } from "../../db/schema/index";
import { AppError, invalid } from "../../platform/errors";
import { publicHubRow } from "../public/public.service";
import { renderPublicNotFoundPage } from "../public/public-html";
import { registerPublicPage } from "../public/public-pages";
import { expressPublicInterest } from "./interest.service";

/** Where the public form posts (outside /api/public and /h/, which are GET only: decision 018). */
export const PUBLIC_INTEREST_PATH = "/api/engagement/interest/public";
/** Per address: a school fills the form once; a burst of posts is someone else. */
export const PUBLIC_INTEREST_RATE_LIMIT = { max: 20, timeWindow: "10 minutes" };

registerPublicPage({
  key: "engagement-interest",
  title: "Ask for a school visit, or offer to support other schools",
  href: (slug) => `/h/${slug}/interest`,
  // Listed while the hub runs a phase that has not ended (the form itself is always there).
  available: async (db, hubId) => {
    const [row] = await db
      .select({ id: engagementPhases.id })
      .from(engagementPhases)
      .where(and(eq(engagementPhases.hubId, hubId), gte(engagementPhases.endsOn, sql`current_date`)))
      .limit(1);
    return row !== undefined;
  },
});

const e = escapeHtml;

const page = (hub: { name: string; colour: string }, title: string, body: string): string => `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – ${e(hub.name)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; line-height: 1.5; }
  header { background: ${hub.colour}; color: ${textColourOn(hub.colour)}; padding: 1.5rem 1rem; }
  header p { margin: 0; font-size: 0.9rem; }
  h1 { margin: 0.25rem 0 0; font-size: 1.75rem; }
  main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  label, legend { display: block; font-weight: 600; margin-top: 1rem; }
  fieldset { border: 0; padding: 0; margin: 0; }
  fieldset label { font-weight: 400; margin-top: 0.25rem; }
  input[type=text], input[type=email], textarea { width: 100%; max-width: 30rem; padding: 0.4rem; border: 1px solid #555; border-radius: 4px; font: inherit; }
  button { margin-top: 1.5rem; padding: 0.6rem 1.2rem; font: inherit; background: #1e40af; color: #fff; border: 0; border-radius: 4px; }
  a { color: #1e40af; }
  a:focus, input:focus, textarea:focus, button:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .hint { color: #444; font-size: 0.9rem; margin: 0.1rem 0 0.3rem; }
  .problem { border-left: 4px solid #b91c1c; padding: 0.5rem 1rem; background: #fef2f2; }
</style>
</head>
<body>
<header>
<p>${e(hub.name)}</p>
<h1>${e(title)}</h1>
</header>
<main>
${body}
</main>
</body>
</html>
`;

/** The public form: no JavaScript, one page, posting to PUBLIC_INTEREST_PATH. */
export const renderInterestForm = (hub: { slug: string; name: string; colour: string }): string =>
  page(
    hub,
    "Music in your school",
    `<p>Tell ${e(hub.name)} that your school would like a visit in the next phase of its programme,
or that it could support other schools with music. The hub will answer by e-mail.</p>
<form method="post" action="${PUBLIC_INTEREST_PATH}">
<input type="hidden" name="hub" value="${e(hub.slug)}">
<label for="urn">Your school's URN</label>
<p class="hint" id="urn-hint">The six-digit number on Get Information about Schools.</p>
<input type="text" id="urn" name="urn" inputmode="numeric" autocomplete="off" required aria-describedby="urn-hint">
<fieldset>
<legend>Your school would like</legend>
${INTEREST_KINDS.map(
  (k, i) =>
    `<label><input type="radio" name="kind" value="${k}"${i === 0 ? " checked" : ""}> ${e(INTEREST_KIND_LABELS[k])}</label>`,
).join("\n")}
</fieldset>
<label for="contactName">Your name</label>
<input type="text" id="contactName" name="contactName" autocomplete="name" required maxlength="200">
<label for="contactEmail">Your e-mail address</label>
<input type="email" id="contactEmail" name="contactEmail" autocomplete="email" required>
<label for="message">Anything the hub should know (optional)</label>
<textarea id="message" name="message" rows="4" maxlength="2000"></textarea>
<button type="submit">Send to ${e(hub.name)}</button>
</form>`,
  );

const DEFAULT_COLOUR = "#1f4e79";

const sendHtml = (reply: FastifyReply, status: number, html: string) =>
  reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(html);

/** The form's page, in the public plugin (GET only, cacheable, no session read). */
export const interestPublicPage = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/h/:slug/interest",
    {
      schema: { hide: true, params: PublicHubParams },
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
    },
    async (req, reply) => {
      reply.type("text/html; charset=utf-8");
      const hub = await publicHubRow(app.deps.db, req.params.slug).catch((err: unknown) => {
        if (err instanceof AppError && err.code === "not_found") return null;
        throw err;
      });
      if (!hub) return reply.status(404).send(renderPublicNotFoundPage());
      // The app's "no-referrer" makes a browser post this form with "Origin: null", which the
      // session-less route's Origin check refuses; "same-origin" sends the real origin, to us only.
      reply.header("referrer-policy", "same-origin");
      return reply.send(
        renderInterestForm({
          slug: hub.slug,
          name: hub.name,
          colour: /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(hub.brandColour)
            ? hub.brandColour
            : DEFAULT_COLOUR,
        }),
      );
    },
  );
};

const formBody = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

/**
 * The public form's POST: JSON or a plain HTML form (application/x-www-form-urlencoded, then
 * the answer is an HTML page). Reads no session (the Origin check of session-less routes
 * applies), rate-limited per address.
 */
export const interestPublicRoute = async (fastify: FastifyInstance) => {
  fastify.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 16 * 1024 },
    (_req, body, done) => done(null, formBody(String(body))),
  );
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    PUBLIC_INTEREST_PATH,
    {
      schema: {
        tags: ["engagement"],
        description:
          "The public expression-of-interest form: { hub, urn, kind, contactName, contactEmail, message? } as JSON or a form post.",
        response: { 201: PublicInterestResult },
      },
      config: { rateLimit: PUBLIC_INTEREST_RATE_LIMIT },
    },
    async (req, reply) => {
      const asForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const parsed = PublicInterestInput.safeParse(
        asForm && typeof raw.message === "string" && raw.message.trim() === ""
          ? { ...raw, message: undefined }
          : raw,
      );
      try {
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
          throw invalid(fields[0]?.message ?? "Something in the form is not valid", fields);
        }
        const result = await expressPublicInterest({ ...app.deps, rootDb: app.deps.db }, parsed.data);
        if (!asForm) return reply.status(201).send({ received: true, kind: result.kind });
        const hub = await publicHubRow(app.deps.db, parsed.data.hub);
        return sendHtml(
          reply,
          201,
          page(
            { name: hub.name, colour: DEFAULT_COLOUR },
            "Thank you",
            `<p>${e(hub.name)} has received your school's interest ${e(INTEREST_KIND_LABELS[result.kind].toLowerCase())}.
It will answer by e-mail to the address you gave.</p>
<p><a href="/h/${e(hub.slug)}">Back to ${e(hub.name)}</a></p>`,
          ),
        );
      } catch (err) {
        if (!asForm || !(err instanceof AppError)) throw err;
        const slug = typeof raw.hub === "string" && /^[a-z0-9-]{1,80}$/.test(raw.hub) ? raw.hub : null;
        const back =
          slug && err.code !== "not_found"
            ? `<p><a href="/h/${e(slug)}/interest">Back to the form</a></p>`
            : "";
        return sendHtml(
          reply,
          err.status,
          page(
            { name: "Music Education Hub", colour: DEFAULT_COLOUR },
            "Your form was not sent",
            `<div class="problem" role="alert"><p>${e(err.message)}</p></div>${back}`,
          ),
        );
      }
    },
  );
};
