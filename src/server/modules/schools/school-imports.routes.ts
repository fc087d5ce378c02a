import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AcademicYear } from "../../../shared/rules/academic-year";
import { PageQuery, paged } from "../../../shared/schemas/common";
import { LaCode } from "../../../shared/schemas/hubs";
import { ImportJob, ImportSource, ImportSummary } from "../../../shared/schemas/schools";
import type { ServiceContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { requireMultipart } from "../../platform/file-replies";
import { ctxOf, requireRole } from "../../platform/http";
import { requireContent } from "../../platform/storage";
import { startJobSweeper } from "./job-liveness";
import { needsLaChoice, queueImport } from "./school-imports.jobs";
import {
  getImportJob,
  type ImportResult,
  importErrorMessage,
  importGias,
  importMusicData,
  listImportJobs,
  musicDataTemplate,
} from "./school-imports.service";

const IMPORTERS = ["hub_admin", "hub_staff"] as const;
/** Enough of the start of a file to tell what it really is. */
const SNIFF_BYTES = 4100;
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

const tooLarge = (max: number) =>
  new AppError("too_large", `The file is larger than ${Math.round(max / 1024 / 1024)} MB`);

/** The upload's bytes, failing with 413 when the multipart limit cut the file short (never processed whole). */
async function* guarded(file: MultipartFile["file"], max: number): AsyncGenerator<Buffer> {
  for await (const chunk of file as AsyncIterable<Buffer>) {
    if (file.truncated) throw tooLarge(max);
    yield chunk;
  }
  if (file.truncated) throw tooLarge(max);
}

/** The first bytes of a stream, and the whole stream again (those bytes first). */
const peek = async (
  src: AsyncIterable<Buffer>,
  n: number,
): Promise<{ head: Buffer; all: AsyncGenerator<Buffer> }> => {
  const it = src[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks, size);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    try {
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return { head, all: all() };
};

const Fields = z.object({
  source: ImportSource,
  laCodes: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(LaCode)),
  jobId: z.uuid("jobId must be a UUID").optional(),
  /** "true": keep the file and import it in the background (answer 202 with the progress row). */
  background: z
    .enum(["true", "false"], 'background must be "true" or "false"')
    .optional()
    .transform((v) => v === "true"),
});
type Fields = z.infer<typeof Fields>;

const readFields = (raw: Record<string, string>): Fields => {
  const r = Fields.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path[0];
    if (field === "source" && raw.source === undefined)
      throw new AppError(
        "invalid",
        'Say what the file is: the field "source" must be "gias" or "music-data"',
      );
    throw new AppError("invalid", `${String(field ?? "request")}: ${issue?.message ?? "invalid"}`);
  }
  return r.data;
};

/** The file's bytes once its first ones show it is CSV text. */
const checkedContent = async (fields: Fields, bytes: AsyncIterable<Buffer>) => {
  const { head, all } = await peek(bytes, SNIFF_BYTES);
  // UTF-16 is CSV text in an encoding GIAS never uses: the reader says so in words.
  if (!UTF16_BOMS.some((bom) => head.subarray(0, 2).equals(bom)))
    await requireContent(head, ["csv"], fields.source === "gias" ? "A GIAS extract" : "A music data file");
  return all;
};

/** Checks the file, keeps it in the file store and queues its import (school-imports.jobs.ts). */
const queueUpload = async (
  ctx: ServiceContext,
  fields: Fields,
  bytes: AsyncIterable<Buffer>,
  fileName: string,
  max: number,
): Promise<ImportJob> => {
  const all = await checkedContent(fields, bytes);
  const stored = await ctx.files.put(Readable.from(all, { objectMode: false }), {
    maxBytes: max,
    prefix: "imports",
  });
  try {
    return await queueImport(ctx, {
      source: fields.source,
      laCodes: fields.laCodes,
      fileKey: stored.key,
      fileName,
      size: stored.size,
      jobId: fields.jobId ?? randomUUID(),
    });
  } catch (err) {
    await ctx.files.delete(stored.key).catch(() => {});
    throw err;
  }
};

