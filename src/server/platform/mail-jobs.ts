import { and, eq } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { mailMessages } from "../db/schema/index";
import type { JobRegistry } from "./jobs";
import { SEND_MAIL_TASK } from "./mailer";

/** An SMTP reply in the 5xx range: the peer refused the message for good, trying again is pointless. */
const isPermanent = (err: unknown): boolean => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

const smtpError = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).slice(0, 500) || "the SMTP server refused the message";

/**
 * `mail:send`: sends one queued message over SMTP. A failure that may pass (the server is down,
 * a 4xx reply) is kept on the row and thrown, so the queue tries again later with exponential
 * back-off; a 5xx refusal or the last try marks the message failed, for a hub admin to retry.
 */
export const registerMailJobs = (jobs: JobRegistry): void => {
  const transports = new Map<string, Transporter>();
  const transportFor = async (url: string, from: string): Promise<Transporter> => {
    let t = transports.get(url);
    if (!t) {
      // Loaded on the first message, not at every start (decision 014).
      const { default: nodemailer } = await import("nodemailer");
      t = nodemailer.createTransport(url, { from });
      transports.set(url, t);
    }
    return t;
  };

  jobs.registerTask(SEND_MAIL_TASK, async (payload, { deps, attempt, maxAttempts }) => {
    const id = (payload as { messageId?: unknown } | null)?.messageId;
    if (typeof id !== "string") return;
    const db = deps.db;
    const [message] = await db.select().from(mailMessages).where(eq(mailMessages.id, id)).limit(1);
    // Sent already, or no longer queued (deleted with its hub): nothing to do.
    if (message?.status !== "queued") return;
    const url = deps.config.smtpUrl;
    if (!url) {
      await db
        .update(mailMessages)
        .set({ status: "failed", error: "No SMTP server is configured (SMTP_URL)" })
        .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "queued")));
      return;
    }
    try {
      await (await transportFor(url, deps.config.mailFrom)).sendMail({
        from: deps.config.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    } catch (err) {
      const last = isPermanent(err) || attempt >= maxAttempts;
      await db
        .update(mailMessages)
        .set(last ? { status: "failed", error: smtpError(err) } : { error: smtpError(err) })
        .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "queued")));
      if (last) return;
      throw err;
    }
    await db
      .update(mailMessages)
      .set({ status: "sent", sentAt: deps.clock(), error: null })
      .where(eq(mailMessages.id, id));
  });
};
