import type {} from "pdfkit";
import { HEX_COLOUR, textColourOn } from "../../../shared/rules/colour";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { drawTable, type TableSpec } from "./pdf-table";

/**
 * The one PDF layer for what Tutti prints (visit reports, certificates, the plan, letters, CPD
 * lists). Every page gets the hub's header band (name, document title, in the hub's colour)
 * and a footer "Page n of N"; tables break across pages with their header row repeated.
 * Fonts are pdfkit's built-in standard fonts (Helvetica), shipped inside the npm package as
 * code: nothing is read from disk beside it or fetched at run time.
 */

export type DocumentHub = { name: string; colour: string };

export type DocumentOptions = {
  hub: DocumentHub;
  title: string;
  /** A4 portrait (default) or landscape (the plan). */
  orientation?: "portrait" | "landscape";
  /** The date the document speaks for; the footer reads "Printed 2 December 2026". */
  date: Date;
  /** Stored in the PDF's metadata. */
  author?: string;
};

export const FONT = "Helvetica";
export const FONT_BOLD = "Helvetica-Bold";
const MARGIN = 48;
const HEADER_HEIGHT = 58;
const FOOTER_HEIGHT = 28;
const DEFAULT_COLOUR = "#1f4e79";
const TEXT_COLOUR = "#111111";
const MUTED = "#555555";

export type PdfBuilder = {
  /** The underlying pdfkit document, for what the layer does not wrap (images, badges). */
  readonly doc: PDFKit.PDFDocument;
  /** The width text may use on the current page. */
  readonly contentWidth: number;
  heading: (text: string) => PdfBuilder;
  paragraph: (text: string) => PdfBuilder;
  /** Label/value pairs, one line each ("Phase: Primary"). */
  fields: (pairs: readonly (readonly [string, string])[]) => PdfBuilder;
  table: (spec: TableSpec) => PdfBuilder;
  /** Space before the next block, in points. */
  gap: (points?: number) => PdfBuilder;
  /** Finishes the document (writes page numbers) and returns its bytes. */
  toBuffer: () => Promise<Buffer>;
};

/** Where the page's writable area ends (above the footer). */
export const pageBottom = (doc: PDFKit.PDFDocument): number =>
  doc.page.height - doc.page.margins.bottom - FOOTER_HEIGHT;

/** Starts a new page when fewer than `needed` points are left on this one. */
export const ensureSpace = (doc: PDFKit.PDFDocument, needed: number): void => {
  if (doc.y + needed > pageBottom(doc)) doc.addPage();
};

const drawHeader = (doc: PDFKit.PDFDocument, opts: DocumentOptions, colour: string): void => {
  const { width } = doc.page;
  const ink = textColourOn(colour);
  doc.save();
  doc.rect(0, 0, width, HEADER_HEIGHT).fill(colour);
  doc
    .fillColor(ink)
    .font(FONT_BOLD)
    .fontSize(14)
    .text(opts.hub.name, MARGIN, 14, { width: width - 2 * MARGIN, lineBreak: false, ellipsis: true });
  doc
    .font(FONT)
    .fontSize(10)
    .text(opts.title, MARGIN, 34, { width: width - 2 * MARGIN, lineBreak: false, ellipsis: true });
  doc.restore();
  doc.fillColor(TEXT_COLOUR).font(FONT).fontSize(10);
  doc.x = MARGIN;
  doc.y = HEADER_HEIGHT + 24;
};

const drawFooters = (doc: PDFKit.PDFDocument, opts: DocumentOptions): void => {
  const range = doc.bufferedPageRange();
  const printed = `Printed ${formatUkDate(opts.date)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    // Writing below the bottom margin would start a page of its own: lift the margin first.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = height - MARGIN + 8;
    doc.font(FONT).fontSize(8).fillColor(MUTED);
    doc.text(printed, MARGIN, y, { width: (width - 2 * MARGIN) / 2, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, width / 2, y, {
      width: (width - 2 * MARGIN) / 2,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
};

/**
 * A new A4 document with the hub's header on every page. pdfkit (~0.2 s to load) is loaded on the
 * first document, not at every start (decision 014).
 */
export const createPdf = async (opts: DocumentOptions): Promise<PdfBuilder> => {
  const { default: PDFDocument } = await import("pdfkit");
  const colour = HEX_COLOUR.test(opts.hub.colour) ? opts.hub.colour : DEFAULT_COLOUR;
  const doc = new PDFDocument({
    size: "A4",
    layout: opts.orientation ?? "portrait",
    margins: { top: HEADER_HEIGHT + 24, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: opts.title, Author: opts.author ?? opts.hub.name, Creator: "Tutti" },
    lang: "en-GB",
    displayTitle: true,
  });
  doc.on("pageAdded", () => drawHeader(doc, opts, colour));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.addPage();

  const builder: PdfBuilder = {
    doc,
    get contentWidth() {
      return doc.page.width - doc.page.margins.left - doc.page.margins.right;
    },
    heading: (text) => {
      doc.font(FONT_BOLD).fontSize(13);
      ensureSpace(doc, doc.heightOfString(text, { width: builder.contentWidth }) + 24);
      // Headings in the hub's colour when it reads on white (a dark colour), else in black.
      doc.fillColor(textColourOn(colour) === "#ffffff" ? colour : TEXT_COLOUR).text(text, MARGIN, doc.y, {
        width: builder.contentWidth,
      });
      doc.fillColor(TEXT_COLOUR).font(FONT).fontSize(10).moveDown(0.4);
      return builder;
    },
    paragraph: (text) => {
      doc.font(FONT).fontSize(10).fillColor(TEXT_COLOUR);
      ensureSpace(doc, Math.min(doc.heightOfString(text, { width: builder.contentWidth }), 40));
      doc.text(text, MARGIN, doc.y, { width: builder.contentWidth });
      doc.moveDown(0.5);
      return builder;
    },
    fields: (pairs) => {
      const labelWidth = Math.min(160, builder.contentWidth / 3);
      for (const [label, value] of pairs) {
        doc.fontSize(10);
        const valueWidth = builder.contentWidth - labelWidth;
        const h = Math.max(
          doc.font(FONT_BOLD).heightOfString(label, { width: labelWidth - 8 }),
          doc.font(FONT).heightOfString(value || "—", { width: valueWidth }),
        );
        ensureSpace(doc, h + 4);
        const y = doc.y;
        doc
          .font(FONT_BOLD)
          .fillColor(MUTED)
          .text(label, MARGIN, y, { width: labelWidth - 8 });
        doc
          .font(FONT)
          .fillColor(TEXT_COLOUR)
          .text(value || "—", MARGIN + labelWidth, y, { width: valueWidth });
        doc.y = y + h + 4;
      }
      doc.x = MARGIN;
      doc.moveDown(0.5);
      return builder;
    },
    table: (spec) => {
      drawTable(doc, spec, { left: MARGIN, width: builder.contentWidth, headerColour: colour });
      doc.x = MARGIN;
      doc.moveDown(0.5);
      return builder;
    },
    gap: (points = 10) => {
      doc.y += points;
      return builder;
    },
    toBuffer: () => {
      drawFooters(doc, opts);
      doc.end();
      return ended;
    },
  };
  return builder;
};
