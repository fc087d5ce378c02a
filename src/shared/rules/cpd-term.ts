/**
 * School terms for CPD invoices and reach: autumn (September–December), spring
 * (January–March), summer (April–August), inside the academic year ("2025/26-autumn").
 */
export const TERMS = ["autumn", "spring", "summer"] as const;
export type TermName = (typeof TERMS)[number];
export const TERM_LABELS: Record<TermName, string> = { autumn: "Autumn", spring: "Spring", summer: "Summer" };

export const TERM_PATTERN = /^(\d{4})\/(\d{2})-(autumn|spring|summer)$/;

/** The term of a YYYY-MM-DD date, e.g. 2026-01-15 → "2025/26-spring". */
export const termOf = (day: string): string => {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const start = month >= 9 ? year : year - 1;
  const name: TermName = month >= 9 ? "autumn" : month <= 3 ? "spring" : "summer";
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}-${name}`;
};

/** The first and the last day of a term, or null when it is not one. */
export const termRange = (term: string): { from: string; to: string } | null => {
  const m = TERM_PATTERN.exec(term);
  if (!m) return null;
  const start = Number(m[1]);
  if ((start + 1) % 100 !== Number(m[2])) return null;
  const next = start + 1;
  if (m[3] === "autumn") return { from: `${start}-09-01`, to: `${start}-12-31` };
  if (m[3] === "spring") return { from: `${next}-01-01`, to: `${next}-03-31` };
  return { from: `${next}-04-01`, to: `${next}-08-31` };
};

/** "Spring 2025/26". */
export const termLabel = (term: string): string => {
  const m = TERM_PATTERN.exec(term);
  return m ? `${TERM_LABELS[m[3] as TermName]} ${m[1]}/${m[2]}` : term;
};
