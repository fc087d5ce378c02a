import { expect, type Page, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { contextAs } from "./fixtures";

const baseUrl = (url: string | undefined): string => {
  if (!url) throw new Error("baseURL is not configured");
  return url;
};
const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

test("hub staff see the RAG board, and confirm a school's suggested rating with a reason on its profile", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const url = baseUrl(baseURL);
  const staff = await (await contextAs(browser, "hub_staff", url)).newPage();
  await staff.goto("/");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagement" }).click();
  await staff
    .getByRole("navigation", { name: "Engagement" })
    .getByRole("link", { name: "RAG board" })
    .click();
  await expect(heading(staff, "RAG board")).toBeVisible();
  await expect(staff.getByRole("heading", { level: 2, name: "Not yet rated" })).toBeVisible();
  await expectNoAxeViolations(staff, "RAG board");

  await staff.getByLabel("Rating").selectOption({ label: "Not yet rated" });
  const unrated = staff.getByRole("region", { name: "Not yet rated" }).getByRole("link").first();
  const name = (await unrated.textContent()) ?? "";
  await unrated.click();
  await expect(heading(staff, name)).toBeVisible();
  const panel = staff.getByRole("region", { name: "RAG rating" });
  await expect(panel.getByText("Not yet rated")).toBeVisible();
  await expect(panel.getByRole("list", { name: "Criteria" })).toBeVisible();
  await expectNoAxeViolations(staff, "school profile with the RAG panel");

  // Without a reason the rating is refused, in our words.
  await panel.getByRole("button", { name: "Confirm rating" }).click();
  await expect(panel.getByText("Give a reason for the rating")).toBeVisible();
  await panel.getByLabel("Reason").fill("Talked with the head: the suggestion fits");
  await panel.getByRole("button", { name: "Confirm rating" }).click();
  const history = panel.getByRole("list", { name: "Rating history" });
  await expect(history.getByText("Talked with the head: the suggestion fits")).toBeVisible();
  await expect(panel.getByText("Not yet rated")).toHaveCount(0);
  await expectNoAxeViolations(staff, "school profile after rating");

  // A school user never reaches the board.
  const school = await (await contextAs(browser, "school_user", url)).newPage();
  await school.goto("/engagement/rag");
  await expect(heading(school, "RAG board")).toHaveCount(0);
});
