import escapeHtml from "escape-html";
import type { z } from "zod";
import { SETTING_LABELS } from "../../../shared/rules/lead-school-coverage";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { PublicLeadSchools, PublicRound } from "../../../shared/schemas/lead-schools";

const e = escapeHtml;

const page = (title: string, hubName: string, body: string) => `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – ${e(hubName)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; line-height: 1.5; }
  header { background: #1f4e79; color: #fff; padding: 1.5rem 1rem; }
  header p { margin: 0; font-size: 0.9rem; }
  h1 { margin: 0.25rem 0 0; font-size: 1.75rem; }
  main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
  a { color: #1e40af; }
  a:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  .apply { display: inline-block; background: #1e40af; color: #fff; padding: 0.6rem 1rem; border-radius: 0.3rem; text-decoration: none; font-weight: 600; }
  p.pre { white-space: pre-line; }
</style>
</head>
<body>
<header><p>${e(hubName)}</p><h1>${e(title)}</h1></header>
<main>
${body}
</main>
</body>
</html>
`;

/** The public list of Lead Schools, with their focus areas and area, and the open rounds. */
export const renderPublicLeadSchools = (data: z.infer<typeof PublicLeadSchools>, slug: string): string => {
  const rows = data.leadSchools
    .map(
      (l) =>
        `<tr><td>${e(l.schoolName)}</td><td>${e(l.area ?? "")}</td><td>${l.focusAreas.map((f) => e(f.label)).join(", ")}</td><td>${e(formatUkDate(l.to))}</td></tr>`,
    )
    .join("");
  const rounds = data.openRounds.length
    ? `<h2>Apply to become a Lead School</h2><ul>${data.openRounds
        .map(
          (r) =>
            `<li><a href="/h/${e(slug)}/lead-school-rounds/${e(r.id)}">${e(r.title)}</a> (applications close ${e(formatUkDate(r.closesOn))})</li>`,
        )
        .join("")}</ul>`
    : "";
  const table = data.leadSchools.length
    ? `<table><caption>Lead Schools in office</caption><thead><tr><th scope="col">School</th><th scope="col">Area</th><th scope="col">Focus areas</th><th scope="col">Until</th></tr></thead><tbody>${rows}</tbody></table>`
    : "<p>The hub has no Lead Schools in office yet.</p>";
  return page("Lead Schools", data.hubName, `${table}${rounds}`);
};

/** A round's public page: its timeline, what it looks for, expectations, benefits, and the way to apply. */
export const renderPublicRound = (r: z.infer<typeof PublicRound>): string => {
  const wanted = [...r.areasWanted.map((a) => a.name), ...r.settingsWanted.map((s) => SETTING_LABELS[s])];
  const body = `
<h2>Timeline</h2>
<dl>
<dt>Applications close</dt><dd>${e(formatUkDate(r.closesOn))}</dd>
<dt>Schools told of the shortlist</dt><dd>${e(formatUkDate(r.shortlistOn))}</dd>
<dt>Visits from</dt><dd>${e(formatUkDate(r.visitsFrom))}</dd>
<dt>Lead Schools announced</dt><dd>${e(formatUkDate(r.announceOn))}</dd>
</dl>
<h2>What we are looking for</h2>
<p class="pre">${e(r.lookingFor || "Schools of every kind and area.")}</p>
${wanted.length ? `<p>We especially welcome: ${wanted.map(e).join(", ")}.</p>` : ""}
<h2>What we expect of Lead Schools</h2>
<p class="pre">${e(r.expectations || "See the hub for details.")}</p>
<h2>What Lead Schools receive</h2>
<p class="pre">${e(r.benefits || "See the hub for details.")}</p>
${
  r.stage === "open"
    ? `<p><a class="apply" href="${e(r.applyHref)}">Apply as a school</a></p><p>Sign in with your school's Tutti account to apply. Your application is saved as you go.</p>`
    : `<p>Applications closed on ${e(formatUkDate(r.closesOn))}.</p>`
}`;
  return page(r.title, r.hubName, body);
};
