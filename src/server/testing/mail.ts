import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { mailMessages } from "../db/schema/index";

/** The newest message to an address whose subject matches, waiting for mail written after an answer. */
export const waitForMail = async (db: Db, to: string, subject: RegExp, timeoutMs = 5000) => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, to))
      .orderBy(desc(mailMessages.createdAt));
    const found = rows.find((r) => subject.test(r.subject));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${subject}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Every message to an address, newest first. */
export const mailsTo = (db: Db, to: string, hubId?: string) =>
  db
    .select()
    .from(mailMessages)
    .where(hubId ? and(eq(mailMessages.to, to), eq(mailMessages.hubId, hubId)) : eq(mailMessages.to, to))
    .orderBy(desc(mailMessages.createdAt));

/** The token of the first link in a text. */
export const tokenIn = (text: string): string => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
