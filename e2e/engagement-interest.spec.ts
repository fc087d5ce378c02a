import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs, DEMO_USERS } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });
const AUDIT = "Pre-visit music audit";

type Question = { id: string; kind: string; options?: { value: string }[] };
type Definition = { sections: { questions: Question[] }[] };

/** An answer to every question of the audit, as a school would give. */
const answersFor = (d: Definition): Record<string, string | number> => {
  const out: Record<string, string | number> = {};
  for (const q of d.sections.flatMap((s) => s.questions)) {
    if (q.kind === "yes_no") out[q.id] = "yes";
    else if (q.kind === "scale") out[q.id] = 3;
    else if (q.kind === "number") out[q.id] = 45;
    else if (q.kind === "single_choice") out[q.id] = q.options?.[0]?.value ?? "";
    else out[q.id] = "Weekly singing assemblies and a recorder club";
  }
  return out;
};

test("a school asks for a visit, hub staff accept it into a phase, the school submits its audit and the hub reads it", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const url = baseUrl(baseURL);

  // The school user: their audits, then the ask-for-a-visit form.
  const school = await (await contextAs(browser, "school_user", url)).newPage();
  await school.goto("/");
  await school
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Audits and visits" })
    .click();
  await expect(heading(school, "Your audits")).toBeVisible();
  await expect(school.getByRole("button", { name: `Start ${AUDIT}` })).toBeVisible();
  await expectNoAxeViolations(school, "your audits");
  await school.getByRole("link", { name: "Ask for a visit" }).click();
  await expect(heading(school, "Ask for a visit")).toBeVisible();
  await expectNoAxeViolations(school, "ask for a visit");
  await school.getByLabel("To be visited in the next phase").check();
  await school.getByLabel("Contact e-mail address").fill("not an address");
  await school.getByRole("button", { name: "Send to the hub" }).click();
  await expect(school.getByText("Enter a valid e-mail address")).toBeVisible();
  await expectNoAxeViolations(school, "ask for a visit, with an error");
  await school.getByLabel("Contact e-mail address").fill("");
  await school.getByLabel("Anything the hub should know").fill("Our new music lead would welcome a visit.");
  await school.getByRole("button", { name: "Send to the hub" }).click();
  await expect(school.getByText(`the hub will answer`, { exact: false })).toBeVisible();
  await expect(school.getByText("Waiting for an answer").first()).toBeVisible();

  // Hub staff: phases, then the expressions of interest; accept into this year's phase.
  const staff = await (await contextAs(browser, "hub_staff", url)).newPage();
  await staff.goto("/");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Phases" }).click();
  await expect(heading(staff, "Phases")).toBeVisible();
  await expectNoAxeViolations(staff, "phases");
  const phaseName = (await staff.getByRole("rowheader").first().textContent())?.trim() ?? "";
  expect(phaseName).toMatch(/^Phase 2, /);
  await staff.getByRole("link", { name: "Expressions of interest" }).click();
  await expect(heading(staff, "Expressions of interest")).toBeVisible();
  await expectNoAxeViolations(staff, "expressions of interest");
  const row = staff.getByRole("row").filter({ hasText: DEMO_USERS.school_user });
  await expect(row).toHaveCount(1);
  const schoolName = ((await row.getByRole("rowheader").textContent()) ?? "").replace(/ \(\d+\)$/, "");
  await row.getByRole("button", { name: /^Accept/ }).click();
  const dialog = staff.getByRole("dialog");
  await dialog.getByLabel("Into a phase").selectOption({ label: phaseName });
  await expectNoAxeViolations(staff, "accept dialog");
  await dialog.getByRole("button", { name: "Accept" }).click();
  await expect(staff.getByText(`${schoolName}: accepted into ${phaseName}`)).toBeVisible();

  await staff.goto("/engagement/phases");
  await staff.getByRole("link", { name: phaseName }).click();
  await expect(heading(staff, phaseName)).toBeVisible();
  const schoolRow = staff.getByRole("row").filter({ hasText: schoolName });
  await expect(schoolRow.getByRole("cell", { name: "Its own interest" })).toBeVisible();
  // The phase's coverage: its schools, which were visited during it.
  await expect(staff.getByRole("heading", { name: "Coverage of this phase" })).toBeVisible();
  await expect(staff.getByTestId("phase-coverage-visited")).toHaveText(/^\d+ of \d+ visited \(/);
  const covered = staff
    .getByRole("table", { name: /The phase's schools/ })
    .getByRole("row")
    .filter({ hasText: schoolName });
  await expect(covered).toHaveCount(1);
  await expectNoAxeViolations(staff, "phase");

  // The school completes its audit: started from "Your audits", answered, submitted.
  await school.goto("/engagement/my-audits");
  await school.getByRole("button", { name: `Start ${AUDIT}` }).click();
  await expect(heading(school, AUDIT)).toBeVisible();
  await expectNoAxeViolations(school, "the audit");
  const responseId = school.url().split("/").pop() ?? "";
  const me = await school.request.get("/api/me");
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await school.request.get(`/api/questionnaires/responses/${responseId}`);
  const { definition } = (await response.json()) as { definition: Definition };
  const saved = await school.request.patch(`/api/questionnaires/responses/${responseId}`, {
    data: { answers: answersFor(definition) },
    headers: { "x-csrf-token": csrfToken },
  });
  expect(saved.status()).toBe(200);
  await school.reload();
  await school.getByRole("button", { name: "Submit" }).click();
  await expect(school.getByText("Submitted", { exact: false }).first()).toBeVisible();
  await school.goto("/engagement/my-audits");
  await expect(school.getByRole("cell", { name: "Submitted" }).first()).toBeVisible();

  // Hub staff see the submitted audit from the phase page.
  await staff.reload();
  await staff.getByRole("link", { name: `Submitted for ${schoolName}` }).click();
  await expect(heading(staff, `Audits of ${schoolName}`)).toBeVisible();
  await expect(staff.getByRole("cell", { name: "Submitted" }).first()).toBeVisible();
  await expectNoAxeViolations(staff, "a school's audits");
});

test("anyone can ask for a visit through the hub's public form, without JavaScript", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const url = baseUrl(baseURL);
  const staff = await contextAs(browser, "hub_staff", url);
  const phases = (await (await staff.request.get("/api/engagement/phases")).json()) as { id: string }[];
  const last = phases[phases.length - 1];
  if (!last) throw new Error("no demo phase");
  const phase = (await (await staff.request.get(`/api/engagement/phases/${last.id}`)).json()) as {
    schoolList: { urn: number }[];
  };
  const urn = phase.schoolList[0]?.urn;
  if (!urn) throw new Error("no school in the demo phase");

  const fill = async (page: Page, schoolUrn: string, kind: string) => {
    await page.getByLabel("Your school's URN").fill(schoolUrn);
    await page.getByLabel(kind).check();
    await page.getByLabel("Your name").fill("Casey Fictional");
    await page.getByLabel("Your e-mail address").fill("casey@school.example");
    await page.getByRole("button", { name: /^Send to/ }).click();
  };

  // Without JavaScript: refused for an unknown URN, then sent.
  const noScript = await browser.newContext({ baseURL: url, javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto("/h/northshire");
  await page.getByRole("link", { name: /Ask for a school visit/ }).click();
  await expect(heading(page, "Music in your school")).toBeVisible();
  await fill(page, "123", "To be visited in the next phase");
  await expect(page.getByText("We could not find an open school with that URN")).toBeVisible();
  await page.getByRole("link", { name: "Back to the form" }).click();
  await fill(page, String(urn), "To support other schools");
  await expect(heading(page, "Thank you")).toBeVisible();
  await noScript.close();

  // The same pages pass axe (axe itself needs JavaScript; the pages have none).
  const checked = await (await browser.newContext({ baseURL: url })).newPage();
  await checked.goto("/h/northshire/interest");
  await expectNoAxeViolations(checked, "public interest form");
  await fill(checked, "123", "To be visited in the next phase");
  await expect(checked.getByText("We could not find an open school with that URN")).toBeVisible();
  await expectNoAxeViolations(checked, "public form refused");
  await checked.getByRole("link", { name: "Back to the form" }).click();
  await fill(checked, String(urn), "To be visited in the next phase");
  await expect(heading(checked, "Thank you")).toBeVisible();
  await expectNoAxeViolations(checked, "public form sent");
});
