import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/** A port free on 127.0.0.1 now (the system's choice). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** Whether `port` on 127.0.0.1 is free now. */
export const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });

/** The port written in a postmaster.pid, live or left by a server that died. */
const lastPort = (pgDir: string): number | undefined => {
  try {
    const port = Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
};

/** The port to start on: the one the server had before (so clients reconnect), when free. */
export const choosePort = async (pgDir: string): Promise<number> => {
  const before = lastPort(pgDir);
  if (before && (await portFree(before))) return before;
  return freePort();
};
