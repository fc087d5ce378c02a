import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

test("a hub admin builds an objective with a live target, sees it move after a visit report is approved, posts an update, runs a review and exports the PDF", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const url = baseUrl(baseURL);
  const context = await contextAs(browser, "hub_admin", url);
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Plan" }).click();
  await expect(heading(page, "Plans")).toBeVisible();
  await expect(page.getByRole("link", { name: "School Music Education Plan 2025–2027" })).toBeVisible();
  await expectNoAxeViolations(page, "plans list");

  // A new plan, with a plain message for a missing title first.
  await page.getByLabel("Starts on").fill("2025-09-01");
  await page.getByLabel("Ends on").fill("2027-08-31");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByText("Give the plan a title")).toBeVisible();
  await page.getByLabel("Title").fill("Journey plan");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(heading(page, "Journey plan")).toBeVisible();
  await expectNoAxeViolations(page, "an empty plan");

  // An objective, an action, a target.
  await page.locator("summary", { hasText: "Add an objective" }).click();
  await page.getByLabel("Objective", { exact: true }).fill("Reach every school");
  await page.getByRole("button", { name: "Add an objective" }).click();
  const objective = page.getByRole("region", { name: /1\. Reach every school/ });
  await expect(objective).toBeVisible();
  await objective.locator("summary", { hasText: "Add an action" }).click();
  await objective.getByLabel("Action", { exact: true }).fill("Visit schools and write each visit up");
  await objective.getByLabel("Lead", { exact: true }).fill("SLE");
  await objective.getByRole("button", { name: "Add an action" }).click();
  await objective.locator("summary", { hasText: "Add a target" }).click();
  await objective.getByLabel("Target", { exact: true }).fill("Half of schools visited");
  await objective.getByRole("button", { name: "Add a target" }).click();
  await expect(objective.getByText("Half of schools visited", { exact: true })).toBeVisible();

  // Bound to schools_visited_share.
  await objective.locator("summary", { hasText: "Measure" }).click();
  await objective.getByLabel("Measure").selectOption({ label: "Schools visited this year" });
  await objective.getByLabel("Goal (%)").fill("50");
  await objective.getByLabel("Deadline").fill("2027-07-31");
  await objective.getByRole("button", { name: "Save measure" }).click();
  const value = objective.getByTestId("target-value");
  await expect(value).toHaveText(/% \(\d+ of \d+\)/);
  const before = Number(/\((\d+) of/.exec((await value.textContent()) ?? "")?.[1]);
  await expect(objective.getByText(/with a visit this academic year/).first()).toBeVisible();
  await expectNoAxeViolations(page, "a plan with a live target");

  // A visit with an approved report, through the engagement API: the value moves.
  const me = await context.request.get("/api/me");
  const csrf = (await me.json()).csrfToken as string;
  const headers = { "x-csrf-token": csrf };
  const list = await context.request.get("/api/schools?pageSize=100");
  const schools = (await list.json()).items as { urn: number }[];
  const coverage = await (await context.request.get("/api/engagement/coverage?year=2025/26")).json();
  const never = new Set((coverage.neverVisited as { urn: number }[]).map((s) => s.urn));
  const school = schools.find((s) => never.has(s.urn)) ?? schools[0];
  const today = new Date().toISOString().slice(0, 10);
  const visit = await context.request.post("/api/visits", {
    data: { urn: school?.urn, date: today, purpose: "follow_up", recorded: true },
    headers,
  });
  expect(visit.status(), await visit.text()).toBe(201);
  const visitId = (await visit.json()).id as string;
  const report = await context.request.put(`/api/visits/${visitId}/report`, {
    data: { summary: "A good conversation about singing", nextSteps: [], version: 0 },
    headers,
  });
  expect(report.status(), await report.text()).toBe(200);
  expect((await context.request.post(`/api/visits/${visitId}/report/approve`, { headers })).status()).toBe(
    200,
  );
  await page.reload();
  await expect(objective.getByTestId("target-value")).toContainText(`(${before + 1} of`);

  // A snapshot now, then an update with a link.
  await page.getByRole("button", { name: "Take a snapshot now" }).click();
  await expect(page.getByText("Today's values are recorded in the trend.")).toBeVisible();
  const updates = page.getByRole("region", { name: "Progress updates" });
  await updates.getByLabel("Target").selectOption({ label: "1. Half of schools visited" });
  await updates.getByRole("button", { name: "Post update" }).click();
  await expect(updates.getByText("Give the update")).toBeVisible();
  await updates.getByLabel("Update", { exact: true }).fill("First visit of the year written up and approved");
  await updates.getByLabel(/Link to evidence/).fill("https://example.org/notes");
  await updates.getByRole("button", { name: "Post update" }).click();
  await expect(updates.getByText("First visit of the year written up and approved")).toBeVisible();

  // A review: started, a decision recorded.
  const reviews = page.getByRole("region", { name: "Reviews" });
  await reviews.getByLabel("Review title").fill("Spring review");
  await reviews.getByLabel("Updates due by").fill("2027-03-31");
  await reviews.getByRole("button", { name: "Start review" }).click();
  await expect(reviews.getByText(/Spring review · due/)).toBeVisible();
  await reviews.getByLabel("Target").selectOption({ label: "1. Half of schools visited" });
  await reviews.getByLabel("Decision").selectOption({ label: "Continue" });
  await reviews.getByRole("button", { name: "Record decision" }).click();
  await expect(reviews.getByText("continue", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "a plan with updates and a review");

  // Status: the objective's and the target's, kept after a reload.
  await objective.getByLabel("Status of objective 1").selectOption({ label: "On track" });
  await objective.getByLabel('Status of target "Half of schools visited"').selectOption({ label: "At risk" });
  await expect(objective.getByLabel('Status of target "Half of schools visited"')).toHaveValue("at_risk");
  await page.reload();
  await expect(objective.getByLabel("Status of objective 1")).toHaveValue("on_track");
  await expect(objective.getByLabel('Status of target "Half of schools visited"')).toHaveValue("at_risk");

  // Order and deletion: a milestone typed by mistake moves above the first target, then goes.
  const planId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const actionId = (await (await context.request.get(`/api/plans/${planId}`)).json()).objectives[0].actions[0]
    .id as string;
  const added = await context.request.post(`/api/plans/${planId}/actions/${actionId}/targets`, {
    data: { text: "A milestone typed by mistake" },
    headers,
  });
  expect(added.status(), await added.text()).toBe(201);
  await page.reload();
  const rows = objective.locator("tbody tr");
  await expect(rows.nth(1)).toContainText("A milestone typed by mistake");
  await objective.getByRole("button", { name: 'Move target "A milestone typed by mistake" up' }).click();
  await expect(rows.nth(0)).toContainText("A milestone typed by mistake");
  await objective.getByRole("button", { name: 'Delete target "A milestone typed by mistake"' }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this target?" });
  await expectNoAxeViolations(page, "the delete dialog");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(objective.getByText("A milestone typed by mistake", { exact: true })).toHaveCount(0);
  // A target with updates keeps its history: deleting it is refused, and the page says why.
  await objective.getByRole("button", { name: 'Delete target "Half of schools visited"' }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByText(/Retire the target at a review instead/)).toBeVisible();
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(objective.getByText("Half of schools visited", { exact: true })).toBeVisible();

  // The governance report, and the same as a PDF.
  const governance = page.getByRole("region", { name: "Governance report" });
  await governance.getByLabel("From").fill("2025-09-01");
  await governance.getByLabel("To", { exact: true }).fill("2027-08-31");
  await governance.getByRole("button", { name: "Show the report" }).click();
  await expect(governance.getByText("Half of schools visited: At risk")).toBeVisible();
  const govHref = await governance
    .getByRole("link", { name: "Download the report as PDF" })
    .getAttribute("href");
  const govPdf = await context.request.get(govHref ?? "");
  expect(govPdf.status()).toBe(200);
  expect(govPdf.headers()["content-type"]).toBe("application/pdf");

  // A public summary: only the chosen objective, read by anyone at /h/:slug/plan.
  const publication = page.getByRole("region", { name: "Public summary" });
  await publication.getByLabel("Publish a summary of this plan").check();
  await publication.getByRole("button", { name: "Save public summary" }).click();
  await expect(publication.getByText("Choose at least one objective to publish")).toBeVisible();
  await publication.getByLabel("1. Reach every school").check();
  await publication.getByLabel(/List their targets/).check();
  await publication.getByLabel("Summary (optional)").fill("How we mean to reach every school.");
  await publication.getByRole("button", { name: "Save public summary" }).click();
  await expect(publication.getByText("The summary is published.")).toBeVisible();
  await expectNoAxeViolations(page, "a plan with status, order and publication controls");
  const publicHref = await publication
    .getByRole("link", { name: "Open the public page" })
    .getAttribute("href");
  expect(publicHref).toMatch(/^\/h\/[a-z0-9-]+\/plan$/);
  const anyone = await browser.newContext({ baseURL: url });
  const pub = await anyone.newPage();
  await pub.goto(publicHref ?? "");
  await expect(heading(pub, "Our plan for music education")).toBeVisible();
  await expect(pub.getByRole("heading", { name: "Journey plan" })).toBeVisible();
  await expect(pub.getByText("How we mean to reach every school.")).toBeVisible();
  await expect(pub.getByText("Half of schools visited", { exact: true })).toBeVisible();
  await expect(pub.locator("body")).not.toContainText("SLE");
  await expect(pub.locator("body")).not.toContainText("Visit schools and write each visit up");
  await expectNoAxeViolations(pub, "the public plan");
  await anyone.close();

  // The PDF export.
  const href = await page.getByRole("link", { name: "Export PDF" }).getAttribute("href");
  const pdf = await context.request.get(href ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");

  // The glossary.
  await page.getByRole("link", { name: "Glossary of roles" }).click();
  await expect(heading(page, "Glossary of roles")).toBeVisible();
  await expect(page.getByLabel("Abbreviation 1")).toBeVisible();
  await expectNoAxeViolations(page, "glossary");

  // A school user never sees the plan.
  const schoolPage = await (await contextAs(browser, "school_user", url)).newPage();
  await schoolPage.goto("/plans");
  await expect(heading(schoolPage, "Plans")).toHaveCount(0);
  await context.close();
});
