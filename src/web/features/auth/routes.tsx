import { type LoaderFunctionArgs, type RouteObject, redirect } from "react-router";
import { queryClient } from "../../api/query-client";
import { meQuery } from "../../api/session";
import { safeNext } from "../shell/guards";

/** A signed-in visitor to /sign-in goes straight on to where they were heading. */
const redirectIfSignedIn = async ({ request }: LoaderFunctionArgs) => {
  const me = await queryClient.ensureQueryData(meQuery).catch(() => null);
  if (me) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
};

/** Public pages: no session needed. */
export const authRoutes: RouteObject[] = [
  {
    path: "/sign-in",
    loader: redirectIfSignedIn,
    lazy: async () => ({ Component: (await import("./sign-in-page")).SignInPage }),
  },
  {
    path: "/forgot-password",
    lazy: async () => ({ Component: (await import("./forgot-password-page")).ForgotPasswordPage }),
  },
  {
    path: "/reset-password",
    lazy: async () => ({ Component: (await import("./reset-password-page")).ResetPasswordPage }),
  },
  {
    path: "/invitations/accept",
    lazy: async () => ({ Component: (await import("./accept-invitation-page")).AcceptInvitationPage }),
  },
];
