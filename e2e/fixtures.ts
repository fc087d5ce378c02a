import { type Browser, type BrowserContext, expect, type Page, request } from "@playwright/test";

export const DEMO_PASSWORD = "tutti-demo-2026";
export const HUB_NAME = "Northshire Music Hub";

export const DEMO_USERS = {
  hub_admin: "admin@northshire-hub.example",
  hub_staff: "staff@northshire-hub.example",
  school_user: "school@northshire-hub.example",
  partner_user: "partner@northshire-hub.example",
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
const sessions = new Map<DemoRole, StorageState>();

/**
 * A browser context signed in as a demo user. Signs in through the API once per role and worker
 * (keeps clear of the sign-in rate limit), then reuses the cookies.
 */
export const contextAs = async (
  browser: Browser,
  role: DemoRole,
  baseURL: string,
): Promise<BrowserContext> => {
  let state = sessions.get(role);
  if (!state) {
    const api = await request.newContext({ baseURL });
    const response = await api.post("/api/auth/sign-in", {
      data: { email: DEMO_USERS[role], password: DEMO_PASSWORD },
    });
    expect(response.status(), `sign in as ${role}`).toBe(200);
    state = await api.storageState();
    await api.dispose();
    sessions.set(role, state);
  }
  return browser.newContext({ baseURL, storageState: state });
};

/** Signs in through the form. */
export const signInWithForm = async (page: Page, email: string, password: string): Promise<void> => {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
};

/** A fictional person to invite: unique per run. */
export const fictionalInvitee = () => {
  const n = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  return { name: `Rowan Tester ${n}`, email: `rowan.tester.${n}@example.org` };
};

/** Invites a user through the API as the given (admin) context; returns the invite link. */
export const inviteThroughApi = async (
  context: BrowserContext,
  person: { name: string; email: string },
  role: DemoRole = "hub_staff",
): Promise<string> => {
  const me = await context.request.get("/api/me");
  expect(me.status()).toBe(200);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await context.request.post("/api/users/invitations", {
    data: { ...person, role },
    headers: { "x-csrf-token": csrfToken },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { inviteUrl } = (await response.json()) as { inviteUrl: string };
  return inviteUrl;
};
