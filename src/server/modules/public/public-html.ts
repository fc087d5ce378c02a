import escapeHtml from "escape-html";
import { textColourOn } from "../../../shared/rules/colour";
import type { PublicHub } from "../../../shared/schemas/public";

/**
 * A hub's public page as plain, accessible HTML: no JavaScript, no external assets, readable
 * by anyone and by search engines. Every value is escaped; the colour was checked as #rgb/#rrggbb.
 */
export const renderPublicHubPage = (hub: PublicHub): string => {
  const e = escapeHtml;
  const ink = textColourOn(hub.colour);
  const pages = hub.pages.length
    ? `<ul>${hub.pages.map((p) => `<li><a href="${e(p.href)}">${e(p.title)}</a></li>`).join("")}</ul>`
    : "<p>This hub has no public pages yet.</p>";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(hub.name)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; line-height: 1.5; }
  header { background: ${hub.colour}; color: ${ink}; padding: 1.5rem 1rem; }
  header p { margin: 0; font-size: 0.9rem; }
  h1 { margin: 0.25rem 0 0; font-size: 1.75rem; }
  main, footer { max-width: 48rem; margin: 0 auto; padding: 1rem; }
  a { color: #1e40af; }
  a:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  dt { font-weight: 600; }
  dd { margin: 0 0 0.75rem; }
  footer { color: #444; font-size: 0.875rem; }
</style>
</head>
<body>
<header>
<p>Music Education Hub</p>
<h1>${e(hub.name)}</h1>
</header>
<main>
<dl>
<dt>Area served</dt>
<dd>${hub.areaServed ? e(hub.areaServed) : "Not given"}</dd>
<dt>Contact</dt>
<dd>${hub.contactEmail ? `<a href="mailto:${e(hub.contactEmail)}">${e(hub.contactEmail)}</a>` : "Not given"}</dd>
</dl>
<h2>Public pages</h2>
${pages}
</main>
<footer>
<p>This page is public. Hub staff and schools <a href="/sign-in">sign in to Tutti</a>.</p>
</footer>
</body>
</html>
`;
};

/** The page for a public address that names no hub (404). */
export const renderPublicNotFoundPage = (): string => `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found</title>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>There is no hub at this address. Check the link you were given.</p>
</main>
</body>
</html>
`;
