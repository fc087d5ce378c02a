import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; data: string };

/**
 * A real SMTP peer on loopback that keeps what it receives, for tests of the mail Tutti sends;
 * `state.reject` makes it refuse recipients (550). `port` 0 takes any free port.
 */
export const startSmtpPeer = async (port = 0) => {
  const received: ReceivedMail[] = [];
  const state = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (state.reject) return cb(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const bound = (server.server.address() as AddressInfo).port;
  return {
    received,
    state,
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    to: (address: string) => received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

/** A message's text with quoted-printable soft line breaks and escapes undone (enough for assertions). */
export const unfoldQuotedPrintable = (data: string): string =>
  data
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
