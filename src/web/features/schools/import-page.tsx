import { useQueryClient } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import type { ImportSummary } from "../../../shared/schemas/schools";
import { errorMessage, isApiError } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClasses } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { controlClasses, FieldLabel } from "../../components/ui/field";
import { PageHeader } from "../../components/ui/page-header";
import { Select } from "../../components/ui/select";
import { formatNumber } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { RecentImports, recentImportsKey } from "./recent-imports";
import { schoolsKeys } from "./schools-api";
import { SchoolsTabs } from "./schools-tabs";
import {
  type ImportKind,
  type ImportProgress,
  type LaChoice,
  readImportErrors,
  readLaOptions,
  uploadImport,
} from "./upload-import";

type Outcome =
  | { kind: "done"; summary: ImportSummary }
  | { kind: "rowErrors"; message: string; errors: ImportSummary["errors"] }
  | { kind: "chooseLas"; message: string; options: LaChoice[] }
  | { kind: "failed"; message: string };

const KINDS: Array<{ value: ImportKind; label: string; hint: string }> = [
  {
    value: "gias",
    label: "GIAS extract",
    hint: "The register of schools from Get Information About Schools: adds new schools, updates the others and marks closed ones.",
  },
  {
    value: "music-data",
    label: "Music data",
    hint: "Yearly music figures per school, in the layout of the music data template.",
  },
];

const progressText = (p: ImportProgress): { label: string; percent: number | null } => {
  if (p.phase === "uploading") {
    const percent = p.total ? Math.round((p.loaded / p.total) * 100) : null;
    return { label: `Uploading the file${percent === null ? "…" : `: ${percent}%`}`, percent };
  }
  const percent = p.total ? Math.min(100, Math.round((p.processed / p.total) * 100)) : null;
  return {
    label: `Checking and importing: ${formatNumber(p.rowsRead)} rows read${percent === null ? "" : ` (${percent}%)`}`,
    percent,
  };
};

