export type ChangeKind = "added" | "removed" | "changed";

export interface FieldChange {
  field: string;
  kind: ChangeKind;
  before: string;
  after: string;
}

type Fields = Record<string, unknown> | null | undefined;

const EMPTY = "—";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A value as a person reads it: text as is, null as a dash, lists and objects as compact JSON. */
export const formatValue = (value: unknown): string => {
  if (value === undefined || value === null || value === "") return EMPTY;
  // An internal id is never shown: the entry's summary names what it points at.
  if (typeof value === "string") return UUID.test(value) ? "(set)" : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  // A list of ids (the people attending, say) is counted, not listed.
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && UUID.test(v)))
    return `${value.length} set`;
  try {
    return JSON.stringify(value).replace(UUID_ANYWHERE, "(set)");
  } catch {
    return String(value);
  }
};

/** "schoolId" → "School id", "last_sign_in_at" → "Last sign in at". */
export const humaniseField = (field: string): string => {
  const words = field
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The fields that differ between two records, in a stable order (fields of `before` first). */
export const diffRecords = (before: Fields, after: Fields): FieldChange[] => {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const inBefore = Object.hasOwn(b, field) && b[field] !== undefined;
    const inAfter = Object.hasOwn(a, field) && a[field] !== undefined;
    const beforeText = formatValue(b[field]);
    const afterText = formatValue(a[field]);
    if (inBefore && inAfter && beforeText === afterText) continue;
    if (!inBefore && !inAfter) continue;
    const kind: ChangeKind = !before
      ? "added"
      : !after
        ? "removed"
        : !inBefore
          ? "added"
          : !inAfter
            ? "removed"
            : "changed";
    changes.push({ field, kind, before: inBefore ? beforeText : EMPTY, after: inAfter ? afterText : EMPTY });
  }
  return changes;
};
