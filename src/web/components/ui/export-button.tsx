import { Download } from "lucide-react";
import { type QueryParams, toQueryString } from "../../api/client";
import { buttonClasses } from "./button";

export type ExportFormat = "csv" | "xlsx";

export interface ExportButtonProps {
  /** The API path that answers the file, e.g. "/api/schools/export". */
  href: string;
  format: ExportFormat;
  /** The current filters, sent as the query string. */
  query?: QueryParams;
  /** What is exported, e.g. "schools". */
  noun: string;
}

/**
 * A download link for a server-made CSV/XLSX export (the server sets Content-Disposition).
 * Adds `format` to the query; the browser sends the session cookie with it.
 */
export function ExportButton({ href, format, query, noun }: ExportButtonProps) {
  const url = `${href}${toQueryString({ ...query, format })}`;
  return (
    <a href={url} download className={buttonClasses("secondary")}>
      <Download aria-hidden="true" className="size-4" />
      Export {noun} ({format.toUpperCase()})
    </a>
  );
}
