import { useQuery } from "@tanstack/react-query";
import { QM_LEVEL_LABELS } from "../../../shared/rules/quality-mark";
import type { QmAward } from "../../../shared/schemas/quality-mark";
import { errorMessage } from "../../api/client";
import { Alert, Badge, buttonClasses, Loading } from "../../components/ui";
import { AWARD_STATUS_LABELS, awardsQuery, QM, ukDate } from "./quality-mark-api";

/** The certificate and badge links of one award. */
export function AwardDownloads({ award }: { award: QmAward }) {
  const base = `${QM}/awards/${award.id}`;
  const what = `${QM_LEVEL_LABELS[award.level]} ${award.academicYear}`;
  return (
    <span className="flex flex-wrap gap-2">
      <a className={buttonClasses("secondary", "sm")} href={`${base}/certificate.pdf`} download>
        Certificate (PDF)<span className="sr-only">, {what}</span>
      </a>
      <a className={buttonClasses("secondary", "sm")} href={`${base}/badge.svg`} download>
        Badge (SVG)<span className="sr-only">, {what}</span>
      </a>
      <a className={buttonClasses("secondary", "sm")} href={`${base}/badge.png?size=512`} download>
        Badge for the web (PNG)<span className="sr-only">, {what}</span>
      </a>
      <a className={buttonClasses("secondary", "sm")} href={`${base}/badge.png?size=1024`} download>
        Badge for print (PNG)<span className="sr-only">, {what}</span>
      </a>
    </span>
  );
}

/** A school's awards with their downloads (the school's own quality mark page). */
export function SchoolDownloads() {
  const awards = useQuery(awardsQuery({ page: 1, pageSize: 50 }));
  return (
    <section aria-labelledby="qm-downloads" className="mt-8">
      <h2 id="qm-downloads" className="mb-2 text-lg font-semibold text-slate-900">
        Your awards and downloads
      </h2>
      {awards.isPending ? <Loading label="Loading your awards…" /> : null}
      {awards.isError ? <Alert tone="error">{errorMessage(awards.error)}</Alert> : null}
      {awards.data && awards.data.items.length === 0 ? (
        <p className="text-sm text-slate-700">No awards yet.</p>
      ) : null}
      <ul className="space-y-3">
        {awards.data?.items.map((a) => (
          <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <p className="mb-2">
              <strong>{QM_LEVEL_LABELS[a.level]}</strong> {a.academicYear}, awarded {ukDate(a.awardedOn)},
              valid until {ukDate(a.validUntil)}{" "}
              <Badge tone={a.status === "expired" ? "red" : "green"}>{AWARD_STATUS_LABELS[a.status]}</Badge>
            </p>
            <AwardDownloads award={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The small panel on a school's profile: its awards (hub users, and the school's own users). */
export function QualityMarkPanel({ urn }: { urn: number }) {
  const awards = useQuery(awardsQuery({ urn, page: 1, pageSize: 10 }));
  return (
    <section aria-labelledby="qm-panel" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="qm-panel" className="text-lg font-semibold text-slate-900">
        Music quality mark
      </h2>
      {awards.isPending ? <Loading label="Loading the quality mark…" /> : null}
      {awards.data && awards.data.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No award yet.</p>
      ) : null}
      <ul className="mt-2 space-y-2 text-sm">
        {awards.data?.items.map((a) => (
          <li key={a.id}>
            <Badge tone={a.status === "expired" ? "neutral" : "green"}>{QM_LEVEL_LABELS[a.level]}</Badge>{" "}
            {a.academicYear}, valid until {ukDate(a.validUntil)} (
            {AWARD_STATUS_LABELS[a.status].toLowerCase()})
          </li>
        ))}
      </ul>
    </section>
  );
}
