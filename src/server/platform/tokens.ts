import { createHash, createHmac, randomBytes } from "node:crypto";

/** A random URL-safe token for cookies and one-time links. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** What is stored for a token: never the token itself. */
export const hashToken = (token: string, secret?: string): string =>
  secret
    ? createHmac("sha256", secret).update(token).digest("hex")
    : createHash("sha256").update(token).digest("hex");
