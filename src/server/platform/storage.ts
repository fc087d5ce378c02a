import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "./errors";

export type StoredFile = { key: string; size: number; sha256: string };

/** One interface for stored files: a local directory now, object storage later. */
export type FileStore = {
  put: (body: Buffer | Readable, opts?: { maxBytes?: number; prefix?: string }) => Promise<StoredFile>;
  get: (key: string) => Promise<Buffer>;
  stream: (key: string) => Readable;
  delete: (key: string) => Promise<void>;
  pathOf: (key: string) => string;
};

const SAFE_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export const createLocalFileStore = (root: string): FileStore => {
  const pathOf = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new AppError("invalid", "Invalid file key");
    return path.join(root, key);
  };
  return {
    pathOf,
    put: async (body, opts = {}) => {
      const key = `${opts.prefix ? `${opts.prefix}/` : ""}${randomUUID()}`;
      const file = pathOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const hash = createHash("sha256");
      let size = 0;
      const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > max) {
            cb(new AppError("too_large", `The file is larger than ${Math.round(max / 1024 / 1024)} MB`));
            return;
          }
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      try {
        await pipeline(source, counter, createWriteStream(file));
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return { key, size, sha256: hash.digest("hex") };
    },
    get: (key) => readFile(pathOf(key)),
    stream: (key) => createReadStream(pathOf(key)),
    delete: async (key) => {
      await rm(pathOf(key), { force: true });
    },
  };
};

export const fileExists = async (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  );

export type ContentKind = "csv" | "pdf" | "image" | "docx" | "xlsx";

/**
 * Decides what a file really is from its first bytes, not its name. Text (CSV) is recognised
 * as bytes with no NUL and no binary signature.
 */
export const sniffContent = async (head: Buffer): Promise<{ kind: ContentKind | "other"; mime: string }> => {
  // Loaded on the first upload, not at every start (decision 014).
  const { fileTypeFromBuffer } = await import("file-type");
  const type = await fileTypeFromBuffer(head);
  if (type) {
    if (type.mime === "application/pdf") return { kind: "pdf", mime: type.mime };
    if (type.mime.startsWith("image/")) return { kind: "image", mime: type.mime };
    if (type.ext === "docx") return { kind: "docx", mime: type.mime };
    if (type.ext === "xlsx") return { kind: "xlsx", mime: type.mime };
    return { kind: "other", mime: type.mime };
  }
  if (head.length > 0 && !head.includes(0)) return { kind: "csv", mime: "text/csv" };
  return { kind: "other", mime: "application/octet-stream" };
};

/** Kinds of file in people's words ("This is an image, not a CSV file"). */
const KIND_WORDS: Record<ContentKind, { a: string; thisIs: string }> = {
  csv: { a: "a CSV file", thisIs: "This is a CSV file" },
  pdf: { a: "a PDF", thisIs: "This is a PDF" },
  image: { a: "an image", thisIs: "This is an image" },
  docx: { a: "a Word document", thisIs: "This is a Word document" },
  xlsx: { a: "an Excel workbook", thisIs: "This is an Excel workbook" },
};

/** "a PDF, an image or a Word document" */
const EITHER = new Intl.ListFormat("en-GB", { type: "disjunction" });

/** Refuses a file whose real content is not one of the accepted kinds. */
export const requireContent = async (
  head: Buffer,
  accepted: ContentKind[],
  what: string,
): Promise<ContentKind> => {
  if (head.length === 0) throw new AppError("invalid", "The file is empty");
  const { kind, mime } = await sniffContent(head);
  const wanted = EITHER.format(accepted.map((k) => KIND_WORDS[k].a));
  if (kind === "other" || !accepted.includes(kind))
    throw new AppError(
      "unsupported_media_type",
      `${kind === "other" ? "This file is not" : `${KIND_WORDS[kind].thisIs}, not`} ${wanted}. ${what} must be ${wanted}.`,
      { found: kind === "other" ? mime : kind },
    );
  return kind;
};
