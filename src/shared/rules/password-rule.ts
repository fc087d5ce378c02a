import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-length";

/**
 * The password rule (decision 010), one for the server and the forms: at least PASSWORD_MIN
 * characters, not on a list of common passwords (the 49,000 of zxcvbn-ts's common list, shipped
 * in the npm package), and not containing the first part of the person's e-mail address.
 * Answers the reason a password is refused, in our own words, or undefined when it is fine.
 */
export { PASSWORD_MAX, PASSWORD_MIN };

/** Shorter local parts ("jo@…") would refuse too many good passwords to be worth it. */
const LOCAL_PART_MIN = 3;

let common: ReadonlySet<string> | undefined;
const commonPasswords = (): ReadonlySet<string> => {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
};

/**
 * The forms a common password takes when padded to reach a length: "Password2026!", "!!qwerty123",
 * "pass word" compared as the list writes them.
 */
const variants = (password: string): string[] => {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const compact = lower.replace(/[\s_.-]+/g, "");
  return [lower, trimmed, compact, compact.replace(/^[^a-z]+|[^a-z]+$/g, "")];
};

/** The reason a new password is refused, or undefined when it is fine. */
export const passwordProblem = (password: string, email?: string | null): string | undefined => {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  const list = commonPasswords();
  if (variants(password).some((v) => v.length > 0 && list.has(v)))
    return "This password is on a list of common passwords: choose one that is harder to guess";
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= LOCAL_PART_MIN && password.toLowerCase().includes(local))
    return "The password must not contain your e-mail address or its first part";
  return undefined;
};
