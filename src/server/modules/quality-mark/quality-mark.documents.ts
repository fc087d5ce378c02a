import escapeHtml from "escape-html";
import { QM_LEVEL_LABELS, QM_LEVELS, type QmLevel } from "../../../shared/rules/quality-mark";
import { formatUkDate } from "../../../shared/rules/uk-date";
import type { ServiceContext } from "../../platform/context";
import { createPdf, FONT, FONT_BOLD } from "../../platform/documents/pdf-document";
import { forbidden } from "../../platform/errors";
import { londonDate } from "../engagement/visits.calendar";
import { awardFor, listAwards } from "./awards.service";
import { allows } from "./quality-mark.policy";
import { qmRepository } from "./quality-mark.repository";

/** Each level's colours: the badge's ring and fill, and the ink that reads on the fill. */
const LEVEL_COLOURS: Record<QmLevel, { ring: string; fill: string; ink: string }> = {
  bronze: { ring: "#7a4a1e", fill: "#cd7f32", ink: "#1a0f05" },
  silver: { ring: "#5b6770", fill: "#c0c7cc", ink: "#111111" },
  gold: { ring: "#7a5c00", fill: "#d4af37", ink: "#1a1400" },
  platinum: { ring: "#3d4a5c", fill: "#e5e4e2", ink: "#111111" },
};

const fileName = (school: string, level: string, year: string, ext: string) =>
  `${`${school} ${level} quality mark ${year.replace("/", "-")}`.replace(/[^A-Za-z0-9 -]/g, "").replace(/\s+/g, "-")}.${ext}`;

/**
 * GET …/awards/:id/certificate.pdf: A4 landscape, through the one PDF layer (the hub's band at
 * the top): the school's name, the level, the academic year and the hub's name, in large type.
 */
export const certificatePdf = async (ctx: ServiceContext, id: string) => {
  const a = await awardFor(ctx, id);
  const level = QM_LEVEL_LABELS[a.award.level];
  const pdf = await createPdf({
    hub: { name: a.hubName, colour: a.hubColour },
    title: `${level} quality mark certificate`,
    orientation: "landscape",
    date: ctx.clock(),
  });
  const { doc } = pdf;
  const width = pdf.contentWidth;
  const x = doc.page.margins.left;
  const centred = (text: string, font: string, size: number, colour = "#111111") => {
    doc.font(font).fontSize(size).fillColor(colour).text(text, x, doc.y, { width, align: "center" });
  };
  const c = LEVEL_COLOURS[a.award.level];
  doc.y += 40;
  centred("Music quality mark", FONT, 18, "#555555");
  doc.moveDown(0.6);
  centred("This is to certify that", FONT, 14);
  doc.moveDown(0.4);
  centred(a.schoolName, FONT_BOLD, 30);
  doc.moveDown(0.4);
  centred("has been awarded the", FONT, 14);
  doc.moveDown(0.3);
  centred(`${level} quality mark`, FONT_BOLD, 34, c.ring);
  doc.moveDown(0.4);
  centred(`for the academic year ${a.award.academicYear}`, FONT, 16);
  doc.moveDown(1.2);
  centred(`Awarded by ${a.hubName} on ${formatUkDate(a.award.awardedOn)}`, FONT, 12, "#333333");
  centred(`Valid until ${formatUkDate(a.award.validUntil)}`, FONT, 11, "#555555");
  return {
    name: fileName(a.schoolName, level, a.award.academicYear, "pdf"),
    body: await pdf.toBuffer(),
  };
};

/**
 * The letterhead badge as SVG: a roundel in the level's colours with the level and the year,
 * and the hub's name around the bottom. Text is escaped; the size is set by the viewBox.
 */
