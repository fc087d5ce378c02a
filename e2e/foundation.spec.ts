import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import {
  contextAs,
  DEMO_PASSWORD,
  DEMO_USERS,
  fictionalInvitee,
  HUB_NAME,
  inviteThroughApi,
  signInWithForm,
} from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};

test("(a) sign-in refuses a wrong password, then lands on Home naming the hub", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);
  await expect(page).toHaveTitle("Sign in · Tutti");
  await expectNoAxeViolations(page, "sign-in");

  await signInWithForm(page, DEMO_USERS.hub_admin, "not-the-password");
  await expect(page.getByRole("alert")).toContainText(/./);
  await expect(page).toHaveURL(/\/sign-in/);
  await expectNoAxeViolations(page, "sign-in with error");

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back to where the visitor was heading...
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  // ...and Home names the hub.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("main")).toContainText(HUB_NAME);
  await expect(page.getByRole("main")).toContainText("Hub admin");
  await expect(page.getByRole("banner")).toContainText(HUB_NAME);
  await expect(page).toHaveTitle(`Home · ${HUB_NAME} · Tutti`);
  await expectNoAxeViolations(page, "home");
});

test("(b) a hub admin invites a hub staff member who accepts in another browser", async ({
  browser,
  baseURL,
}) => {
  const admin = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const page = await admin.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users of this hub" })).toContainText(DEMO_USERS.hub_staff);
  await expectNoAxeViolations(page, "users");

  const person = fictionalInvitee();
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a user" });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, "invite dialog");

  // The form checks its fields before sending.
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Name").fill(person.name);
  await dialog.getByLabel("E-mail address").fill(person.email);
  await dialog.getByLabel("Role").selectOption("hub_staff");
  await dialog.getByRole("button", { name: "Send invitation" }).click();

  const sent = page.getByRole("dialog", { name: "Invitation sent" });
  await expect(sent).toBeVisible();
  const link = await sent.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/invitations\/accept\?token=/);
  await expectNoAxeViolations(page, "invitation sent");

  // The invitee, in a browser of their own.
  const invitee = await browser.newContext({ baseURL: baseUrl(baseURL) });
  const guest = await invitee.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { level: 1, name: `Join ${HUB_NAME}` })).toBeVisible();
  await expect(guest.getByRole("main")).toContainText(person.email);
  await expect(guest.getByLabel("Your name")).toHaveValue(person.name);
  await expectNoAxeViolations(guest, "accept invitation");
  // The password rule speaks before anything is sent: too short, then a common password.
  const choose = guest.getByLabel("Choose a password", { exact: true });
  await choose.fill("short-one");
  await choose.blur();
  await expect(choose).toHaveAttribute("aria-invalid", "true");
  await expect(guest.getByText("Use at least 12 characters")).toBeVisible();
  await choose.fill("Password2026!");
  await expect(guest.getByText(/on a list of common passwords/)).toBeVisible();
  await expectNoAxeViolations(guest, "accept invitation with a refused password");
  await guest.getByLabel("Choose a password", { exact: true }).fill("a fine new password");
  await guest.getByLabel("Type the password again", { exact: true }).fill("a fine new password");
  await guest.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(guest).toHaveURL(/\/$/);
  await expect(guest.getByRole("heading", { level: 1 })).toContainText(
    person.name.split(" ")[0] ?? person.name,
  );
  await expect(guest.getByRole("main")).toContainText("Hub staff");
  await expect(
    guest.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }),
  ).toHaveCount(0);
  await invitee.close();

  // Back with the admin: the new member is active.
  await sent.getByRole("button", { name: "Done" }).click();
  await page.getByLabel("Name or e-mail").fill(person.email);
  await page.getByRole("button", { name: "Apply" }).click();
  const row = page.getByRole("row").filter({ hasText: person.email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Hub staff");
  await admin.close();
});

test("(c) each demo role sees its own navigation", async ({ browser, baseURL }) => {
  const expectations = {
    hub_admin: {
      links: [
        "Home",
        "Schools",
        "Engagement",
        "Lead Schools",
        "CPD",
        "Quality mark",
        "Plan",
        "Users",
        "Audit log",
        "Outbox",
      ],
      absent: ["CPD bookings", "Visit reports"],
    },
    hub_staff: {
      links: ["Home", "Schools", "Engagement", "Lead Schools", "CPD", "Plan"],
      absent: ["Users", "Audit log", "Outbox", "Insights"],
    },
    school_user: {
      links: ["Home", "Our school", "Visit reports", "CPD bookings", "Quality mark"],
      absent: ["Schools", "Users", "CPD", "Engagement", "Plan"],
    },
    partner_user: { links: ["Home"], absent: ["Schools", "Users", "Partners", "Engagement"] },
  } as const;
  for (const [role, expected] of Object.entries(expectations)) {
    const context = await contextAs(browser, role as keyof typeof expectations, baseUrl(baseURL));
    const page = await context.newPage();
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of expected.links)
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    for (const name of expected.absent) await expect(nav.getByText(name, { exact: true })).toHaveCount(0);
    // Only what exists: nothing "coming soon".
    await expect(nav.getByText(/coming soon/i)).toHaveCount(0);
    await expect(nav.getByText("Admin", { exact: true })).toHaveCount(role === "hub_admin" ? 1 : 0);
    if (role !== "hub_admin") {
      await page.goto("/admin/users");
      await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
    }
    if (role === "school_user") await expectNoAxeViolations(page, "school user's no-access page");
    await context.close();
  }
});

