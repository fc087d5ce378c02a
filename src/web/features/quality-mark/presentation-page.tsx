import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import { QM_LEVEL_LABELS } from "../../../shared/rules/quality-mark";
import type { Paged } from "../../../shared/schemas/common";
import type { CpdEvent } from "../../../shared/schemas/cpd";
import type { QmPresentation } from "../../../shared/schemas/quality-mark";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Alert,
  Button,
  buttonClasses,
  type Column,
  EmptyState,
  FormAlert,
  Loading,
  PageHeader,
  Select,
  Table,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { QM, ukDate } from "./quality-mark-api";
import { QualityMarkTabs } from "./quality-mark-tabs";

type School = QmPresentation["schools"][number];
const columns: Column<School>[] = [
  { key: "school", header: "School", rowHeader: true, cell: (s) => s.schoolName },
  { key: "urn", header: "URN", cell: (s) => s.urn },
  { key: "level", header: "Level", cell: (s) => QM_LEVEL_LABELS[s.level] },
  { key: "awarded", header: "Awarded on", cell: (s) => ukDate(s.awardedOn) },
];

const presentationKey = (year: string) => ["quality-mark", "presentation", year] as const;

/**
 * /quality-mark/presentation — the awards presentation: the CPD event at which a year's awards
 * are presented (a hub admin chooses it) and the schools to be presented, with the running order as a PDF.
 */
export function PresentationPage() {
  useDocumentTitle("Quality mark presentation");
  const admin = currentRole(useMe().data) === "hub_admin";
  const years = previousAcademicYears(academicYearOf(new Date()), 5).reverse();
  const [year, setYear] = useState(years[0] ?? "");
  const client = useQueryClient();
  const presentation = useQuery({
    queryKey: presentationKey(year),
    queryFn: ({ signal }) => api.get<QmPresentation>(`${QM}/presentation`, { year }, signal),
  });
  const events = useQuery({
    queryKey: ["quality-mark", "presentation-events"],
    queryFn: ({ signal }) => api.get<Paged<CpdEvent>>("/api/cpd/events", { pageSize: 200 }, signal),
    enabled: admin,
  });
  const [eventId, setEventId] = useState("");
  useEffect(() => {
    setEventId(presentation.data?.event?.id ?? "");
  }, [presentation.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put<QmPresentation>(`${QM}/presentation`, { academicYear: year, eventId: eventId || null }),
    onSuccess: (p) => client.setQueryData(presentationKey(p.academicYear), p),
  });
  const choosable = (events.data?.items ?? []).filter((e) => e.status !== "cancelled");
  const event = presentation.data?.event ?? null;
  return (
    <div>
      <PageHeader
        title="Quality mark presentation"
        description="The event at which a year's awards are presented, and the schools to be presented there."
      />
      <QualityMarkTabs />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <Select
          label="Academic year"
          value={year}
          onChange={(e) => {
            setYear(e.target.value);
            save.reset();
          }}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <a
          className={buttonClasses("secondary")}
          href={`${QM}/presentation.pdf?year=${encodeURIComponent(year)}`}
          download
        >
          Running order {year} (PDF)
        </a>
      </div>
      {presentation.isPending ? <Loading label="Loading the presentation…" /> : null}
      {presentation.isError ? <Alert tone="error">{errorMessage(presentation.error)}</Alert> : null}
      {presentation.data ? (
        <div className="space-y-6">
          <section aria-labelledby="qm-event" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="qm-event" className="text-lg font-semibold text-slate-900">
              Presentation event
            </h2>
            <p className="mt-1 text-sm">
              {event ? (
                <>
                  The {year} awards are presented at{" "}
                  <Link className="text-blue-800 underline" to={`/cpd/events/${event.id}`}>
                    {event.title}
                  </Link>{" "}
                  on {ukDate(event.startsAt)}.
                </>
              ) : (
                `No event is chosen for the ${year} awards yet.`
              )}
            </p>
            {admin ? (
              <div className="mt-3 flex flex-wrap items-end gap-3">
                <Select
                  label="CPD event for the presentation"
                  placeholder="No event"
                  value={eventId}
                  onChange={(e) => setEventId(e.target.value)}
                  options={choosable.map((e) => ({
                    value: e.id,
                    label: `${e.title} (${ukDate(e.startsAt)})`,
                  }))}
                />
                <Button type="button" pending={save.isPending} onClick={() => save.mutate()}>
                  Save the presentation event
                </Button>
              </div>
            ) : null}
            {admin && events.isSuccess && choosable.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">
                Create the event in{" "}
                <Link className="text-blue-800 underline" to="/cpd/events/new">
                  CPD
                </Link>{" "}
                first, then choose it here.
              </p>
            ) : null}
            <FormAlert message={save.isError ? errorMessage(save.error) : null} />
            {save.isSuccess ? (
              <p role="status" className="mt-2 text-sm text-green-800">
                Saved.
              </p>
            ) : null}
          </section>
          {presentation.data.schools.length ? (
            <Table
              caption={`Schools to be presented: ${year}`}
              showCaption
              columns={columns}
              rows={presentation.data.schools}
              rowKey={(s) => `${s.urn}-${s.level}-${s.awardedOn}`}
            />
          ) : (
            <EmptyState title={`No awards in ${year} yet`} />
          )}
        </div>
      ) : null}
    </div>
  );
}
