import { PHASE_LABELS, type Phase } from "./phase";

/** What one exported row is made from: a school of the list, with its area and link officer names. */
export type ExportSchool = {
  urn: number;
  laestab: string | null;
  name: string;
  phase: Phase;
  typeName: string | null;
  status: "open" | "closed" | "proposed";
  laName: string | null;
  laCode: string;
  town: string | null;
  postcode: string | null;
  pupils: number | null;
  percentFsm: number | null;
  trust: string | null;
  areaName: string | null;
  linkOfficerName: string | null;
  tags: readonly string[];
};

export type ExportCell = string | number | null;

const STATUS_LABELS = { open: "Open", closed: "Closed", proposed: "Proposed to open" } as const;

/** The export's columns, named for people, with a width (in characters) for spreadsheets. */
export const SCHOOL_EXPORT_COLUMNS: readonly {
  header: string;
  width: number;
  value: (s: ExportSchool) => ExportCell;
}[] = [
  { header: "URN", width: 9, value: (s) => s.urn },
  { header: "LAEstab", width: 10, value: (s) => s.laestab },
  { header: "School", width: 44, value: (s) => s.name },
  { header: "Phase", width: 18, value: (s) => PHASE_LABELS[s.phase] },
  { header: "Type", width: 32, value: (s) => s.typeName },
  { header: "Status", width: 16, value: (s) => STATUS_LABELS[s.status] },
  { header: "LA", width: 20, value: (s) => s.laName ?? s.laCode },
  { header: "Town", width: 18, value: (s) => s.town },
  { header: "Postcode", width: 10, value: (s) => s.postcode },
  { header: "Pupils", width: 8, value: (s) => s.pupils },
  { header: "% FSM", width: 8, value: (s) => s.percentFsm },
  { header: "Trust", width: 32, value: (s) => s.trust },
  { header: "Area", width: 14, value: (s) => s.areaName },
  { header: "Link officer", width: 22, value: (s) => s.linkOfficerName },
  { header: "Tags", width: 24, value: (s) => (s.tags.length ? s.tags.join("; ") : null) },
];

export const schoolExportHeaders = (): string[] => SCHOOL_EXPORT_COLUMNS.map((c) => c.header);

/** One school as a row of cells, in the order of the headers. */
export const schoolExportRow = (s: ExportSchool): ExportCell[] =>
  SCHOOL_EXPORT_COLUMNS.map((c) => c.value(s));

/** "schools-northshire-2026-11-25.csv": the name a download is saved under. */
export const schoolExportFileName = (hubSlug: string, date: Date, format: "csv" | "xlsx"): string =>
  `schools-${hubSlug.replace(/[^a-z0-9-]/gi, "")}-${date.toISOString().slice(0, 10)}.${format}`;
