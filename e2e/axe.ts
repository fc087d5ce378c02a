import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails with each WCAG 2.1 A/AA violation's id, help text and targets. */
export const expectNoAxeViolations = async (page: Page, context?: string): Promise<void> => {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const report = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(report, `axe violations${context ? ` on ${context}` : ""} at ${page.url()}`).toEqual([]);
};
