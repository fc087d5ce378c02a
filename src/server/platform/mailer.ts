import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/client";
import { mailMessages } from "../db/schema/index";

export type OutgoingMail = { hubId: string | null; to: string; subject: string; text: string; html?: string };

export type Mailer = {
  /** Stores the message and, when SMTP is configured, sends it. Never throws for a send failure. */
  send: (mail: OutgoingMail) => Promise<{ id: string; status: "stored" | "sent" | "failed" }>;
  transport: "smtp" | "outbox";
  close: () => void;
};

/**
 * Every message is stored in `mail_messages`; with an SMTP URL it is also sent, and its row
 * says whether it was. Without one, hub admins read the outbox in the app.
 */
export const createMailer = (db: Db, opts: { smtpUrl: string | undefined; from: string }): Mailer => {
  const transporter = opts.smtpUrl
    ? nodemailer.createTransport(opts.smtpUrl, { from: opts.from })
    : undefined;
  return {
    transport: transporter ? "smtp" : "outbox",
    close: () => transporter?.close(),
    send: async (mail) => {
      const [row] = await db
        .insert(mailMessages)
        .values({ hubId: mail.hubId, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html })
        .returning({ id: mailMessages.id });
      if (!row) throw new Error("could not store the message");
      if (!transporter) return { id: row.id, status: "stored" };
      try {
        await transporter.sendMail({
          from: opts.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
        await db
          .update(mailMessages)
          .set({ status: "sent", sentAt: new Date() })
          .where(eq(mailMessages.id, row.id));
        return { id: row.id, status: "sent" };
      } catch (err) {
        await db
          .update(mailMessages)
          .set({ status: "failed", error: (err as Error).message.slice(0, 500) })
          .where(eq(mailMessages.id, row.id));
        return { id: row.id, status: "failed" };
      }
    },
  };
};
