import escapeHtml from "escape-html";
import { HEX_COLOUR, textColourOn } from "../../../shared/rules/colour";
import { QM_LEVEL_LABELS, QM_LEVELS } from "../../../shared/rules/quality-mark";
import type { PublicQualityMark } from "../../../shared/schemas/quality-mark";

const e = escapeHtml;
const DEFAULT_COLOUR = "#1f4e79";

/**
 * GET /h/:slug/quality-mark: the hub's schools holding a current award, a table per level
 * (highest first), with the URN and the academic year of the award only (decision 018: plain
 * HTML, no JavaScript, every value escaped, the colour only when it is #rgb/#rrggbb).
 */
export const renderPublicQualityMark = (
  hub: { name: string; slug: string; colour: string },
  data: PublicQualityMark,
): string => {
  const colour = HEX_COLOUR.test(hub.colour) ? hub.colour : DEFAULT_COLOUR;
  const levels = [...QM_LEVELS].reverse().filter((l) => data.items.some((i) => i.level === l));
  const tables = levels
    .map((l) => {
      const rows = data.items
        .filter((i) => i.level === l)
        .map(
          (i) =>
            `<tr><th scope="row">${e(i.schoolName)}</th><td>${e(String(i.urn))}</td><td>${e(i.academicYear)}</td></tr>`,
        )
        .join("");
      const n = data.items.filter((i) => i.level === l).length;
      return `<section aria-labelledby="level-${l}">
<h2 id="level-${l}">${e(QM_LEVEL_LABELS[l])} (${n} ${n === 1 ? "school" : "schools"})</h2>
<table><caption>Schools holding the ${e(QM_LEVEL_LABELS[l])} quality mark</caption>
<thead><tr><th scope="col">School</th><th scope="col">URN</th><th scope="col">Awarded in</th></tr></thead>
<tbody>${rows}</tbody></table>
</section>`;
    })
    .join("\n");
  const body = data.items.length
    ? `<p>These schools hold a current music quality mark from ${e(hub.name)}, by level. An award lasts for a number of academic years from the year it was made.</p>\n${tables}`
    : "<p>No school holds a current quality mark from this hub yet.</p>";
  const title = "Schools holding the music quality mark";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – ${e(hub.name)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; line-height: 1.5; }
  header { background: ${colour}; color: ${textColourOn(colour)}; padding: 1.5rem 1rem; }
  header p { margin: 0; font-size: 0.9rem; }
  h1 { margin: 0.25rem 0 0; font-size: 1.75rem; }
  main, footer { max-width: 48rem; margin: 0 auto; padding: 1rem; }
  a { color: #1e40af; }
  a:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
  caption { text-align: left; color: #444; font-size: 0.9rem; padding-bottom: 0.25rem; }
  th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  tbody th { font-weight: 400; }
  footer { color: #444; font-size: 0.875rem; }
</style>
</head>
<body>
<header><p>${e(hub.name)}</p><h1>${e(title)}</h1></header>
<main>
${body}
</main>
<footer>
<p><a href="/h/${e(hub.slug)}">${e(hub.name)}: public pages</a></p>
</footer>
</body>
</html>
`;
};
