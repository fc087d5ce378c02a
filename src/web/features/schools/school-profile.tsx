import { useQuery } from "@tanstack/react-query";
import { Download, ExternalLink, PencilLine } from "lucide-react";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import type { School } from "../../../shared/schemas/schools";
import { errorMessage, isApiError } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button, buttonClasses } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { RagPanel } from "../engagement/rag-panel";
import { SchoolTimelinePanel } from "../engagement/school-timeline-panel";
import { QualityMarkPanel } from "../quality-mark/school-downloads";
import { BackLink } from "./back-link";
import { ContactsCard } from "./contacts-card";
import { HubFieldsDialog } from "./hub-fields-dialog";
import { MusicDataSection } from "./music-data-section";
import { MusicTrendChart } from "./music-trend-chart";
import { phaseLabel } from "./school-filters";
import { schoolQuery } from "./schools-api";
import { SchoolsTabs } from "./schools-tabs";
import { StatusBadge } from "./status-badge";

const join = (parts: Array<string | null | undefined>, separator = ", "): string | null => {
  const kept = parts.filter((p): p is string => Boolean(p?.trim()));
  return kept.length ? kept.join(separator) : null;
};

const websiteHref = (site: string): string => (/^https?:\/\//i.test(site) ? site : `https://${site}`);

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm font-medium text-slate-700">{term}</dt>
      <dd className="text-sm break-words text-slate-900">{children ?? "—"}</dd>
    </div>
  );
}

const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === "" ? "—" : String(value);

function RegisterFacts({ school }: { school: School }) {
  const ages =
    school.statutoryLowAge !== null && school.statutoryHighAge !== null
      ? `${school.statutoryLowAge} to ${school.statutoryHighAge}`
      : null;
  const head = join([
    join([school.headTitle, school.headFirstName, school.headLastName], " "),
    school.headJobTitle,
  ]);
  const ofsted = school.ofstedRating
    ? `${school.ofstedRating}${school.ofstedDate ? ` (inspected ${formatDate(school.ofstedDate)})` : ""}`
    : null;
  return (
    <section aria-labelledby="register-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="register-heading" className="text-lg font-semibold text-slate-900">
        From the register
      </h2>
      <p className="mb-2 text-xs text-slate-700">
        Source: {school.source === "gias" ? "Get Information About Schools" : school.source}
      </p>
      <dl className="divide-y divide-slate-100">
        <Fact term="LAEstab">{orDash(school.laestab)}</Fact>
        <Fact term="Local authority">{join([school.laCode, school.laName], " ") ?? "—"}</Fact>
        <Fact term="Type">{orDash(school.typeName)}</Fact>
        <Fact term="Age range">{ages ?? "—"}</Fact>
        <Fact term="Pupils on roll">{school.pupils === null ? "—" : formatNumber(school.pupils)}</Fact>
        <Fact term="% FSM">{school.percentFsm === null ? "—" : `${school.percentFsm.toFixed(1)}%`}</Fact>
        <Fact term="Sixth form">{orDash(school.sixthForm)}</Fact>
        <Fact term="Trust">{orDash(school.trust)}</Fact>
        <Fact term="Address">
          {join([
            school.street,
            school.locality,
            school.address3,
            school.town,
            school.county,
            school.postcode,
          ]) ?? "—"}
        </Fact>
        <Fact term="Phone">{orDash(school.phone)}</Fact>
        <Fact term="Website">
          {school.website ? (
            <a
              href={websiteHref(school.website)}
              target="_blank"
              rel="noreferrer"
              className={cx("inline-flex items-center gap-1 text-blue-800 underline", focusRing)}
            >
              {school.website}
              <ExternalLink aria-hidden="true" className="size-3.5" />
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            "—"
          )}
        </Fact>
        <Fact term="Headteacher">{head ?? "—"}</Fact>
        <Fact term="Ofsted">{ofsted ?? "—"}</Fact>
        <Fact term="District">{orDash(school.district)}</Fact>
        <Fact term="Constituency">{orDash(school.constituency)}</Fact>
        <Fact term="Urban or rural">{orDash(school.urbanRural)}</Fact>
        <Fact term="SEN provision">{school.senProvision.length ? school.senProvision.join(", ") : "—"}</Fact>
        <Fact term="Opened">{school.openDate ? formatDate(school.openDate) : "—"}</Fact>
        {school.closeDate ? <Fact term="Closed">{formatDate(school.closeDate)}</Fact> : null}
      </dl>
    </section>
  );
}

