import { expect, type Page, test } from "@playwright/test";
import { academicYearOf } from "../src/shared/rules/academic-year";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";
import { buildSmallGiasCsv, smallGiasSchools } from "./fixtures/gias-small";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};

const schoolsTab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Schools" }).getByRole("link", { name, exact: true });

const schools = smallGiasSchools();
const [accented] = schools;

test("a hub admin imports a GIAS file, finds a new school and edits its area, contact and music data", async ({
  browser,
  baseURL,
}) => {
  if (!accented) throw new Error("no fixture school");
  // One journey across six pages, with an accessibility scan on each: longer than the default.
  test.setTimeout(180_000);
  const context = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const page = await context.newPage();

  // Import: a small GIAS extract, sent slowly enough to watch the progress bar.
  await page.goto("/schools");
  await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeVisible();
  await schoolsTab(page, "Import").click();
  await expect(page.getByRole("heading", { level: 1, name: "Import schools" })).toBeVisible();
  await expect(page).toHaveTitle(/^Import schools · /);
  await expect(page.getByText("Get Information About Schools", { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page, "import");

  await page.getByRole("radio", { name: "GIAS extract" }).check();
  await page.getByLabel("CSV file").setInputFiles({
    name: "edubasealldata20261125.csv",
    mimeType: "text/csv",
    buffer: buildSmallGiasCsv(schools),
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 100,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024,
  });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 30_000 });
  // The hub's recent imports list it, as it would list one whose server stopped mid-way (failed, with why).
  await expect(page.getByRole("region", { name: "Recent imports" }).getByText("Done").first()).toBeVisible();
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const created = page.locator("dl > div").filter({ has: page.getByText("Created", { exact: true }) });
  await expect(created.locator("dd")).toHaveText("3");
  await expectNoAxeViolations(page, "import summary");

  // The list: search by postcode, without and with the space.
  await schoolsTab(page, "List").click();
  await expect(page).toHaveTitle(/^Schools · /);
  await expectNoAxeViolations(page, "list");
  const search = page.getByLabel("Name, URN, postcode or town");
  const table = page.getByRole("table", { name: "Schools" });
  const compact = accented.postcode.replace(" ", "");
  const [outward, inward] = accented.postcode.split(" ");
  const row = table.locator(`a[href="/schools/${accented.urn}"]`);
  await search.fill(compact);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${compact}`));
  await expect(row).toHaveText(accented.name);
  await search.fill(accented.postcode);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${outward}(\\+|%20)${inward}`));
  await expect(row).toHaveText(accented.name);
  await expect(page.getByRole("link", { name: "Export schools (CSV)" })).toHaveAttribute(
    "href",
    new RegExp(`/api/schools/export\\?.*q=${outward}(\\+|%20)${inward}.*format=csv`),
  );
  await expect(page.getByRole("link", { name: "Export schools (XLSX)" })).toHaveAttribute(
    "href",
    new RegExp(`q=${outward}(\\+|%20)${inward}.*format=xlsx`),
  );
  // A bulk change on the chosen row.
  await table.getByRole("checkbox", { name: `Select ${accented.name}` }).check();
  await expect(page.getByText(/1 school selected/)).toBeVisible();
  await page.getByRole("button", { name: "Set link officer…" }).click();
  const bulkDialog = page.getByRole("dialog", { name: "Set link officer" });
  await expect(bulkDialog).toBeVisible();
  await expectNoAxeViolations(page, "set link officer dialog");
  await bulkDialog.getByLabel("Link officer").selectOption({ label: "Sam Okafor" });
  await bulkDialog.getByRole("button", { name: "Set link officer" }).click();
  await expect(bulkDialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Sam Okafor: 1 school changed" })).toBeVisible();

  // The URL keeps the filters, so back/forward work.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`q=${compact}`));
  await expect(search).toHaveValue(compact);

  // The profile.
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/schools/${accented.urn}$`));
  await expect(page.getByRole("heading", { level: 1, name: accented.name })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${accented.name} · `));
  await expect(page.getByRole("main")).toContainText(`URN ${accented.urn}`);
  await expectNoAxeViolations(page, "profile");
  const pdfLink = page.getByRole("link", { name: "Download PDF" });
  await expect(pdfLink).toHaveAttribute("href", `/api/schools/${accented.urn}/summary.pdf`);
  const pdf = await page.request.get(`/api/schools/${accented.urn}/summary.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Area by hand.
  await page.getByRole("button", { name: "Edit area and link officer" }).click();
  const hubDialog = page.getByRole("dialog", { name: "Edit area, link officer and tags" });
  await expect(hubDialog).toBeVisible();
  await expectNoAxeViolations(page, "edit area dialog");
  await hubDialog.getByLabel("Area").selectOption({ label: "North" });
  await hubDialog.getByRole("button", { name: "Save" }).click();
  await expect(hubDialog).toBeHidden();
  const hubDetails = page.getByRole("region", { name: "Hub details" });
  await expect(hubDetails).toContainText("North (set by hand)");
  await expect(hubDetails).toContainText("Sam Okafor");

  // A contact: the music lead.
  await page.getByRole("button", { name: /^(Add|Edit) music lead$/ }).click();
  const contactDialog = page.getByRole("dialog", { name: /music lead/ });
  await expect(contactDialog).toBeVisible();
  await expectNoAxeViolations(page, "contact dialog");
  await contactDialog.getByLabel("E-mail address").fill("not an address");
  await contactDialog.getByLabel("Name").fill("Robin Ashdown");
  await contactDialog.getByRole("button", { name: "Save contact" }).click();
  await expect(contactDialog.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
  await contactDialog.getByLabel("E-mail address").fill("robin.ashdown@example.org");
  await contactDialog.getByRole("button", { name: "Save contact" }).click();
  await expect(contactDialog).toBeHidden();
  const contacts = page.getByRole("region", { name: "Contacts" });
  await expect(contacts).toContainText("Robin Ashdown");
  await expect(contacts).toContainText("robin.ashdown@example.org");

  // A year of music data (this academic year).
  const year = academicYearOf(new Date());
  await page.getByRole("button", { name: "Enter figures" }).click();
  const musicDialog = page.getByRole("dialog", { name: "Enter music data" });
  await expect(musicDialog).toBeVisible();
  await expect(musicDialog.getByLabel("Academic year")).toHaveValue(year);
  await expectNoAxeViolations(page, "music data dialog");
  await musicDialog.getByLabel("Pupils in WCET / First Access").fill("30");
  await musicDialog.getByLabel("Pupils learning an instrument").fill("17");
  await musicDialog.getByLabel("Pupils singing regularly").fill("5000");
  await musicDialog.getByRole("radio", { name: "Yes" }).check();
  await musicDialog.getByRole("button", { name: "Save figures" }).click();
  // More than the pupils on roll: refused beside the field.
  await expect(musicDialog.getByLabel("Pupils singing regularly")).toHaveAttribute("aria-invalid", "true");
  await musicDialog.getByLabel("Pupils singing regularly").fill("124");
  await musicDialog.getByRole("button", { name: "Save figures" }).click();
  await expect(musicDialog).toBeHidden();
  const figures = page.getByRole("region", { name: "Music data by year" });
  await expect(
    figures.getByRole("columnheader", { name: new RegExp(year.replace("/", "\\/")) }),
  ).toBeVisible();
  await expect(figures.getByRole("row", { name: /Pupils singing regularly/ })).toContainText("124");
  await expect(figures.getByRole("row", { name: /Pupils in WCET/ })).toContainText("30");
  await expect(
    page.getByRole("img", { name: /Pupils in WCET, learning an instrument and singing/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page, "profile with music data");

  // The map: dots, keyboard names, and the text alternative.
  await schoolsTab(page, "Map").click();
  await expect(page.getByRole("heading", { level: 1, name: "Map of schools" })).toBeVisible();
  await expect(page).toHaveTitle(/^Map of schools · /);
  const map = page.getByRole("group", { name: /^Map of \d+ schools/ });
  await expect(map).toBeVisible();
  expect(await map.getByRole("link").count()).toBeGreaterThan(100);
  await expect(map.getByRole("link", { name: `${accented.name} (${accented.urn}), Primary` })).toHaveCount(1);
  await expect(page.getByText(/schools? on the map/)).toBeVisible();
  await page.getByText(/^Schools on this map \(/).click();
  const list = page.getByRole("table", { name: "Schools on this map" });
  await expect(list).toBeVisible();
  await expect(list.locator(`a[href="/schools/${accented.urn}"]`)).toHaveText(accented.name);
  await page.getByLabel("Colour by").selectOption("area");
  await expect(page.getByRole("heading", { name: "Area", level: 2 })).toBeVisible();
  await expectNoAxeViolations(page, "map");

  // Areas.
  await schoolsTab(page, "Areas").click();
  await expect(page.getByRole("heading", { level: 1, name: "Areas" })).toBeVisible();
  await expect(page).toHaveTitle(/^Areas · /);
  await expect(page.getByRole("table", { name: "Areas" })).toContainText("North");
  await expectNoAxeViolations(page, "areas");
  await page.getByRole("button", { name: "New area" }).first().click();
  const areaDialog = page.getByRole("dialog", { name: "New area" });
  await expect(areaDialog).toBeVisible();
  await areaDialog.getByLabel("Postcode districts").fill("NS10, 9ZZ");
  await areaDialog.getByRole("button", { name: "Create area" }).click();
  await expect(areaDialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(areaDialog.getByLabel("Postcode districts")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, "new area dialog");
  await areaDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(areaDialog).toBeHidden();

  // Link officers.
  await schoolsTab(page, "Link officers").click();
  await expect(page.getByRole("heading", { level: 1, name: "Link officers" })).toBeVisible();
  await expect(page).toHaveTitle(/^Link officers · /);
  await expect(page.getByRole("table", { name: "Link officers" })).toContainText(
    "staff@northshire-hub.example",
  );
  await expectNoAxeViolations(page, "link officers");

  await context.close();
});

test("a music data file with mistakes changes nothing and lists its problems row by row", async ({
  browser,
  baseURL,
}) => {
  const context = await contextAs(browser, "hub_admin", baseUrl(baseURL));
  const page = await context.newPage();
  await page.goto("/schools/import");
  await expect(page.getByRole("link", { name: "Download the music data template" })).toHaveAttribute(
    "href",
    new RegExp(`/api/schools/music-data/template\\?year=${encodeURIComponent(academicYearOf(new Date()))}`),
  );
  await page.getByRole("radio", { name: "Music data" }).check();
  const year = academicYearOf(new Date());
  await page.getByLabel("CSV file").setInputFiles({
    name: "music-data.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      `URN,School,Academic year,Pupils in WCET / First Access,Pupils singing regularly\r\n` +
        `${accented?.urn ?? 990101},École Saint-Étienne Primary,${year},-5,lots\r\n`,
      "utf8",
    ),
  });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: "The file was not imported" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was changed" })).toBeVisible();
  const problems = page.getByRole("table", { name: "Problems found in the file" });
  await expect(problems.getByRole("row")).not.toHaveCount(1);
  await expect(problems).toContainText("Pupils in WCET / First Access");
  await expectNoAxeViolations(page, "import with row errors");
  await context.close();
});

test("a school user sees their own school under Our school, without hub controls", async ({
  browser,
  baseURL,
}) => {
  const context = await contextAs(browser, "school_user", baseUrl(baseURL));
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Our school" }).click();
  await expect(page).toHaveURL(/\/our-school$/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/URN \d{6}/);
  await expect(page.getByRole("region", { name: "Hub details" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit area and link officer" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Schools" })).toHaveCount(0);
  await expectNoAxeViolations(page, "our school");

  // The school list is not theirs: they are sent back to their school.
  await page.goto("/schools");
  await expect(page).toHaveURL(/\/our-school$/);
  await context.close();
});

test("a partner user has no schools screens", async ({ browser, baseURL }) => {
  const context = await contextAs(browser, "partner_user", baseUrl(baseURL));
  const page = await context.newPage();
  await page.goto("/schools");
  await expect(page.getByRole("heading", { level: 1, name: "No access" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schools" }),
  ).toHaveCount(0);
  await context.close();
});
