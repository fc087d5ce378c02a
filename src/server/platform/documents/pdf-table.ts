import { textColourOn } from "../../../shared/rules/colour";

export type TableColumn = {
  header: string;
  /** A share of the table's width (the shares are scaled to fill it). Default 1. */
  weight?: number;
  align?: "left" | "right" | "center";
};

export type TableSpec = {
  columns: readonly TableColumn[];
  rows: readonly (readonly string[])[];
  /** Shown in place of rows when there are none. */
  empty?: string;
};

type Frame = { left: number; width: number; headerColour: string };

const PAD = 4;
const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";
const SIZE = 9;
const RULE = "#cccccc";
const FOOTER_HEIGHT = 28;

const bottomOf = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom - FOOTER_HEIGHT;

const rowHeight = (doc: PDFKit.PDFDocument, cells: readonly string[], widths: number[], font: string) => {
  doc.font(font).fontSize(SIZE);
  let h = 0;
  cells.forEach((cell, i) => {
    h = Math.max(h, doc.heightOfString(cell || " ", { width: (widths[i] ?? 0) - 2 * PAD }));
  });
  return h + 2 * PAD;
};

const drawRow = (
  doc: PDFKit.PDFDocument,
  cells: readonly string[],
  widths: number[],
  columns: readonly TableColumn[],
  frame: Frame,
  header: boolean,
): void => {
  const y = doc.y;
  const h = rowHeight(doc, cells, widths, header ? FONT_BOLD : FONT);
  if (header) doc.save().rect(frame.left, y, frame.width, h).fill(frame.headerColour).restore();
  doc.fillColor(header ? textColourOn(frame.headerColour) : "#111111");
  let x = frame.left;
  cells.forEach((cell, i) => {
    const w = widths[i] ?? 0;
    doc.text(cell, x + PAD, y + PAD, { width: w - 2 * PAD, align: columns[i]?.align ?? "left" });
    x += w;
  });
  doc
    .save()
    .moveTo(frame.left, y + h)
    .lineTo(frame.left + frame.width, y + h)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke()
    .restore();
  doc.fillColor("#111111");
  doc.y = y + h;
};

/**
 * Draws a table from the current position. A row that does not fit starts a new page, and
 * every page the table runs onto begins with the header row again. A row is never split.
 */
export const drawTable = (doc: PDFKit.PDFDocument, spec: TableSpec, frame: Frame): void => {
  const weights = spec.columns.map((c) => c.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (frame.width * w) / total);
  const headers = spec.columns.map((c) => c.header);
  const headerH = rowHeight(doc, headers, widths, FONT_BOLD);

  const firstH = spec.rows[0] ? rowHeight(doc, spec.rows[0], widths, FONT) : 0;
  if (doc.y + headerH + firstH > bottomOf(doc)) doc.addPage();
  drawRow(doc, headers, widths, spec.columns, frame, true);
  if (spec.rows.length === 0 && spec.empty) {
    doc
      .font(FONT)
      .fontSize(SIZE)
      .text(spec.empty, frame.left + PAD, doc.y + PAD, { width: frame.width });
    return;
  }
  for (const row of spec.rows) {
    const h = rowHeight(doc, row, widths, FONT);
    if (doc.y + h > bottomOf(doc)) {
      doc.addPage();
      drawRow(doc, headers, widths, spec.columns, frame, true);
    }
    drawRow(doc, row, widths, spec.columns, frame, false);
  }
};
