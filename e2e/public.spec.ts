import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { HUB_NAME } from "./fixtures";

const SLUG = "northshire";

test("(a) anyone reads the hub's public page, without signing in and without JavaScript", async ({
  browser,
}) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScript.newPage();
  const res = await page.goto(`/h/${SLUG}`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["cache-control"]).toBe("public, max-age=300");
  await expect(page).toHaveTitle(HUB_NAME);
  await expect(page.getByRole("heading", { level: 1, name: HUB_NAME })).toBeVisible();
  const calendar = page.getByRole("link", { name: /Calendar of events/ });
  await expect(calendar).toHaveAttribute("href", `/api/public/hubs/${SLUG}/calendar.ics`);
  const ics = await page.request.get(`/api/public/hubs/${SLUG}/calendar.ics`);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain("BEGIN:VCALENDAR");
  await page.getByRole("link", { name: "sign in to Tutti" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await noScript.close();
});

test("(b) the public page passes axe, and an unknown hub has a page that says so", async ({ page }) => {
  await page.goto(`/h/${SLUG}`);
  await expectNoAxeViolations(page, "public hub page");
  const missing = await page.goto("/h/no-such-hub");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page, "public 404 page");
});
