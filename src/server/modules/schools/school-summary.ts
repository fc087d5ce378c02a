import { PHASE_LABELS } from "../../../shared/rules/phase";
import { formatUkDate } from "../../../shared/rules/uk-date";
import { CONTACT_ROLE_LABELS, MUSIC_FIGURES, type School } from "../../../shared/schemas/schools";
import type { ServiceContext } from "../../platform/context";
import { createPdf } from "../../platform/documents/pdf-document";
import { notFound } from "../../platform/errors";
import { hubsRepository } from "../hubs/hubs.repository";
import { getSchool, type SchoolRef } from "./schools.service";

const orDash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === "" ? "—" : String(v);

const address = (s: School) => [s.street, s.locality, s.town, s.postcode].filter(Boolean).join(", ");

/** "School summary": one school's profile as a PDF, for whoever may read the profile. */
export const schoolSummaryPdf = async (
  ctx: ServiceContext,
  ref: SchoolRef,
): Promise<{ fileName: string; body: Buffer }> => {
  // getSchool applies the profile's permissions (and 404s a school the actor may not see).
  const school = await getSchool(ctx, ref);
  const hub = await hubsRepository(ctx.db).byId(ctx.actor.hubId);
  if (!hub) throw notFound("Hub");
  const pdf = await createPdf({
    hub: { name: hub.name, colour: hub.brandColour },
    title: `School summary: ${school.name}`,
    date: ctx.clock(),
  });
  pdf.heading(school.name).fields([
    ["URN", String(school.urn)],
    ["Phase", PHASE_LABELS[school.phase]],
    ["Address", orDash(address(school))],
    ["Local authority", orDash(school.laName)],
    ["Pupils", orDash(school.pupils)],
    ["Free school meals", school.percentFsm === null ? "—" : `${school.percentFsm}%`],
    ["Trust", orDash(school.trust)],
    ["Area", orDash(school.areaName)],
    ["Link officer", orDash(school.linkOfficerName)],
    [
      "Ofsted",
      school.ofstedRating
        ? `${school.ofstedRating}${school.ofstedDate ? `, ${formatUkDate(school.ofstedDate)}` : ""}`
        : "—",
    ],
  ]);
  if (school.contacts) {
    pdf.heading("Contacts").table({
      columns: [
        { header: "Role" },
        { header: "Name", weight: 1.5 },
        { header: "E-mail", weight: 2 },
        { header: "Phone" },
      ],
      rows: school.contacts.map((c) => [
        CONTACT_ROLE_LABELS[c.role],
        c.name,
        orDash(c.email),
        orDash(c.phone),
      ]),
      empty: "No contacts recorded",
    });
  }
  const years = [...school.musicData]
    .sort((a, b) => b.academicYear.localeCompare(a.academicYear))
    .slice(0, 4);
  pdf.heading("Music data").table({
    columns: [
      { header: "Figure", weight: 3 },
      ...years.map((y) => ({ header: y.academicYear, align: "right" as const })),
    ],
    rows: years.length ? MUSIC_FIGURES.map((f) => [f.label, ...years.map((y) => orDash(y[f.key]))]) : [],
    empty: "No music data recorded",
  });
  const fileName = `school-summary-${school.urn}.pdf`;
  return { fileName, body: await pdf.toBuffer() };
};
