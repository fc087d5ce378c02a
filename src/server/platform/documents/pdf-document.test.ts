import { describe, expect, it } from "vitest";
import { readPdf } from "../../testing/pdf-text";
import { createPdf } from "./pdf-document";

const hub = { name: "Northshire Music Hub", colour: "#7a1f5c" };
const date = new Date("2026-12-02T09:30:00Z");

const rows = Array.from({ length: 80 }, (_, i) => [`School ${i + 1}`, `Area ${(i % 4) + 1}`, String(i * 3)]);

describe("createPdf", () => {
  it("puts the hub's name, the title and 'Page n of N' on every page", async () => {
    const pdf = await createPdf({ hub, title: "Visit report", date });
    pdf.heading("Summary").paragraph("A short paragraph.");
    pdf.table({
      columns: [{ header: "School", weight: 3 }, { header: "Area" }, { header: "Pupils", align: "right" }],
      rows,
    });
    const { pages } = await readPdf(await pdf.toBuffer());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page.text).toContain("Northshire Music Hub");
      expect(page.text).toContain("Visit report");
      expect(page.text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page.text).toContain("Printed 2 December 2026");
    });
  });

  it("repeats the table's header row on the page a table runs onto, and never loses a row", async () => {
    const pdf = await createPdf({ hub, title: "Schools", date });
    pdf.table({
      columns: [{ header: "School name" }, { header: "Area served" }, { header: "Pupils" }],
      rows,
    });
    const { pages } = await readPdf(await pdf.toBuffer());
    const second = pages[1]?.text ?? "";
    expect(second).toContain("School name");
    expect(second).toContain("Area served");
    const all = pages.map((p) => p.text).join("\n");
    for (const [name] of rows) expect(all).toMatch(new RegExp(`${name}\\b`));
    // Each row appears once: a row is never split or printed twice.
    expect(all.match(/School 80\b/g)?.length).toBe(1);
  });

  it("makes A4 portrait by default and A4 landscape on request", async () => {
    const portrait = await readPdf(await (await createPdf({ hub, title: "Letter", date })).toBuffer());
    expect(portrait.pages[0]).toMatchObject({ width: 595, height: 842 });
    const landscape = await readPdf(
      await (await createPdf({ hub, title: "Hub plan 2026/27", date, orientation: "landscape" })).toBuffer(),
    );
    expect(landscape.pages[0]).toMatchObject({ width: 842, height: 595 });
    expect(landscape.pages[0]?.text).toContain("Hub plan 2026/27");
  });

  it("writes label/value fields and an empty table's message", async () => {
    const pdf = await createPdf({
      hub: { name: "Eastby Hub", colour: "not a colour" },
      title: "Profile",
      date,
    });
    pdf.fields([
      ["Phase", "Primary"],
      ["Head teacher", ""],
    ]);
    pdf.table({ columns: [{ header: "Year" }, { header: "Pupils" }], rows: [], empty: "No figures yet" });
    const text = (await readPdf(await pdf.toBuffer())).pages.map((p) => p.text).join("\n");
    expect(text).toContain("Phase");
    expect(text).toContain("Primary");
    expect(text).toContain("Head teacher");
    expect(text).toContain("No figures yet");
  });
});
