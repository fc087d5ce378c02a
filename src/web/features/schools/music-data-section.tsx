import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { PencilLine } from "lucide-react";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { inSentence } from "../../../shared/messages";
import { AcademicYear, academicYearOf, previousAcademicYears } from "../../../shared/rules/academic-year";
import { figureApplies } from "../../../shared/rules/figures-for-phase";
import { PHASE_LABELS } from "../../../shared/rules/phase";
import {
  MUSIC_FIGURES,
  type MusicFigureKey,
  MusicFigures,
  type MusicYear,
  type School,
} from "../../../shared/schemas/schools";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { formatDateTime, formatNumber } from "../../lib/format";
import { applyServerErrors } from "../../lib/server-errors";
import { putMusicData, schoolsKeys } from "./schools-api";

const FIGURE_KEYS = MUSIC_FIGURES.map((f) => f.key);
const isFigureKey = (key: string): key is MusicFigureKey => (FIGURE_KEYS as readonly string[]).includes(key);

/** Who entered a figure and when, shown under the figure (readable on touch, no hovering). */
const provenanceText = (year: MusicYear, key: string): string | undefined => {
  const p = year.provenance[key];
  if (!p) return undefined;
  return `${p.byName ?? "Import"}, ${formatDateTime(p.at)}`;
};

/** The figures asked of this school: those for its phase, and any already held for another. */
const figuresShown = (school: School) =>
  MUSIC_FIGURES.filter(
    (f) =>
      figureApplies(f.key, school.phase) ||
      school.musicData.some((y) => y[f.key] !== null && y[f.key] !== undefined),
  );

function Provenance({ year, figure }: { year: MusicYear; figure: string }) {
  const text = provenanceText(year, figure);
  return text ? (
    <span className="block text-xs font-normal whitespace-nowrap text-slate-700">{text}</span>
  ) : null;
}

/** The newest provenance of a year: who last entered figures, and when. */
const lastEntry = (year: MusicYear): string => {
  const entries = Object.values(year.provenance).sort((a, b) => b.at.localeCompare(a.at));
  const newest = entries[0];
  if (!newest) return `Updated ${formatDateTime(year.updatedAt)}`;
  return `${newest.byName ?? "Import"}, ${formatDateTime(newest.at)}`;
};

const sdpText = (value: boolean | null | undefined): string =>
  value === true ? "Yes" : value === false ? "No" : "—";

const formSchema = (pupils: number | null) =>
  MusicFigures.extend({ academicYear: AcademicYear }).superRefine((values, ctx) => {
    if (pupils === null) return;
    for (const figure of MUSIC_FIGURES) {
      const value = values[figure.key];
      if (figure.max === "pupils" && typeof value === "number" && value > pupils)
        ctx.addIssue({
          code: "custom",
          path: [figure.key],
          message: `Cannot be more than the ${formatNumber(pupils)} pupils on roll`,
        });
      if (typeof figure.max === "number" && typeof value === "number" && value > figure.max)
        ctx.addIssue({ code: "custom", path: [figure.key], message: `Cannot be more than ${figure.max}` });
    }
  });
type FormInput = z.input<ReturnType<typeof formSchema>>;
type FormOutput = z.output<ReturnType<typeof formSchema>>;

const valuesFor = (academicYear: string, year: MusicYear | undefined): FormInput => {
  const values: FormInput = { academicYear, sdpMusic: year?.sdpMusic ?? null };
  for (const key of FIGURE_KEYS) values[key] = year?.[key] ?? null;
  return values;
};

