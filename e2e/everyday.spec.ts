import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};

const SIZES = [
  { name: "laptop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** The page itself never scrolls sideways (a wide table scrolls inside its own box). */
const expectNoPageOverflow = async (page: Page, what: string): Promise<void> => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `page-level horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
};

/** A primary school of the demo hub, found through the API. */
const primaryUrn = async (context: BrowserContext): Promise<number> => {
  const res = await context.request.get("/api/schools?phase=primary&status=open&pageSize=1");
  expect(res.status()).toBe(200);
  const urn = (await res.json()).items[0]?.urn;
  if (typeof urn !== "number") throw new Error("no primary school in the demo data");
  return urn;
};

const LISTS = [
  { path: "/schools", heading: "Schools" },
  { path: "/admin/users", heading: "Users" },
  { path: "/admin/outbox", heading: /Outbox|E-mail/ },
  { path: "/admin/audit", heading: /Audit/ },
  { path: "/schools/areas", heading: /Areas/ },
  { path: "/schools/link-officers", heading: /Link officers/ },
];

for (const size of SIZES) {
  test(`lists and a profile fit a ${size.width} px screen (${size.name})`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const context = await contextAs(browser, "hub_admin", baseUrl(baseURL));
    const page = await context.newPage();
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const list of LISTS) {
      await page.goto(list.path);
      await expect(page.getByRole("heading", { level: 1, name: list.heading })).toBeVisible();
      await expect(page.getByText(/Loading/)).toHaveCount(0);
      await expectNoPageOverflow(page, list.path);
      await expectNoAxeViolations(page, `${list.path} at ${size.width} px`);
    }

    // The school list: a phone shows cards and folds the filters behind a button that counts them.
    await page.goto("/schools?phase=primary");
    await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeVisible();
    if (size.name === "phone") {
      const filters = page.getByRole("button", { name: /^Filters/ });
      await expect(filters).toHaveAttribute("aria-expanded", "false");
      await expect(filters).toContainText("1");
      await expect(page.getByRole("list", { name: "Schools" }).getByRole("listitem").first()).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      await filters.click();
      await expect(page.getByLabel("Phase")).toBeVisible();
    } else {
      // The name column stays in view while the table scrolls sideways.
      const firstName = page.getByRole("rowheader").first();
      await expect(firstName).toBeVisible();
      const before = await firstName.boundingBox();
      const scroller = page.getByRole("region", { name: /Schools \(scrolls sideways\)/ });
      if ((await scroller.count()) > 0) {
        await scroller.evaluate((el) => {
          el.scrollLeft = el.scrollWidth;
        });
        await expect.poll(async () => (await firstName.boundingBox())?.x).toBe(before?.x);
      }
    }
    await expectNoAxeViolations(page, `filtered schools at ${size.width} px`);

    // A primary school's profile, and its figures form asks nothing of GCSEs.
    const urn = await primaryUrn(context);
    await page.goto(`/schools/${urn}`);
    await expect(page.getByRole("heading", { level: 2, name: "Music data" })).toBeVisible();
    await expectNoPageOverflow(page, "a school profile");
    await expectNoAxeViolations(page, `profile at ${size.width} px`);
    await page.getByRole("button", { name: "Enter figures" }).click();
    const dialog = page.getByRole("dialog", { name: "Enter music data" });
    await expect(dialog.getByLabel("Pupils singing regularly")).toBeVisible();
    await expect(dialog.getByLabel(/GCSE/)).toHaveCount(0);
    await expect(dialog.getByLabel(/A-level/)).toHaveCount(0);
    await expect(dialog.getByLabel(/KS3/)).toHaveCount(0);
    await expectNoAxeViolations(page, `figures form at ${size.width} px`);
    await context.close();
  });
}

test("one's account: a too-long name is refused in plain words, then the name changes", async ({
  browser,
  baseURL,
}) => {
  const context = await contextAs(browser, "hub_staff", baseUrl(baseURL));
  const page = await context.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    const hubs = page.getByRole("region", { name: "Your hubs and roles" });
    await expect(hubs.getByText("Northshire Music Hub")).toBeVisible();
    await expect(hubs.getByText("Hub staff", { exact: true })).toBeVisible();
    await expectNoPageOverflow(page, "the account page");
    await expectNoAxeViolations(page, `account at ${size.width} px`);
  }
  const name = page.getByLabel("Name", { exact: true });
  const original = await name.inputValue();
  // The limit shows before it is reached.
  await expect(page.getByText("Up to 200 characters")).toBeVisible();
  await name.fill("x".repeat(201));
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Name must be 200 characters or fewer")).toBeVisible();
  await expect(page.getByText(/Too big|expected string/)).toHaveCount(0);
  await expectNoAxeViolations(page, "account with a refused name");

  await name.fill("Robin Quartermain-Test");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name is now Robin Quartermain-Test.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Robin Quartermain-Test");
  // Put the demo name back for the other journeys.
  const me = await context.request.get("/api/me");
  const csrf = (await me.json()).csrfToken as string;
  const back = await context.request.patch("/api/account", {
    data: { name: original },
    headers: { "x-csrf-token": csrf },
  });
  expect(back.status()).toBe(200);
  await context.close();
});
