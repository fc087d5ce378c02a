import { CSRF_HEADER } from "../../../shared/schemas/auth";
import { type ImportJob, ImportSummary } from "../../../shared/schemas/schools";
import { ApiError, api } from "../../api/client";

export type ImportKind = "gias" | "music-data";

export type ImportProgress =
  | { phase: "uploading"; loaded: number; total: number | null }
  | { phase: "processing"; processed: number; total: number | null; rowsRead: number };

export interface UploadOptions {
  file: File;
  source: ImportKind;
  laCodes?: string[];
  csrfToken: string | null;
  onProgress: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const parseError = (status: number, text: string): ApiError => {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, details } = body.error;
    return new ApiError(
      status,
      typeof code === "string" ? code : "error",
      typeof message === "string" ? message : `The import failed (${status})`,
      [],
      details,
    );
  }
  return new ApiError(
    status,
    "http_error",
    status >= 500
      ? "Something went wrong on the server. Please try again in a moment."
      : `The import failed (${status})`,
  );
};

/**
 * Sends the file with XMLHttpRequest (for upload progress), and meanwhile polls the import job for
 * the server's progress. The server keeps the file and imports it in the background (202), so
 * the import carries on if the page is closed once the file is up; polling the job row then
 * gives the outcome. Resolves with the summary; rejects with an ApiError (400s carry details).
 */
export const uploadImport = ({ file, source, laCodes, csrfToken, onProgress, signal }: UploadOptions) =>
  new Promise<ImportSummary>((resolve, reject) => {
    const jobId = crypto.randomUUID();
    const form = new FormData();
    form.append("source", source);
    form.append("jobId", jobId);
    form.append("background", "true");
    if (laCodes && laCodes.length > 0) form.append("laCodes", laCodes.join(","));
    form.append("file", file, file.name);

    const xhr = new XMLHttpRequest();
    let uploaded = false;
    let polling: ReturnType<typeof setTimeout> | null = null;
    let finished = false;
    /** The server answered 202: the outcome comes from the job row. */
    let queued = false;

    const settle = (job: ImportJob) => {
      const summary = ImportSummary.safeParse(job.result);
      if (job.status === "succeeded" && summary.success) resolve(summary.data);
      else
        reject(
          new ApiError(
            400,
            "invalid",
            job.error ?? "The file could not be imported",
            [],
            summary.success ? summary.data : null,
          ),
        );
    };

    const poll = async () => {
      if (finished) return;
      try {
        const job = await api.get<ImportJob>(`/api/schools/imports/${jobId}`);
        if (!finished && queued && (job.status === "succeeded" || job.status === "failed")) {
          stop();
          settle(job);
          return;
        }
        if (!finished && uploaded)
          onProgress({
            phase: "processing",
            processed: job.processedBytes,
            // totalBytes is the whole request (file and form fields): a finished job is complete.
            total: job.status === "running" ? job.totalBytes : job.processedBytes,
            rowsRead: job.rowsRead,
          });
      } catch {
        // The job appears once the server has started reading the file.
      }
      if (!finished) polling = setTimeout(poll, 300);
    };
    const stop = () => {
      finished = true;
      if (polling) clearTimeout(polling);
    };

    xhr.open("POST", "/api/schools/imports");
    xhr.setRequestHeader("accept", "application/json");
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      onProgress({
        phase: "uploading",
        loaded: event.loaded,
        total: event.lengthComputable ? event.total : null,
      });
    };
    xhr.upload.onload = () => {
      uploaded = true;
      onProgress({ phase: "processing", processed: 0, total: file.size, rowsRead: 0 });
    };
    xhr.onload = () => {
      if (xhr.status === 202) {
        // Imported by a background job: keep polling its row until it ends.
        uploaded = true;
        queued = true;
        return;
      }
      stop();
      if (xhr.status >= 200 && xhr.status < 300) {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        const summary = ImportSummary.safeParse(body);
        if (summary.success) resolve(summary.data);
        else reject(new ApiError(xhr.status, "bad_response", "The server's answer could not be read."));
      } else reject(parseError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => {
      stop();
      reject(new ApiError(0, "network", "Could not reach Tutti. Check your connection and try again."));
    };
    xhr.onabort = () => {
      stop();
      reject(new DOMException("The upload was cancelled", "AbortError"));
    };
    signal?.addEventListener("abort", () => {
      if (!queued) return xhr.abort();
      // The file is up and the import goes on on the server; only the waiting stops.
      stop();
      reject(new DOMException("Stopped waiting for the import", "AbortError"));
    });
    xhr.send(form);
    polling = setTimeout(poll, 300);
  });

export interface LaChoice {
  code: string;
  name: string | null;
  schools: number;
}

/** `details.laOptions` of a 400: the LAs found in the file, when the hub has chosen none. */
export const readLaOptions = (details: unknown): LaChoice[] | null => {
  if (!isRecord(details) || !Array.isArray(details.laOptions)) return null;
  return details.laOptions.flatMap((o: unknown) =>
    isRecord(o) && typeof o.code === "string"
      ? [
          {
            code: o.code,
            name: typeof o.name === "string" ? o.name : null,
            schools: typeof o.schools === "number" ? o.schools : 0,
          },
        ]
      : [],
  );
};

/** `details` of a 400 with row errors: an ImportSummary whose `errors` list the rows. */
export const readImportErrors = (details: unknown): ImportSummary["errors"] | null => {
  if (!isRecord(details) || !Array.isArray(details.errors)) return null;
  return details.errors.flatMap((e: unknown) =>
    isRecord(e) && typeof e.message === "string"
      ? [
          {
            row: typeof e.row === "number" ? e.row : 0,
            column: typeof e.column === "string" ? e.column : "",
            message: e.message,
          },
        ]
      : [],
  );
};