test("(d) the audit log shows the invitation", async ({ browser, baseURL }) => {
  const admin = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const person = fictionalInvitee();
  await inviteThroughApi(admin, person);
  const page = await admin.newPage();
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const entry = page
    .getByRole("listitem")
    .filter({ hasText: `${person.name}: added to the hub as Hub staff` })
    .first();
  await expect(entry).toContainText("Added");
  await expect(entry).toContainText("Alex Morgan");
  await entry.getByText(/fields?: before and after/).click();
  await expect(entry).toContainText(person.email);
  await expectNoAxeViolations(page, "audit log");
  await admin.close();
});

test("(e) the outbox lists the invitation e-mail", async ({ browser, baseURL }) => {
  const admin = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const person = fictionalInvitee();
  const link = await inviteThroughApi(admin, person);
  const page = await admin.newPage();
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: person.email });
  await expect(row).toContainText(`You are invited to ${HUB_NAME}`);
  await expectNoAxeViolations(page, "outbox");
  await row.getByRole("button", { name: /You are invited/ }).click();
  const message = page.getByRole("dialog");
  await expect(message).toContainText(link);
  await expectNoAxeViolations(page, "outbox message");
  await page.keyboard.press("Escape");
  await expect(message).toBeHidden();
  await admin.close();
});

test("(f) on a 375 px screen the navigation hides behind a menu button", async ({ browser, baseURL }) => {
  const context = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expectNoAxeViolations(page, "home at 375 px");
  // Nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Schools", exact: true })).toBeVisible();
  await nav.getByRole("link", { name: "Users" }).click();
  const heading = page.getByRole("heading", { level: 1, name: "Users" });
  await expect(heading).toBeVisible();
  await expect(nav).toBeHidden();
  // Focus moves to the new page's heading, so screen readers announce it.
  await expect(heading).toBeFocused();
  await expectNoAxeViolations(page, "users at 375 px");
  await context.close();
});

test("(g) signing out returns to the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, DEMO_USERS.hub_staff, DEMO_PASSWORD);
  await expect(page.getByRole("main")).toContainText(HUB_NAME);
  await page.getByRole("button", { name: /Sam Okafor|Account/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Tutti" })).toBeVisible();
  // The session is gone: app pages send the visitor back to sign in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("(h) forgotten-password pages guide the visitor and explain a dead link", async ({
  browser,
  page,
  baseURL,
}) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(page).toHaveTitle("Reset your password · Tutti");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("E-mail address").fill(fictionalInvitee().email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("Check your e-mail");
  await expectNoAxeViolations(page, "forgot password");

  // A dead reset link says so before anything is typed.
  await page.goto("/reset-password?token=no-such-token-0000000000");
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("This reset link does not work");
  await expect(page.getByRole("link", { name: "ask for a new one" })).toBeVisible();
  await expectNoAxeViolations(page, "dead reset link");

  await page.goto("/invitations/accept?token=no-such-invitation-0000000000");
  await expect(page.getByRole("alert")).toContainText("This invitation link does not work");
  await expectNoAxeViolations(page, "dead invitation link");

  // Keyboard users can skip the header and navigation.
  const staff = await contextAs(browser, "hub_staff", baseUrl(baseURL));
  const home = await staff.newPage();
  await home.goto("/");
  await expect(home.getByRole("main")).toContainText(HUB_NAME);
  await home.bringToFront();
  await home.keyboard.press("Tab");
  const skip = home.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await home.keyboard.press("Enter");
  await expect(home).toHaveURL(/#main$/);
  await staff.close();
});

test("(i) a hub admin changes a member's role, deactivates and reactivates them", async ({
  browser,
  baseURL,
}) => {
  const admin = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const person = fictionalInvitee();
  await inviteThroughApi(admin, person);
  const page = await admin.newPage();
  await page.goto(`/admin/users?q=${encodeURIComponent(person.email)}`);
  const row = page.getByRole("row").filter({ hasText: person.email });
  await expect(row).toContainText("Invited");

  await row.getByRole("button", { name: `Change role for ${person.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Change role: ${person.name}` });
  await dialog.getByLabel("Role").selectOption("partner_user");
  await dialog.getByRole("button", { name: "Save role" }).click();
  // A partner user needs their organisation: the form says so beside the picker.
  await expect(dialog.getByText("Choose the partner organisation this user belongs to")).toBeVisible();
  await expectNoAxeViolations(page, "change role with an error");
  await dialog.getByLabel("Role").selectOption("hub_admin");
  await dialog.getByRole("button", { name: "Save role" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Hub admin");

  await row.getByRole("button", { name: `Deactivate ${person.name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Deactivate ${person.name}?` });
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Deactivated");
  await expect(page.getByRole("status").filter({ hasText: "deactivated" })).toBeVisible();

  await row.getByRole("button", { name: `Reactivate ${person.name}` }).click();
  await expect(row).not.toContainText("Deactivated");
  await admin.close();
});
