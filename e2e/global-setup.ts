import type { FullConfig } from "@playwright/test";

/**
 * Runs after the web server is up (Playwright starts `webServer` first): checks that the server
 * answers as Tutti, so a wrong port or a stale server fails with one clear message.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL ?? process.env.TUTTI_E2E_BASE_URL;
  if (!baseURL)
    throw new Error("No base URL: set TUTTI_E2E_BASE_URL or let playwright.config.ts start the server");
  const response = await fetch(`${baseURL}/api/health`);
  if (!response.ok) throw new Error(`Tutti at ${baseURL} is not healthy: HTTP ${response.status}`);
  const page = await fetch(`${baseURL}/sign-in`);
  const html = await page.text();
  if (!html.includes('id="root"')) {
    throw new Error(`${baseURL}/sign-in does not serve the web app: run \`npm run build\` first`);
  }
}
