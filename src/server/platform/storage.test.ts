import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { createLocalFileStore, requireContent, sniffContent } from "./storage";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const PDF = Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "latin1");

describe("content sniffing", () => {
  it("knows a PNG and a PDF by their bytes, whatever they are called", async () => {
    expect((await sniffContent(PNG)).kind).toBe("image");
    expect((await sniffContent(PDF)).kind).toBe("pdf");
  });

  it("takes text with no NUL bytes as CSV, in Windows-1252 too", async () => {
    expect(
      (await sniffContent(Buffer.from('"URN","EstablishmentName"\n"100000","FIERT\xc9"\n', "latin1"))).kind,
    ).toBe("csv");
  });

  it("refuses a file whose real content is not accepted, naming what it is", async () => {
    await expect(requireContent(PNG, ["csv"], "A GIAS extract")).rejects.toMatchObject({
      code: "unsupported_media_type",
      message: "This is an image, not a CSV file. A GIAS extract must be a CSV file.",
    });
    await expect(requireContent(Buffer.alloc(0), ["csv"], "A GIAS extract")).rejects.toMatchObject({
      code: "invalid",
      message: "The file is empty",
    });
  });
});

describe("local file store", () => {
  const store = createLocalFileStore(mkdtempSync(path.join(os.tmpdir(), "tutti-files-")));

  it("puts, gets, streams and deletes, with size and sha256", async () => {
    const put = await store.put(Buffer.from("hello"), { prefix: "hub-1" });
    expect(put.size).toBe(5);
    expect(put.sha256).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    expect((await store.get(put.key)).toString()).toBe("hello");
    const chunks: Buffer[] = [];
    for await (const c of store.stream(put.key)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("hello");
    await store.delete(put.key);
    await expect(store.get(put.key)).rejects.toThrow();
  });

  it("stops a stream over the size limit and keeps no partial file", async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    const err = await store.put(big, { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("too_large");
  });

  it("refuses keys that would leave the store", () => {
    expect(() => store.pathOf("../etc/passwd")).toThrow(/Invalid file key/);
    expect(() => readFileSync(store.pathOf("hub-1/nope"))).toThrow();
  });
});
