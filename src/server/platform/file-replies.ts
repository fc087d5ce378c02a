import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "./errors";

/** A Content-Disposition that downloads `name`: an ASCII fallback, then the exact name in UTF-8. */
export const attachment = (name: string): string =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Refuses a request that is not multipart/form-data, saying how to send the file. */
export const requireMultipart = (req: FastifyRequest): void => {
  if (!req.isMultipart())
    throw new AppError(
      "unsupported_media_type",
      'Send the file as multipart/form-data, in a field named "file"',
    );
};

/**
 * The one file of a multipart upload, as the file store takes it. `fileSizeLimit` is what the
 * multipart plugin lets through; a service that refuses oversize files itself passes its limit + 1,
 * so that the plugin never cuts a file silently.
 */
export const receiveFile = async (
  req: FastifyRequest,
  fileSizeLimit: number,
): Promise<{ filename: string; body: Readable }> => {
  requireMultipart(req);
  const part = await req.file({ limits: { fileSize: fileSizeLimit, files: 1 } });
  if (!part) throw new AppError("invalid", "Choose a file to upload");
  return { filename: part.filename, body: part.file };
};

/** Sends a stored file someone uploaded: as a download, never sniffed, never cached by others. */
export const sendPrivateFile = (
  reply: FastifyReply,
  file: { contentType: string; name: string; body: unknown },
): FastifyReply =>
  reply
    .header("content-type", file.contentType)
    .header("content-disposition", attachment(file.name))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(file.body);
