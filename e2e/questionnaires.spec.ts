import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};

const AUDIT = "Music audit before a visit";
const NEW_QUESTION = "Does the school have a music development plan?";

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

test("a hub publishes a new version of its audit, a school fills it in with autosave, and the hub sees the response", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const url = baseUrl(baseURL);

  // Hub staff: the list, then the editor; a yes/no question is added and version 2 published.
  const staff = await (await contextAs(browser, "hub_staff", url)).newPage();
  await staff.goto("/");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Questionnaires" }).click();
  await expect(heading(staff, "Questionnaires")).toBeVisible();
  await expect(staff.getByRole("link", { name: AUDIT, exact: true })).toBeVisible();
  await expectNoAxeViolations(staff, "questionnaires (hub)");

  await staff.getByRole("link", { name: AUDIT, exact: true }).click();
  await expect(heading(staff, AUDIT)).toBeVisible();
  await expect(staff.getByText("Version 1 is published.", { exact: false })).toBeVisible();
  await expectNoAxeViolations(staff, "editor");
  await staff.getByRole("button", { name: "Add a question to section 2" }).click();
  const question = staff.getByRole("group", { name: "Question 10" });
  await question.getByLabel("Wording").fill(NEW_QUESTION);
  await question.getByLabel("Kind of answer").selectOption({ label: "Yes / no" });
  await question.getByLabel("Must be answered").check();
  await expectNoAxeViolations(staff, "editor with a new question");
  await staff.getByRole("button", { name: "Publish" }).click();
  await expect(
    staff.getByRole("status").filter({ hasText: "Version 2 is published. New responses use it" }),
  ).toBeVisible();

  // The school user: what there is to fill in, then the form (version 2).
  const school = await (await contextAs(browser, "school_user", url)).newPage();
  await school.goto("/questionnaires");
  await expect(heading(school, "Questionnaires")).toBeVisible();
  await expectNoAxeViolations(school, "questionnaires (school)");
  await school.getByRole("button", { name: `Fill in ${AUDIT}` }).click();
  await expect(heading(school, AUDIT)).toBeVisible();
  await expect(school.getByText("version 2 of the questionnaire", { exact: false })).toBeVisible();
  await expectNoAxeViolations(school, "fill in");

  // Autosave, and the form is resumable after a reload.
  await school.getByLabel("Who leads music at the school?").fill("Music lead, Year 4 teacher");
  await expect(school.getByText(/^Saved at /)).toBeVisible();
  await school.reload();
  await expect(school.getByLabel("Who leads music at the school?")).toHaveValue("Music lead, Year 4 teacher");

  // Submitting too early: the same messages the server gives, listed and next to each question.
  await school.getByRole("button", { name: "Submit" }).click();
  const summary = school.getByRole("alert").filter({ hasText: "need attention before you submit" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link", { name: `${NEW_QUESTION}: Answer this question` })).toBeVisible();
  await expectNoAxeViolations(school, "fill in, with errors");

  // The choir size is asked only once the school says it has a choir.
  const choirSize = school.getByLabel("How many pupils sing in the choir?");
  await expect(choirSize).toHaveCount(0);
  await school.getByRole("group", { name: "Does the school have a choir?" }).getByLabel("Yes").check();
  await expect(choirSize).toBeVisible();
  await choirSize.fill("3000");
  await expect(choirSize).toHaveAccessibleDescription("Enter a number from 1 to 2,000");
  await choirSize.fill("32");
  await school.getByLabel("Pupils in whole-class ensemble tuition this year").fill("60");
  await school
    .getByRole("group", { name: "How confident do class teachers feel teaching music?" })
    .getByLabel("3 – Confident")
    .check();
  await school.getByLabel("Singing").check();
  await school.getByRole("group", { name: NEW_QUESTION }).getByLabel("No").check();
  await school.getByRole("button", { name: "Submit" }).click();
  await expect(school.getByText("the answers can no longer be changed", { exact: false })).toBeVisible();
  await expectNoAxeViolations(school, "submitted");

  // Back at the hub: the response is listed as submitted against version 2, with exports.
  await staff.goto("/questionnaires");
  await staff.getByRole("link", { name: /submitted of \d+ for Music audit before a visit/ }).click();
  await expect(heading(staff, `Responses to ${AUDIT}`)).toBeVisible();
  const row = staff.getByRole("row").filter({ has: staff.getByRole("rowheader") });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText("Submitted");
  await expect(row.getByRole("cell").nth(2)).toHaveText("2");
  await expectNoAxeViolations(staff, "responses");
  const download = staff.waitForEvent("download");
  await staff.getByRole("link", { name: "Export responses (CSV)" }).click();
  const csv = await (await download).path();
  const text = await import("node:fs/promises").then((fs) => fs.readFile(csv, "utf8"));
  expect(text).toContain(NEW_QUESTION);
  expect(text).toContain("Music lead, Year 4 teacher");
});
