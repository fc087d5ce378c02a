import escapeHtml from "escape-html";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { PlanStatus, PublicPlans } from "../../../shared/schemas/plans";

const e = escapeHtml;

/** RAG colours with text dark enough to read on them; the label is always written too. */
const BADGE: Record<PlanStatus, { bg: string; ink: string }> = {
  not_started: { bg: "#e5e7eb", ink: "#1f2937" },
  on_track: { bg: "#dcfce7", ink: "#14532d" },
  at_risk: { bg: "#fef3c7", ink: "#78350f" },
  off_track: { bg: "#fee2e2", ink: "#7f1d1d" },
  done: { bg: "#dbeafe", ink: "#1e3a8a" },
};

const badge = (status: PlanStatus, label: string) =>
  `<span class="badge" style="background:${BADGE[status].bg};color:${BADGE[status].ink}">${e(label)}</span>`;

type Plan = PublicPlans["plans"][number];

const targetsTable = (o: Plan["objectives"][number]) => {
  if (!o.targets.length) return "";
  const rows = o.targets
    .map(
      (t) =>
        `<tr><td>${e(t.text)}</td><td>${t.byWhen ? e(formatUkDate(t.byWhen)) : ""}</td><td>${
          t.value
            ? `${e(t.value)}${t.asOf ? ` <span class="muted">on ${e(formatUkDate(t.asOf))}</span>` : ""}`
            : ""
        }${t.goal ? `<br><span class="muted">Goal ${e(t.goal)}</span>` : ""}</td><td>${badge(t.status, t.statusLabel)}</td></tr>`,
    )
    .join("");
  return `<table><caption>Targets of objective ${o.number}</caption><thead><tr><th scope="col">Target</th><th scope="col">By when</th><th scope="col">Latest value</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table>`;
};

const planSection = (p: Plan, i: number) => `<section aria-labelledby="plan-${i + 1}">
<h2 id="plan-${i + 1}">${e(p.title)}</h2>
<p class="muted">${e(formatUkDate(p.startsOn))} to ${e(formatUkDate(p.endsOn))}${
  p.publishedOn ? `. Published ${e(formatUkDate(p.publishedOn))}` : ""
}.</p>
${p.summary ? `<p class="pre">${e(p.summary)}</p>` : ""}
${p.objectives
  .map(
    (o) => `<h3>${o.number}. ${e(o.title)} ${badge(o.status, o.statusLabel)}</h3>
${targetsTable(o)}`,
  )
  .join("\n")}
</section>`;

/** The hub's published plan(s) as plain, accessible HTML: no JavaScript, every value escaped. */
export const renderPublicPlans = (data: PublicPlans, slug: string): string => `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Our plan – ${e(data.hubName)}</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; line-height: 1.5; }
  header { background: #1f4e79; color: #fff; padding: 1.5rem 1rem; }
  header p { margin: 0; font-size: 0.9rem; }
  h1 { margin: 0.25rem 0 0; font-size: 1.75rem; }
  h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  a { color: #1e40af; }
  a:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
  caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
  th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  .badge { display: inline-block; padding: 0 0.5rem; border-radius: 0.75rem; font-size: 0.85rem; font-weight: 600; }
  .muted { color: #444; font-size: 0.9rem; }
  p.pre { white-space: pre-line; }
</style>
</head>
<body>
<header><p>${e(data.hubName)}</p><h1>Our plan for music education</h1></header>
<main>
${data.plans.length ? data.plans.map(planSection).join("\n") : "<p>The hub has not published a plan yet.</p>"}
<p><a href="/h/${e(slug)}">Back to ${e(data.hubName)}</a></p>
</main>
</body>
</html>
`;
