import { type LoaderFunctionArgs, redirect } from "react-router";
import type { Role } from "../../../shared/schemas/auth";
import { queryClient } from "../../api/query-client";
import { currentRole, meQuery } from "../../api/session";

/** Where a signed-out user is sent: /sign-in?next=<where they were going>. */
export const signInPath = (next: string): string =>
  next && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";

/** Only same-site paths are followed after sign-in (no open redirects). */
export const safeNext = (next: string | null | undefined): string =>
  next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";

/** Loader for every signed-in route: loads /api/me once, or sends the visitor to sign in. */
export const requireSession = async ({ request }: LoaderFunctionArgs) => {
  const me = await queryClient.ensureQueryData(meQuery);
  if (!me) {
    const url = new URL(request.url);
    throw redirect(signInPath(url.pathname + url.search));
  }
  return null;
};

/** Loader factory refusing (403) anyone whose role in the current hub is not listed. */
export const requireRole =
  (...roles: Role[]) =>
  async (args: LoaderFunctionArgs) => {
    await requireSession(args);
    const role = currentRole(await queryClient.ensureQueryData(meQuery));
    if (!role || !roles.includes(role)) {
      throw new Response("You don't have access to this page.", { status: 403, statusText: "Forbidden" });
    }
    return null;
  };

export const requireHubAdmin = requireRole("hub_admin");
