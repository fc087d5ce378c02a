import { PDFParse } from "pdf-parse";

export type PdfText = { pages: { text: string; width: number; height: number }[] };

/** Test helper: the text and size of every page of a PDF (pdf-parse, i.e. pdf.js). */
export const readPdf = async (data: Buffer): Promise<PdfText> => {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo({ parsePageInfo: true });
    const sizes = info.pages ?? [];
    return {
      pages: text.pages.map((p, i) => ({
        text: p.text,
        width: Math.round(sizes[i]?.width ?? 0),
        height: Math.round(sizes[i]?.height ?? 0),
      })),
    };
  } finally {
    await parser.destroy();
  }
};