function Summary({ summary }: { summary: ImportSummary }) {
  const items: Array<[string, number]> = [
    ["Created", summary.created],
    ["Updated", summary.updated],
    ["Unchanged", summary.unchanged],
    ["Closed", summary.closed],
    ["Skipped", summary.skipped],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-md border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-700">{label}</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{formatNumber(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ErrorTable({ errors, caption }: { errors: ImportSummary["errors"]; caption: string }) {
  return (
    <section
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={cx("relative max-h-96 overflow-auto rounded-md border border-slate-200 bg-white", focusRing)}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              Row
            </th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              Column
            </th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {errors.map((e) => (
            <tr key={`${e.row}-${e.column}-${e.message}`}>
              <td className="px-3 py-1.5 text-right tabular-nums">{e.row || "—"}</td>
              <td className="px-3 py-1.5">{e.column || "—"}</td>
              <td className="px-3 py-1.5">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ImportPage() {
  useDocumentTitle("Import schools");
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>("gias");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [chosenLas, setChosenLas] = useState<string[]>([]);
  const [laError, setLaError] = useState<string | null>(null);
  const current = academicYearOf(new Date());
  const [templateYear, setTemplateYear] = useState(current);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const fileId = useId();
  const progressId = useId();

  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const run = async (laCodes?: string[]) => {
    if (!file) {
      setFileError("Choose a CSV file to import");
      return;
    }
    setFileError(undefined);
    setBusy(true);
    setOutcome(null);
    setProgress({ phase: "uploading", loaded: 0, total: file.size });
    try {
      const summary = await uploadImport({
        file,
        source: kind,
        laCodes,
        csrfToken: me?.csrfToken ?? null,
        onProgress: setProgress,
      });
      setOutcome({ kind: "done", summary });
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.hub });
    } catch (error) {
      const details = isApiError(error) ? error.details : null;
      const options = readLaOptions(details);
      const rows = readImportErrors(details);
      if (options && options.length > 0) {
        setChosenLas([]);
        setOutcome({ kind: "chooseLas", message: errorMessage(error), options });
      } else if (rows && rows.length > 0) {
        setOutcome({ kind: "rowErrors", message: errorMessage(error), errors: rows });
      } else setOutcome({ kind: "failed", message: errorMessage(error) });
    } finally {
      setBusy(false);
      setProgress(null);
      void queryClient.invalidateQueries({ queryKey: recentImportsKey });
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run();
  };

  const shown = progress ? progressText(progress) : null;
  const hint = KINDS.find((k) => k.value === kind)?.hint;
  const years = previousAcademicYears(current, 5).reverse();

  return (
    <div>
      <PageHeader
        title="Import schools"
        description="Bring in the register of schools from GIAS, or a year of music data for many schools at once."
      />
      <SchoolsTabs />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          <form
            noValidate
            onSubmit={submit}
            className="space-y-5 rounded-lg border border-slate-200 bg-white p-4"
            aria-labelledby="import-form-heading"
          >
            <h2 id="import-form-heading" className="text-lg font-semibold text-slate-900">
              Upload a file
            </h2>
            <fieldset>
              <legend className="text-sm font-medium text-slate-900">What are you importing?</legend>
              <div className="mt-2 flex flex-wrap gap-4 text-sm">
                {KINDS.map((k) => (
                  <label key={k.value} className="inline-flex items-center gap-2">
                    <input
                      type="radio"
                      name="source"
                      value={k.value}
                      checked={kind === k.value}
                      disabled={busy}
                      onChange={() => {
                        setKind(k.value);
                        setOutcome(null);
                      }}
                      className={cx("size-4 accent-blue-800", focusRing)}
                    />
                    {k.label}
                  </label>
                ))}
              </div>
              <p className="mt-2 text-sm text-slate-700">{hint}</p>
            </fieldset>
            <div className="space-y-1">
              <FieldLabel htmlFor={fileId}>CSV file</FieldLabel>
              <p id={`${fileId}-description`} className="text-sm text-slate-600">
                {kind === "gias"
                  ? "The establishment fields CSV as downloaded (Windows-1252 or UTF-8). Only schools in the hub's local authorities are imported."
                  : "A CSV in the layout of the music data template."}
              </p>
              {fileError ? (
                <p id={`${fileId}-error`} className="text-sm font-medium text-red-700">
                  {fileError}
                </p>
              ) : null}
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                disabled={busy}
                aria-invalid={fileError ? true : undefined}
                aria-describedby={[`${fileId}-description`, fileError ? `${fileId}-error` : null]
                  .filter(Boolean)
                  .join(" ")}
                className={cx(
                  controlClasses(Boolean(fileError)),
                  "file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1",
                )}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  setOutcome(null);
                  setFileError(undefined);
                }}
              />
            </div>
            <Button type="submit" pending={busy} icon={<Upload aria-hidden="true" className="size-4" />}>
              Import
            </Button>
          </form>

          <div aria-live="polite" className="space-y-2">
            {shown ? (
              <div className="rounded-lg border border-slate-200 bg-white p-4">
                <label htmlFor={progressId} className="block text-sm font-medium text-slate-900">
                  {shown.label}
                </label>
                <progress
                  id={progressId}
                  max={100}
                  value={shown.percent ?? undefined}
                  className="mt-2 h-3 w-full accent-blue-800"
                >
                  {shown.percent === null ? "" : `${shown.percent}%`}
                </progress>
                {progress?.phase === "processing" ? (
                  <p className="mt-2 text-sm text-slate-700">
                    The file is on the server: the import carries on even if you leave this page.
                  </p>
                ) : null}
              </div>
            ) : null}
          </div>

          {outcome ? (
            <section aria-labelledby="import-result-heading" className="space-y-3">
              <h2
                id="import-result-heading"
                ref={resultRef}
                tabIndex={-1}
                className="text-lg font-semibold text-slate-900 focus:outline-none"
              >
                {outcome.kind === "done"
                  ? "Import finished"
                  : outcome.kind === "chooseLas"
                    ? "Choose the hub's local authorities"
                    : "The file was not imported"}
              </h2>
              {outcome.kind === "done" ? (
                <>
                  <Alert tone="success">
                    {file?.name ?? "The file"} has been imported.{" "}
                    <Link to="/schools" className={cx("underline", focusRing)}>
                      See the schools
                    </Link>
                  </Alert>
                  <Summary summary={outcome.summary} />
                  {outcome.summary.errors.length > 0 ? (
                    <>
                      <p className="text-sm text-slate-800">Some rows were skipped:</p>
                      <ErrorTable errors={outcome.summary.errors} caption="Rows skipped" />
                    </>
                  ) : null}
                </>
              ) : null}
              {outcome.kind === "rowErrors" ? (
                <>
                  <Alert tone="error" title="Nothing was changed">
                    {outcome.message.replace(/\.$/, "")}. Correct these rows in the file and import it again.
                  </Alert>
                  <ErrorTable errors={outcome.errors} caption="Problems found in the file" />
                </>
              ) : null}
              {outcome.kind === "failed" ? (
                <Alert tone="error" title="Nothing was changed">
                  {outcome.message}
                </Alert>
              ) : null}
              {outcome.kind === "chooseLas" ? (
                <form
                  noValidate
                  className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (chosenLas.length === 0) {
                      setLaError("Choose at least one local authority");
                      return;
                    }
                    setLaError(null);
                    void run(chosenLas);
                  }}
                >
                  <Alert tone="info">
                    {outcome.message} The hub has not chosen its local authorities yet: choose the ones it
                    covers. Only their schools are imported.
                  </Alert>
                  <fieldset>
                    <legend className="text-sm font-medium text-slate-900">
                      Local authorities in this file
                    </legend>
                    {laError ? (
                      <p role="alert" className="text-sm font-medium text-red-700">
                        {laError}
                      </p>
                    ) : null}
                    <ul className="mt-2 space-y-1 text-sm">
                      {outcome.options.map((o) => (
                        <li key={o.code}>
                          <label className="inline-flex items-center gap-2">
                            <input
                              type="checkbox"
                              value={o.code}
                              checked={chosenLas.includes(o.code)}
                              onChange={(event) =>
                                setChosenLas((list) =>
                                  event.target.checked ? [...list, o.code] : list.filter((c) => c !== o.code),
                                )
                              }
                              className={cx("size-4 accent-blue-800", focusRing)}
                            />
                            {o.code} {o.name ?? ""} ({formatNumber(o.schools)}{" "}
                            {o.schools === 1 ? "school" : "schools"})
                          </label>
                        </li>
                      ))}
                    </ul>
                  </fieldset>
                  <Button type="submit" pending={busy}>
                    Import these local authorities
                  </Button>
                </form>
              ) : null}
            </section>
          ) : null}
        </div>

        <aside className="min-w-0 space-y-6">
          <RecentImports />
          <section
            aria-labelledby="gias-help"
            className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
          >
            <h2 id="gias-help" className="mb-2 text-base font-semibold text-slate-900">
              Where to get the GIAS extract
            </h2>
            <ol className="list-decimal space-y-1 pl-5 text-slate-800">
              <li>
                Open{" "}
                <a
                  href="https://get-information-schools.service.gov.uk/Downloads"
                  target="_blank"
                  rel="noreferrer"
                  className={cx("text-blue-800 underline", focusRing)}
                >
                  Get Information About Schools<span className="sr-only"> (opens in a new tab)</span>
                </a>
                .
              </li>
              <li>Go to Downloads → Establishment fields CSV.</li>
              <li>Upload the file here as it is: no need to open it in Excel first.</li>
            </ol>
            <p className="mt-2 text-slate-700">Importing the same file again changes nothing.</p>
          </section>
          <section
            aria-labelledby="template-help"
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
          >
            <h2 id="template-help" className="text-base font-semibold text-slate-900">
              Music data template
            </h2>
            <p className="text-slate-800">
              A CSV with one row per school and a column per figure, ready for schools or link officers to
              fill in.
            </p>
            <Select
              label="Academic year"
              options={years.map((y) => ({ value: y, label: y }))}
              value={templateYear}
              onChange={(event) => setTemplateYear(event.target.value)}
            />
            <a
              href={`/api/schools/music-data/template?year=${encodeURIComponent(templateYear)}`}
              download
              className={buttonClasses("secondary")}
            >
              <Download aria-hidden="true" className="size-4" />
              Download the music data template
            </a>
          </section>
        </aside>
      </div>
    </div>
  );
}
