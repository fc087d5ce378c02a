import { z } from "zod";
import { PageQuery } from "./common";

export const MAIL_STATUSES = ["stored", "queued", "sent", "failed"] as const;
export const MailStatus = z.enum(MAIL_STATUSES);
export type MailStatus = z.infer<typeof MailStatus>;

export const OutboxMessage = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: MailStatus,
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxListQuery = PageQuery.extend({ status: MailStatus.optional() });
