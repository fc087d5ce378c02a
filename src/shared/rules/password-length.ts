/**
 * The length part of the password rule (password-rule.ts), apart so that the schemas the app
 * shell loads do not pull in the list of common passwords.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
