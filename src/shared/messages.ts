import { z } from "zod";

/**
 * Tutti's one message map: every validation problem a person reads, on the server and in forms,
 * is worded here, never in zod's own words ("Too big: expected string to have <=200 characters").
 * Messages written on a schema (`.min(12, "Use at least 12 characters")`) still win.
 */

/** Field names as people say them, for the raw keys of the contracts. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  email: "Email address",
  password: "Password",
  currentPassword: "Current password",
  newPassword: "New password",
  token: "Link",
  role: "Role",
  phone: "Phone number",
  jobTitle: "Job title",
  notes: "Notes",
  q: "Search",
  urn: "URN",
  postcode: "Postcode",
  postcodePrefixes: "Postcode prefixes",
  academicYear: "Academic year",
  page: "Page",
  pageSize: "Rows per page",
  schoolId: "School",
  linkOfficerId: "Link officer",
  areaId: "Area",
  tags: "Tags",
  slug: "Short name",
  hubId: "Hub",
  reason: "Reason",
};

/** The words for one field: its label, else its key spelt out ("jobTitle" → "Job title"). */
export const fieldLabel = (path: ReadonlyArray<PropertyKey> | undefined): string => {
  const key = [...(path ?? [])].reverse().find((p): p is string => typeof p === "string");
  if (!key) return "This value";
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  url: "must be a full web address, like https://example.org",
  uuid: "is not a valid reference",
  date: "must be a date",
  datetime: "must be a date and time",
  regex: "is not in the right form",
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: "must be a number",
  int: "must be a whole number",
  string: "must be text",
  boolean: "must be yes or no",
  array: "must be a list",
  object: "is missing",
  date: "must be a date",
};

const plural = (n: number | bigint, one: string, many: string): string =>
  `${n} ${Number(n) === 1 ? one : many}`;

/** A plain sentence for one zod issue. */
export const plainMessage = (issue: z.core.$ZodRawIssue): string => {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "string")
        return `${label} must be ${plural(max, "character", "characters")} or fewer`;
      if (issue.origin === "array" || issue.origin === "set")
        return `${label} can have ${plural(max, "item", "items")} at most`;
      if (issue.origin === "file") return `${label} is too large`;
      return `${label} must be ${max.toLocaleString("en-GB")} or less`;
    }
    case "too_small": {
      const min = issue.minimum;
      if (issue.origin === "string")
        return Number(min) <= 1
          ? `Enter ${label.toLowerCase()}`
          : `${label} must be at least ${min} characters`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choose at least ${plural(min, "item", "items")} for ${label.toLowerCase()}`;
      if (Number(min) === 0) return `${label} cannot be negative`;
      return `${label} must be ${min.toLocaleString("en-GB")} or more`;
    }
    case "invalid_type":
      if (issue.input === undefined || issue.input === null)
        return issue.expected === "object" ? "Some information is missing" : `Enter ${label.toLowerCase()}`;
      return `${label} ${TYPE_WORDS[issue.expected] ?? "is not valid"}`;
    case "invalid_format":
      if (issue.format === "email") return "Enter an email address, like name@example.org";
      return `${label} ${FORMAT_WORDS[issue.format] ?? "is not in the right form"}`;
    case "invalid_value":
      return issue.values.length <= 6
        ? `${label} must be one of: ${issue.values.map(String).join(", ")}`
        : `${label} is not one of the choices`;
    case "not_multiple_of":
      return issue.divisor === 1 ? `${label} must be a whole number` : `${label} is not valid`;
    case "unrecognized_keys":
      return `${issue.keys.map((k) => fieldLabel([k])).join(", ")} cannot be set here`;
    default:
      return `${label} is not valid`;
  }
};

/**
 * A label as it reads inside a sentence: first letter lower case, but an initialism stays as it
 * is ("Music lead" → "music lead", "SLT member for music" stays).
 */
export const inSentence = (label: string): string => {
  const firstWord = label.split(/\s/)[0] ?? "";
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase() && /[A-Z]/.test(firstWord)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
};

let installed = false;

/** Makes the map zod's wording for every schema, once per process or page. */
export const installPlainMessages = (): void => {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => plainMessage(issue) });
};

installPlainMessages();
