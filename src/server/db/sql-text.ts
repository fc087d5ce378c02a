/** Escapes `%`, `_` and `\` so a person's search text matches literally in LIKE / ILIKE. */
export const escapeLike = (s: string): string => s.replace(/[%_\\]/g, "\\$&");

/** A LIKE pattern matching values that contain `s` anywhere. */
export const containsPattern = (s: string): string => `%${escapeLike(s)}%`;

/** The same server URL, naming another database. */
export const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};
