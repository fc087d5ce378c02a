import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { and, eq } from "drizzle-orm";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailMessages } from "../db/schema/index";
import { appJobs } from "../jobs";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { startSmtpPeer as startSmtp } from "../testing/smtp-peer";
import { eventIcs, icsContentType } from "./calendar";
import { contextFor, inTransaction } from "./context";
import { enqueue, startWorker } from "./jobs";
import { SEND_MAIL_TASK } from "./mailer";

/** A loopback port nothing listens on (yet). */
const freePort = async (): Promise<number> => {
  const s = createServer().listen(0, "127.0.0.1");
  await once(s, "listening");
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
};

const waitFor = async <T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const messageRow = async (env: TestEnv, id: string) =>
  (await env.db.select().from(mailMessages).where(eq(mailMessages.id, id)))[0];

const rowWhen = (env: TestEnv, id: string, ok: (r: typeof mailMessages.$inferSelect) => boolean) =>
  waitFor(`message ${id}`, async () => {
    const r = await messageRow(env, id);
    return r && ok(r) ? r : undefined;
  });

const pendingMailJobs = async (env: TestEnv): Promise<number> => {
  const res = await env.pool.query<{ n: number }>(
    "select count(*)::int as n from graphile_worker.jobs where task_identifier = 'mail:send'",
  );
  return res.rows[0]?.n ?? -1;
};