const toNumber = (value: unknown): number | null => {
  if (value === "" || value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isNaN(n) ? null : n;
};

function MusicDataDialog({
  school,
  initialYear,
  onClose,
  onSaved,
}: {
  school: School;
  initialYear: string;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const current = academicYearOf(new Date());
  const years = previousAcademicYears(current, 6).reverse();
  if (!years.includes(initialYear)) years.push(initialYear);
  const byYear = new Map(school.musicData.map((y) => [y.academicYear, y]));
  const [formError, setFormError] = useState<string | null>(null);
  const sdpId = useId();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema(school.pupils)),
    defaultValues: valuesFor(initialYear, byYear.get(initialYear)),
  });

  const onSubmit = handleSubmit(async ({ academicYear, ...figures }) => {
    setFormError(null);
    try {
      // Only the figures asked of this phase are sent; others held from before are left as they are.
      const asked = Object.fromEntries(
        Object.entries(figures).filter(([key]) => !isFigureKey(key) || figureApplies(key, school.phase)),
      );
      await putMusicData(school.urn, academicYear, asked);
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.detail(school.urn) });
      onSaved(`Music data for ${academicYear} saved.`);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, [...FIGURE_KEYS, "sdpMusic"]));
    }
  });

  const yearField = register("academicYear");
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title="Enter music data"
      description={`${school.name}. Leave a figure empty when it is not known.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="music-data-form" pending={isSubmitting}>
            Save figures
          </Button>
        </>
      }
    >
      <form id="music-data-form" noValidate onSubmit={onSubmit} className="space-y-4">
        <FormAlert message={formError} />
        <Select
          label="Academic year"
          options={years.map((y) => ({ value: y, label: y === current ? `${y} (this year)` : y }))}
          error={errors.academicYear?.message}
          {...yearField}
          onChange={(event) => {
            const year = event.target.value;
            reset(valuesFor(year, byYear.get(year)));
            return yearField.onChange(event);
          }}
          className="sm:w-56"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          {MUSIC_FIGURES.filter((figure) => figureApplies(figure.key, school.phase)).map((figure) => (
            <TextField
              key={figure.key}
              label={figure.label}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              error={errors[figure.key]?.message}
              {...register(figure.key, { setValueAs: toNumber })}
            />
          ))}
        </div>
        <Controller
          control={control}
          name="sdpMusic"
          render={({ field }) => (
            <fieldset aria-describedby={errors.sdpMusic ? `${sdpId}-error` : undefined}>
              <legend className="text-sm font-medium text-slate-900">
                Does music feature in the school development plan?
              </legend>
              <div className="mt-2 flex flex-wrap gap-4 text-sm">
                {(
                  [
                    ["yes", "Yes", true],
                    ["no", "No", false],
                    ["unknown", "Not known", null],
                  ] as const
                ).map(([value, label, meaning]) => (
                  <label key={value} className="inline-flex items-center gap-2">
                    <input
                      type="radio"
                      name={field.name}
                      value={value}
                      checked={(field.value ?? null) === meaning}
                      onChange={() => field.onChange(meaning)}
                      onBlur={field.onBlur}
                      className={cx("size-4 accent-blue-800", focusRing)}
                    />
                    {label}
                  </label>
                ))}
              </div>
              {errors.sdpMusic ? (
                <p id={`${sdpId}-error`} className="mt-1 text-sm font-medium text-red-700">
                  {errors.sdpMusic.message}
                </p>
              ) : null}
            </fieldset>
          )}
        />
      </form>
    </Dialog>
  );
}

/** Row labels stay put while the years scroll sideways. */
const ROW_LABEL =
  "sticky left-0 z-10 min-w-40 max-w-56 bg-white px-3 py-1.5 text-left font-normal text-slate-900 shadow-[1px_0_0_0_var(--color-slate-200)]";

const cellValue = (year: MusicYear, key: MusicFigureKey): string => {
  const value = year[key];
  return value === null || value === undefined ? "—" : formatNumber(value);
};

/** Yearly music data: figures by year (newest first), the form to enter a year, and who entered what. */
export function MusicDataSection({ school }: { school: School }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const years = [...school.musicData].sort((a, b) => b.academicYear.localeCompare(a.academicYear));
  const current = academicYearOf(new Date());
  return (
    <section aria-labelledby="music-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="music-heading" className="text-lg font-semibold text-slate-900">
          Music data
        </h2>
        {school.can.editMusicData ? (
          <Button
            size="sm"
            icon={<PencilLine aria-hidden="true" className="size-4" />}
            onClick={() => setEditing(current)}
          >
            Enter figures
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">
        {notice ? (
          <Alert tone="success" className="mb-3">
            {notice}
          </Alert>
        ) : null}
      </div>
      {years.length > 0 ? (
        <p className="mb-2 text-xs text-slate-700">
          Newest year first. Under each year: who last entered figures, and when; under each figure: who
          entered it, and when. Only the figures that apply to a {inSentence(PHASE_LABELS[school.phase])}{" "}
          school are shown.
        </p>
      ) : null}
      {years.length === 0 ? (
        <p className="text-sm text-slate-700">No music data has been entered for this school yet.</p>
      ) : (
        <section
          aria-label="Music data by year"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          tabIndex={0}
          className={cx("relative overflow-x-auto rounded-md border border-slate-200", focusRing)}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Music figures by academic year, newest first</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left font-semibold">
                  Figure
                </th>
                {years.map((y) => (
                  <th
                    key={y.academicYear}
                    scope="col"
                    className="px-3 py-2 text-right align-bottom font-semibold"
                  >
                    <span className="block">{y.academicYear}</span>
                    <span className="block text-xs font-normal whitespace-nowrap text-slate-700">
                      {lastEntry(y)}
                    </span>
                    {school.can.editMusicData ? (
                      <button
                        type="button"
                        onClick={() => setEditing(y.academicYear)}
                        className={cx("text-xs font-normal text-blue-800 underline", focusRing)}
                      >
                        Edit<span className="sr-only"> figures for {y.academicYear}</span>
                      </button>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {figuresShown(school).map((figure) => (
                <tr key={figure.key}>
                  <th scope="row" className={ROW_LABEL}>
                    {figure.label}
                  </th>
                  {years.map((y) => (
                    <td key={y.academicYear} className="px-3 py-1.5 text-right tabular-nums">
                      {cellValue(y, figure.key)}
                      <Provenance year={y} figure={figure.key} />
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row" className={ROW_LABEL}>
                  Music in the school development plan
                </th>
                {years.map((y) => (
                  <td key={y.academicYear} className="px-3 py-1.5 text-right">
                    {sdpText(y.sdpMusic)}
                    <Provenance year={y} figure="sdpMusic" />
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
      )}
      {editing ? (
        <MusicDataDialog
          school={school}
          initialYear={editing}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      ) : null}
    </section>
  );
}
