import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "../db/schema/index";
import { createTestEnv, seedHub, signInAs, type TestEnv } from "../testing/harness";
import { createMailer } from "./mailer";

type Received = { from: string; to: string[]; data: string };

/** A real SMTP peer on loopback that keeps what it receives. */
const startSmtp = async (opts: { reject?: boolean } = {}) => {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (opts.reject) return cb(new Error("mailbox unavailable"));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

describe("mailer over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let env: TestEnv;
  beforeAll(async () => {
    smtp = await startSmtp();
    env = await createTestEnv({ config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await env.close();
    await smtp.close();
  });

  it("delivers an invitation to a real SMTP peer and marks it sent", async () => {
    const hub = await seedHub(env.db, "smtp");
    const admin = await signInAs(env.app, hub.users.hub_admin.email);
    const res = await admin.post("/api/users/invitations", {
      email: "smtp.person@example.test",
      name: "Sol Reed",
      role: "hub_staff",
    });
    expect(res.statusCode).toBe(201);
    const mail = smtp.received.find((m) => m.to.includes("smtp.person@example.test"));
    expect(mail?.data).toContain(`Subject: You are invited to ${hub.name} on Tutti`);
    expect(mail?.data.replace(/=\r?\n/g, "")).toContain("/invitations/accept?token=");
    const [row] = await env.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.to, "smtp.person@example.test"));
    expect(row?.status).toBe("sent");
    expect(row?.sentAt).not.toBeNull();
  });

  it("keeps the message and says it failed when the peer refuses it", async () => {
    const refusing = await startSmtp({ reject: true });
    const mailer = createMailer(env.db, { smtpUrl: refusing.url, from: "Tutti <no-reply@tutti.invalid>" });
    const r = await mailer.send({ hubId: null, to: "nobody@example.test", subject: "Hello", text: "Body" });
    expect(r.status).toBe("failed");
    const [row] = await env.db.select().from(mailMessages).where(eq(mailMessages.id, r.id));
    expect(row?.error).toMatch(/mailbox unavailable/);
    mailer.close();
    await refusing.close();
  });
});

describe("mailer without SMTP", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it("stores the message for the outbox, which hub admins read", async () => {
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
  });
});