describe("mail sent by a background job over SMTP", () => {
  let port: number;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  let env: TestEnv;
  beforeAll(async () => {
    port = await freePort();
    env = await createTestEnv({ config: { smtpUrl: `smtp://127.0.0.1:${port}` }, worker: true });
  });
  afterAll(async () => {
    await env.close();
    await smtp?.close();
  });

  it("answers at once while the SMTP server is down, and delivers exactly once when it is back", async () => {
    const hub = await seedHub(env.db, "down");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const res = await admin.post("/api/users/invitations", {
      email: "late.person@example.test",
      name: "Lee Late",
      role: "hub_staff",
    });
    expect(res.statusCode).toBe(201);
    const [row] = await env.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "late.person@example.test"));
    if (!row) throw new Error("no message row");
    // The first try fails (nothing listens): the row keeps the error and stays queued.
    const failedOnce = await rowWhen(env, row.id, (r) => r.error !== null);
    expect(failedOnce.status).toBe("queued");
    expect(failedOnce.error).toMatch(/ECONNREFUSED/);

    smtp = await startSmtp(port);
    const sent = await rowWhen(env, row.id, (r) => r.status === "sent");
    expect(sent.sentAt).not.toBeNull();
    expect(sent.error).toBeNull();
    const outbox = await admin.get("/api/outbox?status=sent");
    expect(outbox.json().items.map((m: { id: string }) => m.id)).toContain(row.id);

    expect(await pendingMailJobs(env)).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    const mails = smtp.to("late.person@example.test");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.data).toContain(`Subject: You are invited to ${hub.name} on Tutti`);
    expect(mails[0]?.data.replace(/=\r?\n/g, "")).toContain("/invitations/accept?token=");
  });

  it("marks a refused message failed with the SMTP error, and a hub admin sends it again", async () => {
    if (!smtp) throw new Error("the SMTP peer is not up");
    const peer = smtp;
    const hub = await seedHub(env.db, "refused");
    peer.state.reject = true;
    const { id } = await env.deps.mailer.send({
      hubId: hub.id,
      to: "refused@example.test",
      subject: "Hello",
      text: "Body",
    });
    const failed = await rowWhen(env, id, (r) => r.status === "failed");
    expect(failed.error).toMatch(/mailbox unavailable/);
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const listed = await admin.get("/api/outbox?status=failed");
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id, status: "failed", error: expect.stringMatching(/550/) }),
    ]);

    peer.state.reject = false;
    const res = await admin.post(`/api/outbox/${id}/retry`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: "queued", error: null });
    await rowWhen(env, id, (r) => r.status === "sent");
    expect(peer.to("refused@example.test")).toHaveLength(1);
    const audit = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "mail_message"), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.after)).toEqual([{ status: "queued" }]);

    // Sent now: nothing to retry.
    const again = await admin.post(`/api/outbox/${id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/sent, not failed/);
  });

  it("lets only a hub admin of the message's hub retry it", async () => {
    if (!smtp) throw new Error("the SMTP peer is not up");
    const peer = smtp;
    const hub = await seedHub(env.db, "who");
    const other = await seedHub(env.db, "who-else");
    peer.state.reject = true;
    const { id } = await env.deps.mailer.send({
      hubId: hub.id,
      to: "who@example.test",
      subject: "S",
      text: "T",
    });
    await rowWhen(env, id, (r) => r.status === "failed");
    peer.state.reject = false;

    const anon = await env.app.inject({ method: "POST", url: `/api/outbox/${id}/retry` });
    expect(anon.statusCode).toBe(401);
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await staff.post(`/api/outbox/${id}/retry`)).statusCode).toBe(403);
    const otherAdmin = await signInAs(env.app, other.users.hub_admin.email);
    const cross = await otherAdmin.post(`/api/outbox/${id}/retry`);
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain("who@example.test");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const bad = await admin.post("/api/outbox/not-a-uuid/retry");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("That is not a message id");
    expect((await messageRow(env, id))?.status).toBe("failed");
    expect(peer.to("who@example.test")).toHaveLength(0);
  });

  it("delivers a message's attachments (an .ics invitation) as MIME parts a calendar program can read", async () => {
    if (!smtp) throw new Error("the SMTP peer is not up");
    const peer = smtp;
    const hub = await seedHub(env.db, "attached");
    const ics = eventIcs({
      event: {
        uid: "visit-test@tutti",
        sequence: 0,
        status: "confirmed",
        start: new Date("2026-03-24T10:30:00Z"),
        end: new Date("2026-03-24T11:30:00Z"),
        summary: "Visit",
        updatedAt: new Date("2026-03-01T00:00:00Z"),
      },
      method: "request",
      organizer: { name: "Hub", email: "hub@example.test" },
      calendarName: "Hub",
      now: new Date("2026-03-01T00:00:00Z"),
    });
    const { id } = await env.deps.mailer.send({
      hubId: hub.id,
      to: "invitee@example.test",
      subject: "Visit",
      text: "See the invitation",
      attachments: [{ filename: "visit.ics", contentType: icsContentType("request"), content: ics }],
    });
    await rowWhen(env, id, (r) => r.status === "sent");
    const data = peer.to("invitee@example.test")[0]?.data ?? "";
    const part =
      /Content-Type: text\/calendar; charset=utf-8; method=REQUEST[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(
        data,
      );
    expect(data).toContain("filename=visit.ics");
    const raw = part?.[1] ?? "";
    const decoded = /Content-Transfer-Encoding: base64/.test(data)
      ? Buffer.from(raw.replace(/\s+/g, ""), "base64").toString("utf8")
      : raw
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    const parsed = ical.sync.parseICS(decoded);
    expect(parsed.vcalendar).toMatchObject({ method: "REQUEST" });
    expect(Object.values(parsed).some((c) => c?.type === "VEVENT" && c.uid === "visit-test@tutti")).toBe(
      true,
    );
  });
});

describe("mail queued in the caller's transaction", () => {
  let env: TestEnv;
  beforeAll(async () => {
    // No worker: a queued job stays in the queue for the test to see.
    env = await createTestEnv({ config: { smtpUrl: `smtp://127.0.0.1:${await freePort()}` } });
  });
  afterAll(() => env.close());

  const jobsFor = async (id: string): Promise<number> => {
    const res = await env.pool.query<{ n: number }>(
      "select count(*)::int as n from graphile_worker._private_jobs where payload->>'messageId' = $1",
      [id],
    );
    return res.rows[0]?.n ?? -1;
  };

  it("queues the message with its job when the change commits, and neither when it rolls back", async () => {
    const hub = await seedHub(env.db, "rollback");
    const ctx = contextFor(env.deps, hub.actor);
    const kept = await inTransaction(ctx, (tx) =>
      tx.mailer.send({ hubId: hub.id, to: "kept@example.test", subject: "Kept", text: "x" }),
    );
    expect(kept.status).toBe("queued");
    expect((await messageRow(env, kept.id))?.status).toBe("queued");
    expect(await jobsFor(kept.id)).toBe(1);

    let lost = "";
    await expect(
      inTransaction(ctx, async (tx) => {
        lost = (
          await tx.mailer.send({ hubId: hub.id, to: "never@example.test", subject: "Never", text: "x" })
        ).id;
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(lost).not.toBe("");
    expect(await messageRow(env, lost)).toBeUndefined();
    expect(await jobsFor(lost)).toBe(0);
  });
  it("marks a message failed, with the connection error, when its last try fails", async () => {
    const hub = await seedHub(env.db, "last-try");
    const [row] = await env.db
      .insert(mailMessages)
      .values({ hubId: hub.id, to: "last@example.test", subject: "Last", text: "x", status: "queued" })
      .returning();
    if (!row) throw new Error("no row");
    await enqueue(env.db, SEND_MAIL_TASK, { messageId: row.id }, { maxAttempts: 1 });
    const worker = await startWorker(env.deps, appJobs(), { url: env.url, pollIntervalMs: 200 });
    try {
      const failed = await rowWhen(env, row.id, (r) => r.status === "failed");
      expect(failed.error).toMatch(/ECONNREFUSED/);
      expect(failed.sentAt).toBeNull();
    } finally {
      await worker.stop();
    }
  });
});

describe("mailer without SMTP", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it("stores the message for the outbox, which hub admins read, and has nothing to retry", async () => {
    const hub = await seedHub(env.db, "outbox");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    await admin.post("/api/users/invitations", {
      email: "outbox.person@example.test",
      name: "Ola Ray",
      role: "hub_staff",
    });
    const outbox = await admin.get("/api/outbox");
    expect(outbox.statusCode).toBe(200);
    const item = outbox.json().items.find((m: { to: string }) => m.to === "outbox.person@example.test");
    expect(item.status).toBe("stored");
    expect(item.text).toContain("/invitations/accept?token=");
    const retry = await admin.post(`/api/outbox/${item.id}/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.message).toMatch(/SMTP_URL is not set/);
  });
});
