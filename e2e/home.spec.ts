import { type BrowserContext, expect, type Page, type TestInfo, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs, type DemoRole, HUB_NAME } from "./fixtures";

const SIZES = [
  { name: "laptop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;
type Size = (typeof SIZES)[number];

type Figure = { label: string; count: number; href: string };
type Card = { kind: string } & Record<string, unknown>;

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const count = (n: number): string => n.toLocaleString("en-GB");

const open = async (
  browser: import("@playwright/test").Browser,
  role: DemoRole,
  baseURL: string | undefined,
  size: Size,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await contextAs(browser, role, baseUrl(baseURL));
  const page = await context.newPage();
  await page.setViewportSize({ width: size.width, height: size.height });
  return { context, page };
};

const cardsOf = async (context: BrowserContext): Promise<Card[]> => {
  const res = await context.request.get("/api/home");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { cards: Card[] }).cards;
};

const cardOf = (cards: Card[], kind: string): Card => {
  const card = cards.find((c) => c.kind === kind);
  if (!card) throw new Error(`no ${kind} card`);
  return card;
};

/** The school list's total for a figure's link, from the API. */
const listTotal = async (context: BrowserContext, href: string): Promise<number> => {
  const res = await context.request.get(`/api/schools?${href.split("?")[1] ?? ""}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { total: number }).total;
};

const noSideways = async (page: Page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page-level horizontal scroll").toBeLessThanOrEqual(0);
};

const attachHome = async (page: Page, testInfo: TestInfo, role: DemoRole, size: Size) => {
  await testInfo.attach(`home-${role}-${size.width}x${size.height}.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
};

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test(`a hub admin's home shows the hub's real figures, each linking to the list it counts (${size.name})`, async ({
      browser,
      baseURL,
    }, testInfo) => {
      const { context, page } = await open(browser, "hub_admin", baseURL, size);
      await page.goto("/");
      await expect(page).toHaveTitle(`Home · ${HUB_NAME} · Tutti`);
      const figuresCard = page.getByRole("region", { name: "The hub at a glance" });
      await expect(figuresCard).toBeVisible();
      const figures = cardOf(await cardsOf(context), "hub-figures");
      const all = [
        figures.openSchools,
        figures.noLinkOfficer,
        figures.missingMusicData,
        ...(figures.byPhase as Figure[]),
        ...(figures.byStatus as Figure[]),
      ] as Figure[];
      expect((figures.openSchools as Figure).count).toBeGreaterThan(0);
      for (const f of all) {
        // The figure counts exactly what its list lists...
        expect(await listTotal(context, f.href), f.label).toBe(f.count);
        // ...and the page shows that number on the link to that list.
        // (Open schools appear twice: the total of the phases and the first status.)
        const shown = figuresCard.locator(`a[href="${f.href}"] [data-figure]`);
        await expect(shown.first(), f.label).toBeVisible();
        for (const text of await shown.allInnerTexts()) expect(text, f.label).toBe(count(f.count));
      }
      await expect(page.getByRole("region", { name: "The national register (GIAS)" })).toBeVisible();
      const activity = page.getByRole("region", { name: "Recent activity" });
      await expect(activity.getByRole("listitem").first()).toBeVisible();
      await expect(activity).not.toContainText(UUID);
      await expect(page.getByText(/coming soon/i)).toHaveCount(0);
      await noSideways(page);
      await expectNoAxeViolations(page, `hub admin's home at ${size.name}`);
      await attachHome(page, testInfo, "hub_admin", size);

      // A figure opens the list filtered to what it counts; a profile leads back to that list.
      const none = figures.noLinkOfficer as Figure;
      await figuresCard.locator(`a[href="${none.href}"]`).click();
      await expect(page).toHaveURL(/\/schools\?status=open&linkOfficer=none$/);
      await expect(page).toHaveTitle(/^Schools · /);
      await expect(page.getByRole("main")).toContainText(`of ${count(none.count)}`);
      await expectNoAxeViolations(page, `schools with no link officer at ${size.name}`);
      await page.goto("/schools?status=open&linkOfficer=none&sort=town");
      const firstRes = await context.request.get(
        "/api/schools?status=open&linkOfficer=none&sort=town&pageSize=1",
      );
      const firstSchool = ((await firstRes.json()) as { items: { urn: number; name: string }[] }).items[0];
      if (!firstSchool) throw new Error("no school without a link officer");
      const target = page.getByRole("main").locator(`a[href="/schools/${firstSchool.urn}"]`).first();
      const name = firstSchool.name;
      await target.click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(page).toHaveTitle(`${name} · Schools · Tutti`);
      await expectNoAxeViolations(page, `profile at ${size.name}`);
      await page.getByRole("link", { name: "Back to the schools" }).click();
      await expect(page).toHaveURL(/\/schools\?status=open&linkOfficer=none&sort=town$/);
      await context.close();
    });

    test(`hub staff see their schools and the hub's figures (${size.name})`, async ({
      browser,
      baseURL,
    }, testInfo) => {
      const { context, page } = await open(browser, "hub_staff", baseURL, size);
      await page.goto("/");
      const cards = await cardsOf(context);
      const mine = cardOf(cards, "my-schools");
      expect(mine.total as number).toBeGreaterThan(0);
      expect(await listTotal(context, mine.href as string)).toBe(mine.total);
      const card = page.getByRole("region", { name: "My schools" });
      await expect(card.getByTestId("figure-my-schools")).toHaveText(`${mine.total} schools`);
      const openSchools = (cardOf(cards, "hub-figures").openSchools as Figure).count;
      await expect(page.getByTestId("figure-open").locator("[data-figure]")).toHaveText(count(openSchools));
      await expect(page.getByRole("region", { name: "Recent activity" })).not.toContainText(UUID);
      await noSideways(page);
      await expectNoAxeViolations(page, `hub staff's home at ${size.name}`);
      await attachHome(page, testInfo, "hub_staff", size);

      // From home to a school of theirs and back home.
      const school = (mine.schools as { name: string; href: string }[])[0];
      if (!school) throw new Error("no school");
      await card.getByRole("link", { name: school.name }).click();
      await expect(page.getByRole("heading", { level: 1, name: school.name })).toBeVisible();
      await page.getByRole("link", { name: "Back to home" }).click();
      await expect(page).toHaveURL(/\/$/);
      await context.close();
    });

    test(`a school user sees their school, link officer and what the hub asks (${size.name})`, async ({
      browser,
      baseURL,
    }, testInfo) => {
      const { context, page } = await open(browser, "school_user", baseURL, size);
      await page.goto("/");
      const card = cardOf(await cardsOf(context), "our-school");
      const school = card.school as { name: string; urn: number };
      await expect(page.getByRole("region", { name: school.name })).toContainText(String(school.urn));
      const officer = card.linkOfficer as { name: string; email: string };
      const officerCard = page.getByRole("region", { name: "Your link officer" });
      await expect(officerCard).toContainText(officer.name);
      await expect(officerCard.getByRole("link", { name: officer.email })).toHaveAttribute(
        "href",
        `mailto:${officer.email}`,
      );
      const asks = page.getByRole("region", { name: "What the hub asks of you now" });
      const wanted = card.asks as { label: string }[];
      if (wanted.length)
        for (const a of wanted) await expect(asks.getByRole("link", { name: a.label })).toBeVisible();
      else await expect(asks).toContainText("Nothing right now");
      await expect(page.getByText(/coming soon/i)).toHaveCount(0);
      await noSideways(page);
      await expectNoAxeViolations(page, `school user's home at ${size.name}`);
      await attachHome(page, testInfo, "school_user", size);
      await context.close();
    });

    test(`a partner user sees their organisation and the hub's contact (${size.name})`, async ({
      browser,
      baseURL,
    }, testInfo) => {
      const { context, page } = await open(browser, "partner_user", baseURL, size);
      await page.goto("/");
      await expect(page.getByRole("region", { name: "Northshire Youth Orchestra Trust" })).toBeVisible();
      const contact = page.getByRole("region", { name: "Your contact at the hub" });
      await expect(contact).toContainText("Alex Morgan");
      await expect(contact.getByRole("link", { name: "admin@northshire-hub.example" })).toBeVisible();
      await expect(
        page.getByRole("region", { name: "What you can do now" }).getByRole("link"),
      ).toHaveAttribute("href", "mailto:admin@northshire-hub.example");
      await noSideways(page);
      await expectNoAxeViolations(page, `partner user's home at ${size.name}`);
      await attachHome(page, testInfo, "partner_user", size);
      await context.close();
    });

    test(`the audit log names what changed, never an id, and filters by kind (${size.name})`, async ({
      browser,
      baseURL,
    }) => {
      const { context, page } = await open(browser, "hub_admin", baseURL, size);
      await page.goto("/admin/audit");
      await expect(page).toHaveTitle(/^Audit log · /);
      const entries = page.getByTestId("audit-entries");
      await expect(entries.getByRole("listitem").first()).toBeVisible();
      await expect(entries).not.toContainText(UUID);
      // On a phone the filters fold behind the "Filters" button.
      if (size.name === "phone") await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByLabel("Kind").selectOption({ label: "School" });
      await expect(page).toHaveURL(/entity=school/);
      const summary = entries.getByTestId("audit-summary").first();
      await expect(summary).toHaveText(/^.+: .+/);
      await expect(entries).not.toContainText(UUID);
      await expect(page.getByRole("link", { name: "Export log (CSV)" })).toHaveAttribute(
        "href",
        /\/api\/audit\/export\?entity=school.*format=csv/,
      );
      await noSideways(page);
      await expectNoAxeViolations(page, `audit log at ${size.name}`);
      // An entry's link leads to what changed.
      const link = summary.getByRole("link");
      const text = ((await link.textContent()) ?? "").split(":")[0]?.trim() ?? "";
      await link.click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(text.slice(0, 10));
      await context.close();
    });

    test(`the map names its areas and has a legend (${size.name})`, async ({ browser, baseURL }) => {
      const { context, page } = await open(browser, "hub_staff", baseURL, size);
      await page.goto("/schools/map");
      await expect(page).toHaveTitle(/^Map of schools · /);
      const labels = page.getByTestId("area-labels").locator("text");
      await expect(labels.filter({ hasText: "City" })).toHaveCount(1);
      expect(await labels.count()).toBeGreaterThanOrEqual(5);
      await expect(page.getByRole("region", { name: "Phase" })).toContainText("Primary");
      await expectNoAxeViolations(page, `map at ${size.name}`);
      await context.close();
    });
  });
}
