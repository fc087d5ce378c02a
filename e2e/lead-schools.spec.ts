import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const londonToday = () =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
/** Messages the real SMTP peer (started by playwright.config.ts) received for an address. */
const delivered = (to: string): string[] => {
  const dir = process.env.TUTTI_E2E_MAIL_DIR;
  if (!dir) return [];
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), "utf8").replace(/=\r?\n/g, ""))
    .filter((m) => m.split("\r\n", 1)[0]?.includes(to));
};
const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n`),
});

test("a round from its public page to an appointed Lead School that closes a coverage gap", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const url = baseUrl(baseURL);
  const today = londonToday();
  const admin = await (await contextAs(browser, "hub_admin", url)).newPage();

  // The coverage shows the demo's gap: nobody leads composition and improvisation.
  const staff = await (await contextAs(browser, "hub_staff", url)).newPage();
  await staff.goto("/lead-schools/coverage");
  await expect(heading(staff, "Lead School coverage")).toBeVisible();
  const gap = "No Lead School leads composition and improvisation.";
  await expect(staff.getByRole("list", { name: "Gaps" }).getByText(gap)).toBeVisible();
  await expectNoAxeViolations(staff, "coverage matrix");

  // The hub admin opens a round whose whole timeline is today.
  await admin.goto("/lead-schools");
  await expect(heading(admin, "Lead Schools")).toBeVisible();
  await expectNoAxeViolations(admin, "Lead Schools list");
  await admin.getByRole("link", { name: "Recruitment rounds" }).click();
  await expect(heading(admin, "Recruitment rounds")).toBeVisible();
  await admin.getByRole("button", { name: "Open a round" }).click();
  await expectNoAxeViolations(admin, "round editor");
  const form = admin.getByRole("form", { name: "Open a round" });
  await form.getByRole("button", { name: "Open the round" }).click();
  await expect(form.getByText("Give the round a title")).toBeVisible();
  await form.getByLabel("Title").fill("Composition Lead School (journey)");
  for (const label of ["Applications close", "Schools told of the shortlist", "Visits from", "Announcement"])
    await form.getByLabel(label).fill(today);
  await form
    .getByLabel("Expectations of Lead Schools", { exact: false })
    .fill("Lead a network meeting a term");
  await form.getByRole("button", { name: "Open the round" }).click();
  await expect(heading(admin, "Composition Lead School (journey)")).toBeVisible();
  const roundId = admin.url().split("/").pop() ?? "";
  await expectNoAxeViolations(admin, "round page");

  // Its scoring criteria: one removed, one added (refused until it has a name), with its score.
  const criteria = admin.getByRole("form", { name: "Scoring criteria" });
  await criteria.getByRole("button", { name: "Remove criterion 5" }).click();
  await criteria.getByRole("button", { name: "Add a criterion" }).click();
  await criteria.getByRole("button", { name: "Save the criteria" }).click();
  await expect(criteria.getByText("Name the criterion")).toBeVisible();
  await expect(criteria.getByLabel("Criterion 5", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(admin, "criteria with a field error");
  await criteria.getByLabel("Criterion 5", { exact: true }).fill("Composition in the curriculum");
  await criteria.getByLabel("Highest score for criterion 5").fill("10");
  await criteria.getByRole("button", { name: "Save the criteria" }).click();
  await expect(criteria.getByText("The criteria are saved.")).toBeVisible();
  await expect(criteria.getByLabel("Criterion 4", { exact: true })).toHaveValue("Knowledge of local needs");
  await expect(admin.getByText("out of 30 in all")).toBeVisible();

  // Its panel: hub staff added, then saved.
  const panel = admin.getByRole("form", { name: "Panel" });
  await panel.getByLabel("Find a person to add").fill("Sam");
  await panel.getByRole("button", { name: "Add Sam Okafor to the panel" }).click();
  await panel.getByRole("button", { name: "Save the panel" }).click();
  await expect(panel.getByText("The panel is saved.")).toBeVisible();
  await admin.reload();
  await expect(
    admin.getByRole("list", { name: "Panel members" }).getByText("Sam Okafor", { exact: true }),
  ).toBeVisible();
  await expectNoAxeViolations(admin, "round page with its panel");

  // The school is invited to apply: a URN the hub does not have is refused by its field.
  const [member] = (
    (await (await admin.request.get("/api/users?q=school%40northshire")).json()) as {
      items: { schoolName: string | null }[];
    }
  ).items;
  const schoolName = member?.schoolName ?? "";
  const [listed] = (
    (await (await admin.request.get(`/api/schools?q=${encodeURIComponent(schoolName)}`)).json()) as {
      items: { urn: number }[];
    }
  ).items;
  const invite = admin.getByRole("form", { name: "Invite a school to apply" });
  await invite.getByLabel("School URN").fill("1");
  await invite.getByLabel("Name of the person").fill("Jo Whitfield");
  await invite.getByLabel("Their e-mail address").fill("school@northshire-hub.example");
  await invite.getByRole("button", { name: "Send the invitation" }).click();
  await expect(invite.getByText("No school of this hub has that URN").first()).toBeVisible();
  await invite.getByLabel("School URN").fill(String(listed?.urn ?? ""));
  await invite.getByRole("button", { name: "Send the invitation" }).click();
  await expect(invite.getByText(`${schoolName} is invited to apply`)).toBeVisible();

  // The invitation's link opens the school's application form.
  const school = await (await contextAs(browser, "school_user", url)).newPage();
  if (process.env.TUTTI_E2E_MAIL_DIR) {
    const applyPath = `/lead-schools/rounds/${roundId}/apply`;
    await expect
      .poll(() => delivered("school@northshire-hub.example").some((m) => m.includes(applyPath)), {
        timeout: 30_000,
      })
      .toBe(true);
    await school.goto(applyPath);
    await expect(heading(school, /Application: Composition Lead School/)).toBeVisible();
  }

  // The public round page, then the school applies from it.
  await school.goto(`/h/northshire/lead-school-rounds/${roundId}`);
  await expect(heading(school, "Composition Lead School (journey)")).toBeVisible();
  await expect(school.getByText("Lead a network meeting a term")).toBeVisible();
  await expectNoAxeViolations(school, "public round page");
  await school.getByRole("link", { name: "Apply as a school" }).click();
  await expect(heading(school, /Application: Composition Lead School/)).toBeVisible();
  await expect(school.getByRole("list", { name: "Still needed" })).toBeVisible();
  await expectNoAxeViolations(school, "application form");
  await school.getByLabel("Composition and improvisation").check();
  await school.getByLabel("Your track record").fill("Pupils compose for the school orchestra every term");
  await school.getByLabel("School Music Development Plan").setInputFiles(pdf("plan.pdf"));
  await expect(school.getByText("Uploaded: plan.pdf")).toBeVisible();
  await school.getByLabel("Letter of support from the senior leadership team").setInputFiles(pdf("slt.pdf"));
  await expect(school.getByText("Uploaded: slt.pdf")).toBeVisible();
  await school.getByLabel("Letter of support from the governors").setInputFiles(pdf("governors.pdf"));
  await expect(school.getByText("Uploaded: governors.pdf")).toBeVisible();
  await school.getByLabel("Letter of support from the multi-academy trust").setInputFiles(pdf("mat.pdf"));
  await expect(school.getByText("Uploaded: mat.pdf")).toBeVisible();
  await school.getByRole("button", { name: "Submit the application" }).click();
  await expect(school.getByText("Application submitted.")).toBeVisible();

  // The school's own Lead Schools page lists it (and, on no panel, nothing to review).
  await school.getByRole("link", { name: "Lead Schools", exact: true }).click();
  await expect(heading(school, "Lead Schools")).toBeVisible();
  const ours = school.getByRole("list", { name: "Your school's applications" });
  await expect(ours.getByRole("link", { name: "Composition Lead School (journey)" })).toBeVisible();
  await expect(ours.getByText("Submitted")).toBeVisible();
  await expect(school.getByText(/None: when the hub names you on a round's panel/)).toBeVisible();
  await expectNoAxeViolations(school, "school's Lead Schools page");

  // A reviewer scores it, seeing how the school would change the coverage.
  await staff.goto(`/lead-schools/rounds/${roundId}`);
  await staff.getByRole("table", { name: "Applications" }).getByRole("link").first().click();
  await expect(heading(staff, /^Review: /)).toBeVisible();
  await expect(
    staff.getByText(/would close \d+ gaps?: .*No Lead School leads composition and improvisation/),
  ).toBeVisible();
  await expectNoAxeViolations(staff, "review page");
  const scores = staff.getByRole("form", { name: "Your scores" });
  for (const label of await scores.getByLabel(/out of \d+/).all()) await label.fill("4");
  await scores.getByRole("button", { name: "Save my scores" }).click();
  await expect(staff.getByText("Your scores are saved.")).toBeVisible();

  // The hub admin shortlists, records the visit and appoints.
  await admin.goto(staff.url().replace(url, ""));
  await admin.getByLabel("Reason").fill("Strong composition across the school");
  await admin.getByRole("button", { name: "Shortlist" }).click();
  const visit = admin.getByRole("form", { name: "Visit record" });
  await visit.getByLabel("Visit date").fill(today);
  await visit.getByLabel("Lessons observed").fill("Year 5 composing in groups with tuned percussion");
  await visit.getByRole("button", { name: "Save the visit record" }).click();
  await expect(admin.getByText("The visit record is saved.")).toBeVisible();
  await expectNoAxeViolations(admin, "review page with the visit record");
  const appoint = admin.getByRole("form", { name: "Appoint" });
  await appoint.getByLabel("In office from").fill(today);
  await appoint.getByLabel("In office to").fill(`${Number(today.slice(0, 4)) + 3}${today.slice(4)}`);
  await appoint.getByRole("button", { name: "Appoint as a Lead School" }).click();
  await expect(
    admin.getByRole("heading", { level: 2, name: "Benefits, activities and reviews" }),
  ).toBeVisible();
  const name = (await heading(admin, /.+/).textContent()) ?? "";
  await expectNoAxeViolations(admin, "Lead School page");

  // Anyone sees it on the public Lead Schools page; the coverage gap is closed.
  const anyone = await (await browser.newContext({ baseURL: url })).newPage();
  await anyone.goto("/h/northshire/lead-schools");
  await expect(anyone.getByRole("cell", { name })).toBeVisible();
  await expectNoAxeViolations(anyone, "public Lead Schools page");
  await staff.goto("/lead-schools/coverage");
  await expect(heading(staff, "Lead School coverage")).toBeVisible();
  await expect(staff.getByRole("table")).toContainText(name);
  await expect(staff.getByText(gap)).toHaveCount(0);
});