/** Checks what the file really is, then imports it. */
const runImport = async (
  ctx: ServiceContext,
  fields: Fields,
  bytes: AsyncIterable<Buffer>,
  fileName: string,
  totalBytes: number | undefined,
): Promise<ImportResult> => {
  const all = await checkedContent(fields, bytes);
  if (fields.source === "gias") {
    return importGias(ctx, {
      stream: Readable.from(all, { objectMode: false }),
      fileName,
      totalBytes,
      laCodes: fields.laCodes,
      jobId: fields.jobId,
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of all) chunks.push(c);
  return importMusicData(ctx, { body: Buffer.concat(chunks), fileName, jobId: fields.jobId });
};

export const schoolImportsRoutes = async (fastify: FastifyInstance) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const max = fastify.deps.config.maxUploadBytes;

  // Jobs whose server stopped mid-way are marked failed at start-up and every half minute.
  let sweeper: { stop: () => Promise<void> } | undefined;
  fastify.addHook("onReady", async () => {
    sweeper = startJobSweeper(fastify.deps.db, (line) => fastify.log.warn(line));
  });
  fastify.addHook("onClose", async () => {
    await sweeper?.stop();
  });

  app.post(
    "/api/schools/imports",
    {
      schema: {
        tags: ["schools"],
        summary:
          "Import a GIAS extract or a music-data CSV (multipart: fields source, laCodes?, jobId?, background?, then file). With background=true the file is kept and imported by a background job: 202 and the progress row to poll (except a GIAS extract for a hub that covers no LAs yet, answered at once as without it).",
        response: { 200: ImportSummary, 202: ImportJob },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, requireRole(req, IMPORTERS));
      requireMultipart(req);
      const raw: Record<string, string> = {};
      const lengthHeader = Number(req.headers["content-length"]);
      const totalBytes = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
      let result: ImportResult | undefined;
      let queued: ImportJob | undefined;
      let spooled: { dir: string; file: string; name: string } | undefined;
      try {
        for await (const part of req.parts()) {
          if (part.type === "field") {
            raw[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== "file" || result || queued || spooled) {
            for await (const _ of part.file) {
              // drain a part we do not read
            }
            continue;
          }
          if (raw.source !== undefined) {
            // The fields came first (as the web sends them): import while the file arrives.
            const fields = readFields(raw);
            if (fields.background && !(await needsLaChoice(ctx, fields)))
              queued = await queueUpload(ctx, fields, guarded(part.file, max), part.filename, max);
            else result = await runImport(ctx, fields, guarded(part.file, max), part.filename, totalBytes);
          } else {
            // The file came before its fields: keep it in a temporary file until they are known.
            const dir = await mkdtemp(path.join(os.tmpdir(), "tutti-import-"));
            spooled = { dir, file: path.join(dir, "upload"), name: part.filename };
            await pipeline(guarded(part.file, max), createWriteStream(spooled.file));
          }
        }
        if (!result && !queued && spooled) {
          const fields = readFields(raw);
          if (fields.background && !(await needsLaChoice(ctx, fields)))
            queued = await queueUpload(ctx, fields, createReadStream(spooled.file), spooled.name, max);
          else
            result = await runImport(ctx, fields, createReadStream(spooled.file), spooled.name, totalBytes);
        }
      } catch (err) {
        if (err instanceof Error && "code" in err && err.code === "FST_REQ_FILE_TOO_LARGE")
          throw tooLarge(max);
        throw err;
      } finally {
        if (spooled) await rm(spooled.dir, { recursive: true, force: true });
      }
      if (queued) return reply.code(202).send(queued);
      if (!result)
        throw new AppError("invalid", 'Choose a file to import: the form has no field named "file"');
      const { errorCount, ...summary } = result;
      if (summary.errors.length)
        throw new AppError("invalid", importErrorMessage({ errors: summary.errors, errorCount }), summary);
      return summary;
    },
  );

  app.get(
    "/api/schools/imports",
    { schema: { tags: ["schools"], querystring: PageQuery, response: { 200: paged(ImportJob) } } },
    async (req) => listImportJobs(ctxOf(req, requireRole(req, IMPORTERS)), req.query),
  );

  app.get(
    "/api/schools/imports/:jobId",
    { schema: { tags: ["schools"], params: z.object({ jobId: z.uuid() }), response: { 200: ImportJob } } },
    async (req) => getImportJob(ctxOf(req, requireRole(req, IMPORTERS)), req.params.jobId),
  );

  app.get(
    "/api/schools/music-data/template",
    { schema: { tags: ["schools"], querystring: z.object({ year: AcademicYear.optional() }) } },
    async (req, reply) => {
      const { fileName, body } = await musicDataTemplate(
        ctxOf(req, requireRole(req, IMPORTERS)),
        req.query.year,
      );
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .send(body);
    },
  );
};
