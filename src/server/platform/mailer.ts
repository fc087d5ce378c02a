import type { Db, DbOrTx } from "../db/client";
import { type MailAttachment, mailMessages } from "../db/schema/index";
import { enqueue } from "./jobs";

export type OutgoingMail = {
  hubId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Text files sent with the message (an .ics invitation…), stored on the row. */
  attachments?: MailAttachment[];
};

/** The task that sends one stored message (src/server/platform/mail-jobs.ts). */
export const SEND_MAIL_TASK = "mail:send";
/** Tries per message before it is marked failed (the queue backs off exponentially between them). */
export const SEND_MAIL_ATTEMPTS = 10;

export type Mailer = {
  /**
   * Stores the message. With SMTP it is `queued` and a job sends it (never while the caller
   * waits); without, it is `stored` for the outbox. On a transaction (see `within`), both the
   * message and its job exist only if the transaction commits.
   */
  send: (mail: OutgoingMail) => Promise<{ id: string; status: "stored" | "queued" }>;
  /** The same mailer writing on `db` (an open transaction). */
  within: (db: DbOrTx) => Mailer;
  transport: "smtp" | "outbox";
  close: () => void;
};

/** Queues the job that sends message `id` (on `db`, so in its transaction when it is one). */
export const enqueueMail = (db: DbOrTx, id: string): Promise<void> =>
  enqueue(db, SEND_MAIL_TASK, { messageId: id }, { maxAttempts: SEND_MAIL_ATTEMPTS });

/**
 * Every message is stored in `mail_messages`. With an SMTP URL a background job sends it and
 * the row says queued, sent or failed (with the SMTP error); without one, hub admins read the
 * outbox in the app.
 */
export const createMailer = (db: Db, opts: { smtpUrl: string | undefined; from: string }): Mailer => {
  const smtp = Boolean(opts.smtpUrl);
  // Inside the caller's transaction (`within`) the message and its job are written straight
  // into it (a savepoint would add two round trips and undo nothing the caller's rollback does
  // not); on the database itself, in a transaction of their own.
  const on = (handle: DbOrTx, inTransaction: boolean): Mailer => ({
    transport: smtp ? "smtp" : "outbox",
    close: () => {},
    within: (tx) => on(tx, true),
    send: (mail) => {
      const write = async (tx: DbOrTx) => {
        const status = smtp ? ("queued" as const) : ("stored" as const);
        const [row] = await tx
          .insert(mailMessages)
          .values({
            hubId: mail.hubId,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            attachments: mail.attachments?.length ? mail.attachments : null,
            status,
          })
          .returning({ id: mailMessages.id });
        if (!row) throw new Error("could not store the message");
        if (smtp) await enqueueMail(tx, row.id);
        return { id: row.id, status };
      };
      return inTransaction ? write(handle) : handle.transaction(write);
    },
  });
  return on(db, false);
};
