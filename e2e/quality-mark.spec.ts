import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { readPdf } from "../src/server/testing/pdf-text";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const status = (page: Page, text: string) => page.locator("main").getByText(text, { exact: true }).first();
const PDF = Buffer.from("%PDF-1.4\n% a fictional curriculum map for the quality mark journey\n");

test("a school applies with evidence, answers the assessor's query, is awarded and downloads its certificate and badge", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const url = baseUrl(baseURL);
  const school = await (await contextAs(browser, "school_user", url)).newPage();
  const staff = await (await contextAs(browser, "hub_staff", url)).newPage();
  const admin = await (await contextAs(browser, "hub_admin", url)).newPage();

  // The school starts a bronze application from its quality mark page.
  await school.goto("/");
  await school.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quality mark" }).click();
  await expect(heading(school, "Quality mark")).toBeVisible();
  await expectNoAxeViolations(school, "the school's quality mark page");
  await school.getByLabel("Level to apply for").selectOption("bronze");
  await school.getByRole("button", { name: "Start an application" }).click();
  await expect(heading(school, /: Bronze application$/)).toBeVisible();
  const schoolName = ((await heading(school, /: Bronze application$/).textContent()) ?? "").replace(
    /: Bronze application$/,
    "",
  );
  const applicationUrl = school.url();
  await expect(school.getByText("The answers do not yet support a level.")).toBeVisible();
  await expectNoAxeViolations(school, "the application form");

  // Evidence: a file on the first standard, a link on every one; all met.
  const groups = school.locator("fieldset");
  const count = await groups.count();
  expect(count).toBe(7);
  await groups
    .first()
    .getByLabel(/Upload a file/)
    .setInputFiles({ name: "curriculum-map.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(groups.first().getByText("File: curriculum-map.pdf")).toBeVisible();
  for (let i = 0; i < count; i++) {
    const g = groups.nth(i);
    await g.getByLabel("Self-evaluation").selectOption("met");
    await g.getByLabel("Commentary").fill(`Fictional commentary ${i + 1}`);
    await g.getByLabel("Link to evidence").fill(`https://school.example.test/evidence/${i + 1}`);
    await g.getByRole("button", { name: /^Add the link/ }).click();
  }
  await school.getByRole("button", { name: "Save draft" }).click();
  await expect(school.getByText("Ready to submit.")).toBeVisible();
  await expect(school.getByText("The answers support Bronze, the level applied for.")).toBeVisible();
  await school.getByRole("button", { name: "Submit the application" }).click();
  await expect(status(school, "Submitted")).toBeVisible();

  // The hub: the list, then the assessment, with one query.
  await staff.goto("/quality-mark");
  await expect(heading(staff, "Quality mark")).toBeVisible();
  await expectNoAxeViolations(staff, "the hub's applications");
  await staff.getByRole("link", { name: schoolName }).first().click();
  await expect(heading(staff, `${schoolName}: Bronze application`)).toBeVisible();
  await expectNoAxeViolations(staff, "the assessment page");
  const decisions = staff.getByLabel(/^Decision on/);
  const n = await decisions.count();
  for (let i = 0; i < n; i++) await decisions.nth(i).selectOption(i === 1 ? "query" : "accept");
  await staff
    .getByLabel(/^Comment on/)
    .nth(1)
    .fill("Which year groups sing every week?");
  await staff.getByRole("button", { name: "Save the reviews" }).click();
  await expect(status(staff, "Queried")).toBeVisible();

  // The school answers the query and sends it back.
  await school.goto(applicationUrl);
  await expect(school.getByText("The assessor asks: Which year groups sing every week?")).toBeVisible();
  await school
    .getByLabel("Your answer to the assessor")
    .fill("Every year group, in Monday's singing assembly");
  await expectNoAxeViolations(school, "the queried application");
  await school.getByRole("button", { name: "Send the answers" }).click();
  await expect(status(school, "Submitted")).toBeVisible();

  // The assessor accepts the answer.
  await staff.reload();
  await expect(
    staff.getByText("The school's answer: Every year group, in Monday's singing assembly"),
  ).toBeVisible();
  const again = staff.getByLabel(/^Decision on/);
  for (let i = 0; i < (await again.count()); i++) await again.nth(i).selectOption("accept");
  await staff.getByRole("button", { name: "Save the reviews" }).click();
  await expect(status(staff, "Assessed")).toBeVisible();

  // The moderator (a hub admin, not the assessor) confirms the award.
  await admin.goto(applicationUrl);
  await expect(admin.getByRole("heading", { name: "Moderation" })).toBeVisible();
  await expectNoAxeViolations(admin, "moderation");
  await admin.getByRole("button", { name: "Confirm the outcome" }).click();
  await expect(status(admin, "Awarded")).toBeVisible();

  // The school downloads its certificate and badge.
  await school.goto("/quality-mark");
  const downloads = school.getByRole("region", { name: "Your awards and downloads" });
  await expect(downloads.getByText("Bronze").first()).toBeVisible();
  await expectNoAxeViolations(school, "the school's downloads");
  const pdfDownload = school.waitForEvent("download");
  await downloads
    .getByRole("link", { name: /^Certificate \(PDF\)/ })
    .first()
    .click();
  const pdf = await readPdf(await readFile(String(await (await pdfDownload).path())));
  const text = pdf.pages.map((p) => p.text).join("\n");
  expect(text).toContain(schoolName);
  expect(text).toContain("Bronze quality mark");
  expect(pdf.pages[0]?.width).toBeGreaterThan(pdf.pages[0]?.height ?? 0);
  const svgDownload = school.waitForEvent("download");
  await downloads
    .getByRole("link", { name: /^Badge \(SVG\)/ })
    .first()
    .click();
  const svg = await readFile(String(await (await svgDownload).path()), "utf8");
  const valid = await school.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, "image/svg+xml");
    return doc.querySelector("parsererror") === null && doc.documentElement.localName === "svg";
  }, svg);
  expect(valid).toBe(true);
  expect(svg).toContain(">BRONZE<");

  // Anyone sees the school on the hub's public page of awarded schools, under Bronze.
  const anyone = await (await browser.newContext({ baseURL: url })).newPage();
  await anyone.goto("/h/northshire/quality-mark");
  await expect(heading(anyone, "Schools holding the music quality mark")).toBeVisible();
  await expect(
    anyone.getByRole("region", { name: /^Bronze/ }).getByRole("rowheader", { name: schoolName }),
  ).toBeVisible();
  await expectNoAxeViolations(anyone, "the public page of awarded schools");

  // The hub's awards, the framework, and the award on the school's profile.
  await admin.goto("/quality-mark/awards");
  await expect(heading(admin, "Quality mark awards")).toBeVisible();
  await expect(admin.getByRole("rowheader", { name: schoolName })).toBeVisible();
  await expectNoAxeViolations(admin, "awards");
  await admin.goto("/quality-mark/framework");
  await expect(heading(admin, "Quality mark framework")).toBeVisible();
  await expectNoAxeViolations(admin, "the framework editor");
  await expect(admin.getByLabel("Years an award is valid")).toHaveValue("3");
  await admin.getByRole("button", { name: "Remove standard 1 of Bronze" }).click();
  const removeDialog = admin.getByRole("dialog", { name: "Remove this standard?" });
  await expect(removeDialog).toBeVisible();
  await expectNoAxeViolations(admin, "the confirmation before removing a standard");
  await removeDialog.getByRole("button", { name: "Keep it" }).click();
  await expect(removeDialog).toBeHidden();

  // The assessor panel: a hub admin records the school a peer assessor works at, then clears it.
  await admin
    .getByRole("navigation", { name: "Quality mark" })
    .getByRole("link", { name: "Assessors" })
    .click();
  await expect(heading(admin, "Quality mark assessors")).toBeVisible();
  await expectNoAxeViolations(admin, "the assessor panel");
  const change = admin.getByRole("button", { name: /^Change the school of / }).first();
  const assessorName = ((await change.textContent()) ?? "").replace(/^Change the school of /, "");
  await change.click();
  const schoolDialog = admin.getByRole("dialog", { name: `Where ${assessorName} works` });
  await schoolDialog.getByLabel("Search schools").fill(schoolName);
  const picker = schoolDialog.getByRole("combobox", { name: "School" });
  const option = picker.locator("option", { hasText: schoolName });
  await expect(option).toHaveCount(1);
  await picker.selectOption((await option.getAttribute("value")) ?? "");
  await expectNoAxeViolations(admin, "choosing an assessor's school");
  await schoolDialog.getByRole("button", { name: "Save the school" }).click();
  await expect(admin.getByText(`${assessorName} is recorded as working at ${schoolName}.`)).toBeVisible();
  await expect(admin.getByRole("row", { name: new RegExp(assessorName) })).toContainText(schoolName);
  await admin.getByRole("button", { name: `Change the school of ${assessorName}` }).click();
  await admin.getByRole("button", { name: "Works for the hub only" }).click();
  await expect(admin.getByText(`${assessorName} is recorded as working for the hub only.`)).toBeVisible();

  // The presentation: the school is to be presented this year; the admin chooses the CPD event.
  await admin
    .getByRole("navigation", { name: "Quality mark" })
    .getByRole("link", { name: "Presentation" })
    .click();
  await expect(heading(admin, "Quality mark presentation")).toBeVisible();
  await expect(admin.getByRole("rowheader", { name: schoolName })).toBeVisible();
  const eventSelect = admin.getByLabel("CPD event for the presentation");
  await expect(eventSelect.locator("option").nth(1)).toBeAttached();
  await eventSelect.selectOption({ index: 1 });
  const eventTitle = ((await eventSelect.locator("option:checked").textContent()) ?? "").replace(
    / \(.*\)$/,
    "",
  );
  await admin.getByRole("button", { name: "Save the presentation event" }).click();
  await expect(admin.getByRole("status").getByText("Saved.")).toBeVisible();
  await expect(
    admin.getByRole("region", { name: "Presentation event" }).getByRole("link", { name: eventTitle }),
  ).toBeVisible();
  await expectNoAxeViolations(admin, "the presentation");
  await admin
    .getByRole("navigation", { name: "Quality mark" })
    .getByRole("link", { name: "Figures" })
    .click();
  await expect(heading(admin, "Quality mark figures")).toBeVisible();
  await expect(admin.getByText(/open schools applied in/)).toBeVisible();
  await expectNoAxeViolations(admin, "the figures");
  await school.goto("/our-school");
  await expect(
    school.getByRole("region", { name: "Music quality mark" }).getByText("Bronze").first(),
  ).toBeVisible();
  await expectNoAxeViolations(school, "the school profile with the quality mark panel");
});