export const badgeSvgOf = (a: { level: QmLevel; academicYear: string; hubName: string }): string => {
  const c = LEVEL_COLOURS[a.level];
  const level = escapeHtml(QM_LEVEL_LABELS[a.level].toUpperCase());
  const hub = escapeHtml(a.hubName.length > 34 ? `${a.hubName.slice(0, 33)}…` : a.hubName);
  const year = escapeHtml(a.academicYear);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" role="img" aria-label="${level} music quality mark ${year}, ${hub}">
<title>${level} music quality mark ${year}</title>
<circle cx="256" cy="256" r="248" fill="${c.ring}"/>
<circle cx="256" cy="256" r="222" fill="${c.fill}"/>
<circle cx="256" cy="256" r="186" fill="none" stroke="${c.ring}" stroke-width="4"/>
<text x="256" y="150" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="30" fill="${c.ink}" text-anchor="middle">MUSIC QUALITY MARK</text>
<text x="256" y="280" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="${level.length > 6 ? 58 : 72}" font-weight="bold" fill="${c.ink}" text-anchor="middle">${level}</text>
<text x="256" y="345" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="40" fill="${c.ink}" text-anchor="middle">${year}</text>
<text x="256" y="400" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="20" fill="${c.ink}" text-anchor="middle">${hub}</text>
</svg>
`;
};

export const badgeSvg = async (ctx: ServiceContext, id: string) => {
  const a = await awardFor(ctx, id);
  return {
    name: fileName(a.schoolName, QM_LEVEL_LABELS[a.award.level], a.award.academicYear, "svg"),
    body: badgeSvgOf({ level: a.award.level, academicYear: a.award.academicYear, hubName: a.hubName }),
  };
};

/**
 * The badge as PNG at `size` pixels square, rendered from the same SVG by resvg (a Rust renderer
 * whose prebuilt binary is an npm package: nothing is downloaded at run time). Loaded on the
 * first badge, not at start.
 */
export const badgePng = async (ctx: ServiceContext, id: string, size: number) => {
  const { name, body } = await badgeSvg(ctx, id);
  const { Resvg } = await import("@resvg/resvg-js");
  const png = new Resvg(body, {
    fitTo: { mode: "width", value: size },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  return { name: name.replace(/\.svg$/, `-${size}.png`), body: Buffer.from(png) };
};

/**
 * GET …/presentation.pdf?year=: the schools to be presented at the year's awards event, by
 * level (highest first), for the host's running order (hub users).
 */
export const presentationPdf = async (ctx: ServiceContext, year: string) => {
  if (!allows(ctx.actor, "seeAll")) throw forbidden();
  const { items } = await listAwards(ctx, { page: 1, pageSize: 5000, year });
  const hub = await qmRepository(ctx.db).hub(ctx.actor.hubId);
  const event = await qmRepository(ctx.db).presentation(ctx.actor.hubId, year);
  const pdf = await createPdf({
    hub: { name: hub?.name ?? ctx.actor.hubName, colour: hub?.colour ?? "#1f4e79" },
    title: `Quality mark presentation ${year}`,
    date: ctx.clock(),
  });
  pdf.heading(`Schools to be presented: quality mark ${year}`);
  if (event) pdf.paragraph(`At ${event.title}, ${formatUkDate(londonDate(event.startsAt))}.`);
  for (const level of [...QM_LEVELS].reverse()) {
    const schools = items
      .filter((a) => a.level === level)
      .sort((a, b) => a.schoolName.localeCompare(b.schoolName, "en-GB"));
    if (!schools.length) continue;
    pdf.heading(`${QM_LEVEL_LABELS[level]} (${schools.length})`);
    pdf.table({
      columns: [
        { header: "School", weight: 3 },
        { header: "URN", weight: 1 },
        { header: "Awarded on", weight: 1.5 },
      ],
      rows: schools.map((a) => [a.schoolName, String(a.urn), formatUkDate(a.awardedOn)]),
    });
  }
  if (!items.length) pdf.paragraph("No awards in this academic year yet.");
  return { name: `quality-mark-presentation-${year.replace("/", "-")}.pdf`, body: await pdf.toBuffer() };
};
