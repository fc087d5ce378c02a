import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const visitedFigure = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId("coverage-visited").textContent()) ?? "";
  return Number(text.split(" of ")[0]);
};

test("staff schedule a visit and write its report, a stale save is refused, an admin approves, the school downloads the PDF, the rating is confirmed and coverage moves", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const url = baseUrl(baseURL);
  const staffContext = await contextAs(browser, "hub_staff", url);
  const staff = await staffContext.newPage();
  const schoolPage = await (await contextAs(browser, "school_user", url)).newPage();
  const ownSchool = (await (await schoolPage.request.get("/api/schools")).json()).items[0];
  const urn = String(ownSchool.urn);

  // My schools, the visit list and the calendar.
  await staff.goto("/");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagement" }).click();
  await expect(heading(staff, "My schools")).toBeVisible();
  await expectNoAxeViolations(staff, "my schools");
  const exported = staff.waitForEvent("download");
  await staff.getByRole("link", { name: "Export schools (CSV)" }).click();
  const file = await exported;
  expect(file.suggestedFilename()).toBe("my-schools.csv");
  const csvPath = await file.path();
  const csv = await readFile(csvPath, "utf8");
  expect(csv.split(/\r?\n/)[0]).toBe(
    "\uFEFFURN,School,RAG rating,Last visit,Next visit,Next visit purpose,Open next steps,Overdue next steps",
  );
  const tabs = staff.getByRole("navigation", { name: "Engagement" });
  await tabs.getByRole("link", { name: "Visits" }).click();
  await expect(heading(staff, "Visits")).toBeVisible();
  await staff.getByLabel("Targeted support").selectOption({ label: "Schools rated red" });
  await expectNoAxeViolations(staff, "visit list");
  await tabs.getByRole("link", { name: "Calendar" }).click();
  await expect(heading(staff, "Visit calendar")).toBeVisible();
  await expectNoAxeViolations(staff, "visit calendar");
  // The month grid, worked with the keyboard: one day in the Tab order, arrows move it.
  await staff.getByRole("button", { name: "Month grid" }).click();
  await expect(staff.getByRole("button", { name: "Month grid" })).toHaveAttribute("aria-pressed", "true");
  const selectedDay = staff.locator("button[data-day][aria-pressed=true]");
  await expect(selectedDay).toHaveCount(1);
  await expectNoAxeViolations(staff, "visit calendar, month grid");
  const startDay = (await selectedDay.getAttribute("data-day")) ?? "";
  await selectedDay.focus();
  await staff.keyboard.press("ArrowDown");
  const weekLater = new Date(Date.parse(`${startDay}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const moved = staff.locator(`button[data-day="${weekLater}"]`);
  await expect(moved).toBeFocused();
  await expect(moved).toHaveAttribute("aria-pressed", "true");
  await expect(staff.locator("button[data-day][tabindex='0']")).toHaveCount(1);
  // Page Down crosses into the next month, keeping the focus in the grid.
  await staff.keyboard.press("PageDown");
  const nextMonth = new Date(Date.parse(`${weekLater.slice(0, 7)}-01T00:00:00Z`) + 32 * 86_400_000)
    .toISOString()
    .slice(0, 7);
  await expect(staff.locator(`button[data-day^="${nextMonth}-"][aria-pressed=true]`)).toBeFocused();
  await staff.keyboard.press("Enter");
  await expect(staff.getByRole("heading", { level: 3, name: /: (no visits|\d+ visits?)$/ })).toBeFocused();
  await staff.getByRole("button", { name: "Agenda" }).click();

  // Coverage before.
  await tabs.getByRole("link", { name: "Coverage" }).click();
  await expect(heading(staff, "Coverage")).toBeVisible();
  await expect(staff.getByTestId("coverage-visited")).toBeVisible();
  const before = await visitedFigure(staff);
  await expect(staff.getByRole("table", { name: "Coverage by programme phase" })).toBeVisible();
  await expectNoAxeViolations(staff, "coverage");

  // A past date is refused until the visit is marked as recorded.
  await staff.goto("/engagement/visits/new");
  await expect(heading(staff, "Schedule a visit")).toBeVisible();
  await staff.getByLabel("School URN").fill(urn);
  await staff.getByLabel("Date", { exact: true }).fill(yesterday());
  await staff.getByLabel("Purpose").selectOption({ label: "Follow-up" });
  await staff.getByRole("button", { name: "Schedule the visit" }).click();
  await expect(staff.getByText("The date has passed")).toBeVisible();
  await expectNoAxeViolations(staff, "schedule a visit, with an error");
  await staff.getByLabel(/Recorded: this visit already happened/).check();
  await staff.getByRole("button", { name: "Record the visit" }).click();
  await expect(heading(staff, `Visit to ${ownSchool.name}`)).toBeVisible();
  await expectNoAxeViolations(staff, "visit");

  // The report: judgements, a next step and the summary, saved as a draft.
  await staff.getByRole("link", { name: "Write the report" }).click();
  await expect(heading(staff, `Report: ${ownSchool.name}`)).toBeVisible();
  const reportUrl = staff.url();
  // The judgements follow the sections of the audit version in force, not a fixed list.
  await expect(staff.getByTestId("report-sections-from")).toHaveText(
    /^The sections of (the audit the school submitted: .+, version \d+|the hub's current audit)/,
  );
  await expect(staff.getByLabel("Ensembles and co-curricular music", { exact: true })).toBeVisible();
  await staff.getByLabel("Singing", { exact: true }).selectOption({ label: "Priority" });
  await staff.getByLabel("What was seen").fill("A Year 3 singing assembly");
  await staff.getByRole("button", { name: "Add a next step" }).click();
  await staff.getByLabel("Next step 1").fill("Start a weekly singing assembly");
  await staff
    .getByLabel("Due", { exact: true })
    .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await staff.getByLabel("Summary for the school").fill("Singing is the priority for this term.");
  await staff.getByRole("button", { name: "Save draft" }).click();
  await expect(staff.getByText(/^Draft saved at/)).toBeVisible();
  await expectNoAxeViolations(staff, "report editor");

  // A second tab opened now, then the first saves again: the second tab's save is refused.
  const second = await staffContext.newPage();
  await second.goto(reportUrl);
  await expect(second.getByLabel("Summary for the school")).toHaveValue(
    "Singing is the priority for this term.",
  );
  await staff.getByLabel("Summary for the school").fill("Singing is the priority for this term and next.");
  await staff.getByRole("button", { name: "Save draft" }).click();
  await expect(staff.getByText(/^Draft saved at/)).toBeVisible();
  await second.getByLabel("What was seen").fill("Edited in another tab");
  await second.getByRole("button", { name: "Save draft" }).click();
  await expect(second.getByText("Someone else saved this report after you opened it")).toBeVisible();
  await expectNoAxeViolations(second, "report editor, stale save");
  await second.close();

  // A hub admin approves, which shares it.
  const admin = await (await contextAs(browser, "hub_admin", url)).newPage();
  await admin.goto(reportUrl);
  await admin.getByRole("button", { name: "Approve and share with the school" }).click();
  await expect(admin.getByText(/^Approved on/)).toBeVisible();
  await expectNoAxeViolations(admin, "approved report");

  // The school user downloads the PDF.
  await schoolPage.goto("/");
  await schoolPage
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Visit reports" })
    .click();
  await expect(heading(schoolPage, "Shared reports")).toBeVisible();
  await expectNoAxeViolations(schoolPage, "shared reports");
  const download = schoolPage.waitForEvent("download");
  await schoolPage
    .getByRole("link", { name: /Download PDF/ })
    .first()
    .click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  // The rating suggestion on the school's profile, confirmed with a reason; the timeline shows the report.
  await staff.goto(`/schools/${urn}`);
  const panel = staff.getByRole("region", { name: "RAG rating" });
  await expect(panel.getByRole("heading", { name: /^Suggested:/ })).toBeVisible();
  await panel.getByLabel("Reason").fill("Agreed after the follow-up visit");
  await panel.getByRole("button", { name: "Confirm rating" }).click();
  await expect(
    panel.getByRole("list", { name: "Rating history" }).getByText("Agreed after the follow-up visit"),
  ).toBeVisible();
  const timeline = staff.getByRole("region", { name: "Visits and reports" });
  await expect(timeline.getByText(/Visit report shared \(Follow-up/).first()).toBeVisible();
  await expectNoAxeViolations(staff, "school profile with the timeline");

  // Coverage moved by one.
  await staff.goto("/engagement/coverage");
  await expect(staff.getByTestId("coverage-visited")).toBeVisible();
  await expect.poll(() => visitedFigure(staff)).toBe(before + 1);
});