function HubFields({ school, onEdit }: { school: School; onEdit: (() => void) | null }) {
  return (
    <section aria-labelledby="hub-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="hub-heading" className="text-lg font-semibold text-slate-900">
          Hub details
        </h2>
        {onEdit ? (
          <Button
            variant="secondary"
            size="sm"
            icon={<PencilLine aria-hidden="true" className="size-4" />}
            onClick={onEdit}
          >
            Edit area and link officer
          </Button>
        ) : null}
      </div>
      <dl className="divide-y divide-slate-100">
        <Fact term="Area">
          {school.areaName ? (
            <>
              {school.areaName}{" "}
              <span className="text-slate-700">
                ({school.areaSource === "hand" ? "set by hand" : "set by rule"})
              </span>
            </>
          ) : (
            "No area"
          )}
        </Fact>
        <Fact term="Link officer">{school.linkOfficerName ?? "No link officer"}</Fact>
        <Fact term="Tags">
          {school.tags.length ? (
            <span className="flex flex-wrap gap-1">
              {school.tags.map((t) => (
                <Badge key={t} tone="blue">
                  {t}
                </Badge>
              ))}
            </span>
          ) : (
            "None"
          )}
        </Fact>
      </dl>
    </section>
  );
}

function Timeline({ school }: { school: School }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-slate-900">
        Timeline
      </h2>
      {school.timeline.length === 0 ? (
        <p className="text-sm text-slate-700">Nothing has happened yet.</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
          {school.timeline.map((item) => (
            <li key={`${item.at}-${item.kind}-${item.title}`} className="text-sm">
              <p className="text-xs text-slate-700">
                <time dateTime={item.at}>{formatDateTime(item.at)}</time>
              </p>
              <p className="font-medium text-slate-900">{item.title}</p>
              {item.detail ? <p className="text-slate-800">{item.detail}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A school's profile: register facts, hub details, contacts, music data and timeline. */
export function SchoolProfile({ urn }: { urn: number }) {
  const school = useQuery(schoolQuery(urn));
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useDocumentTitle(school.data?.name ?? "School", "Schools");

  if (school.isPending) return <Loading label="Loading the school…" />;
  if (school.isError) {
    const notFound = isApiError(school.error) && school.error.status === 404;
    return (
      <div>
        <PageHeader title={notFound ? "School not found" : "The school could not be loaded"} />
        <Alert tone="error">
          {notFound ? `There is no school with URN ${urn} in this hub.` : errorMessage(school.error)}
        </Alert>
        <p className="mt-4">
          <Link to="/schools" className={cx("text-blue-800 underline", focusRing)}>
            Back to the schools
          </Link>
        </p>
      </div>
    );
  }
  const s = school.data;
  return (
    <div>
      <BackLink />
      <PageHeader
        title={s.name}
        actions={
          <a href={`/api/schools/${s.urn}/summary.pdf`} download className={buttonClasses("secondary")}>
            <Download aria-hidden="true" className="size-4" />
            Download PDF
          </a>
        }
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>URN {s.urn}</span>
            <span>{phaseLabel(s.phase)}</span>
            {s.typeName ? <span>{s.typeName}</span> : null}
            <StatusBadge status={s.status} />
          </span>
        }
      />
      <SchoolsTabs />
      <div aria-live="polite">
        {notice ? (
          <Alert tone="success" className="mb-4">
            {notice}
          </Alert>
        ) : null}
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <HubFields school={s} onEdit={s.can.edit ? () => setEditing(true) : null} />
          <MusicDataSection school={s} />
          <MusicTrendChart years={s.musicData} />
          <RegisterFacts school={s} />
        </div>
        <div className="min-w-0 space-y-6">
          {s.contacts ? <ContactsCard school={s} contacts={s.contacts} /> : null}
          {s.can.edit ? <RagPanel urn={s.urn} /> : null}
          <QualityMarkPanel urn={s.urn} />
          <SchoolTimelinePanel urn={s.urn} />
          <Timeline school={s} />
        </div>
      </div>
      {editing ? (
        <HubFieldsDialog
          school={s}
          onClose={() => setEditing(false)}
          onSaved={(message) => {
            setEditing(false);
            setNotice(message);
          }}
        />
      ) : null}
    </div>
  );
}
