import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Phase } from "../../../shared/schemas/phases";
import { auditLog, mailMessages, schoolContacts, schools } from "../../db/schema/index";
import { createTestEnv, seedHub, signInAs, type TestEnv, type TestHub } from "../../testing/harness";
import { startSmtpPeer, unfoldQuotedPrintable } from "../../testing/smtp-peer";

// The e-mail a school's contacts get when hub staff invite it into a programme phase, sent by
// the `mail:send` job over SMTP to a real peer.
const P = "/api/engagement/phases";
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let env: TestEnv;
let hub: TestHub;
let phase: Phase;
let urn: number;
const QUIET = 870101; // a school whose only contact has no e-mail address
const CLOSED = 870102;

const waitFor = async <T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const messagesTo = (to: string) =>
  env.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.to, to), eq(mailMessages.hubId, hub.id)));

beforeAll(async () => {
  peer = await startSmtpPeer();
  env = await createTestEnv({
    config: { smtpUrl: peer.url },
    worker: true,
    clock: () => new Date("2026-03-10T10:00:00Z"),
  });
  hub = await seedHub(env.db, "phase-mail");
  const base = { hubId: hub.id, laCode: "931", phase: "primary" as const, source: "manual" as const };
  const [quiet] = await env.db
    .insert(schools)
    .values([
      { ...base, urn: QUIET, name: "Quiet Fictional Primary", status: "open" },
      { ...base, urn: CLOSED, name: "Shut Fictional Primary", status: "closed" },
    ])
    .returning();
  if (!quiet) throw new Error("seed failed");
  await env.db.insert(schoolContacts).values([
    {
      hubId: hub.id,
      schoolId: hub.schoolId,
      role: "headteacher",
      name: "Hana Head",
      email: "Head@Phase-Mail.test",
    },
    {
      hubId: hub.id,
      schoolId: hub.schoolId,
      role: "music_lead",
      name: "Milo Lead",
      email: "lead@phase-mail.test",
    },
    // The same address twice (any case) is told once.
    { hubId: hub.id, schoolId: hub.schoolId, role: "slt", name: "Hana Head", email: "head@phase-mail.test" },
    { hubId: hub.id, schoolId: quiet.id, role: "governor", name: "No Address" },
  ]);
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  urn = own?.urn ?? 0;
  const staff = await signInAs(env.app, hub.users.hub_staff.email);
  phase = (
    await staff.post(P, { name: "Phase 1, 2025/26", startsOn: "2025-09-01", endsOn: "2026-07-31" })
  ).json();
});
afterAll(async () => {
  await env.close();
  await peer.close();
});

describe("invitation into a phase by e-mail", () => {
  it("tells each contact with an address once, over SMTP, and audits who was told", async () => {
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    const res = await staff.post(`${P}/${phase.id}/schools`, { urns: [urn, QUIET] });
    expect(res.statusCode).toBe(200);

    for (const to of ["head@phase-mail.test", "lead@phase-mail.test"]) {
      const [row] = await messagesTo(to);
      expect(row?.subject).toBe(`School of phase-mail is invited to Phase 1, 2025/26 (${hub.name})`);
      await waitFor(`the message to ${to} sent`, async () => {
        const [r] = await messagesTo(to);
        return r?.status === "sent" ? r : undefined;
      });
    }
    const received = await waitFor("the peer to hold both", async () =>
      peer.received.length >= 2 ? peer.received : undefined,
    );
    expect(received.flatMap((m) => m.to).sort()).toEqual(["head@phase-mail.test", "lead@phase-mail.test"]);
    const text = unfoldQuotedPrintable(peer.to("lead@phase-mail.test")[0]?.data ?? "");
    expect(text).toContain("Dear Milo Lead,");
    expect(text).toContain("from 1 September 2025 to 31 July 2026");
    expect(text).toContain("short audit");

    const entries = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "phase_invitation"), eq(auditLog.entityId, phase.id)));
    expect(entries.map((e) => e.after)).toEqual([
      {
        phase: "Phase 1, 2025/26",
        invitationsSent: [
          { urn, to: ["head@phase-mail.test", "lead@phase-mail.test"] },
          { urn: QUIET, to: [] },
        ],
      },
    ]);
  });

  it("does not tell a school again when it is already in the phase, nor anyone when the invitation is refused", async () => {
    const staff = await signInAs(env.app, hub.users.hub_staff.email);
    expect((await staff.post(`${P}/${phase.id}/schools`, { urns: [urn] })).statusCode).toBe(200);
    const refused = await staff.post(`${P}/${phase.id}/schools`, { urns: [QUIET, CLOSED] });
    expect(refused.statusCode).toBe(400);
    expect(await messagesTo("head@phase-mail.test")).toHaveLength(1);
    const entries = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "phase_invitation"), eq(auditLog.entityId, phase.id)));
    expect(entries).toHaveLength(1);
  });
});
