import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  MAX_VALIDITY_YEARS,
  QM_THEME_LABELS,
  QM_THEMES,
  type QmLevelDef,
  type QmTheme,
} from "../../../shared/rules/quality-mark";
import type { QmFrameworkResponse } from "../../../shared/schemas/quality-mark";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Alert,
  Button,
  Dialog,
  FormAlert,
  Loading,
  PageHeader,
  Select,
  TextField,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { frameworkQuery, QM, qmKeys } from "./quality-mark-api";
import { QualityMarkTabs } from "./quality-mark-tabs";
import { TextArea } from "./text-area";

const THEME_OPTIONS = QM_THEMES.map((t) => ({ value: t, label: QM_THEME_LABELS[t] }));

/** A code for a new standard that no standard of the framework has yet. */
const newStandardId = (levels: QmLevelDef[], level: QmLevelDef): string => {
  const taken = new Set(levels.flatMap((l) => l.standards.map((s) => s.id)));
  let n = level.standards.length + 1;
  while (taken.has(`${level.code[0]}-new-${n}`)) n++;
  return `${level.code[0]}-new-${n}`;
};

/** /quality-mark/framework — the year's levels and standards by theme; a hub admin saves a new version. */
export function FrameworkPage() {
  useDocumentTitle("Quality mark framework");
  const admin = currentRole(useMe().data) === "hub_admin";
  const framework = useQuery(frameworkQuery());
  const client = useQueryClient();
  const [levels, setLevels] = useState<QmLevelDef[]>([]);
  const [validity, setValidity] = useState("3");
  /** The standard a hub admin asked to remove, waiting for them to confirm. */
  const [removing, setRemoving] = useState<{ li: number; si: number } | null>(null);
  useEffect(() => {
    if (framework.data) {
      setLevels(framework.data.levels);
      setValidity(String(framework.data.validityYears));
    }
  }, [framework.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put<QmFrameworkResponse>(`${QM}/framework`, {
        academicYear: framework.data?.academicYear,
        levels,
        validityYears: Number(validity),
      }),
    onSuccess: (f) => {
      client.setQueryData(qmKeys.framework(), f);
    },
  });
  if (framework.isPending) return <Loading label="Loading the framework…" />;
  if (framework.isError) return <Alert tone="error">{errorMessage(framework.error)}</Alert>;
  const edit = (li: number, si: number, change: Partial<QmLevelDef["standards"][number]>) =>
    setLevels((ls) =>
      ls.map((l, i) =>
        i === li ? { ...l, standards: l.standards.map((s, j) => (j === si ? { ...s, ...change } : s)) } : l,
      ),
    );
  const add = (li: number) =>
    setLevels((ls) =>
      ls.map((l, i) =>
        i === li
          ? {
              ...l,
              standards: [
                ...l.standards,
                {
                  id: newStandardId(ls, l),
                  theme: "curriculum",
                  title: "",
                  guidance: "",
                  evidenceExpected: "",
                },
              ],
            }
          : l,
      ),
    );
  const remove = (li: number, si: number) =>
    setLevels((ls) =>
      ls.map((l, i) => (i === li ? { ...l, standards: l.standards.filter((_, j) => j !== si) } : l)),
    );
  const toRemove = removing ? levels[removing.li]?.standards[removing.si] : undefined;
  return (
    <div>
      <PageHeader
        title="Quality mark framework"
        description={`Academic year ${framework.data.academicYear}, version ${framework.data.version}. Applications keep the version they were started under.`}
      />
      <QualityMarkTabs />
      {admin ? (
        <div className="mb-6 max-w-xs">
          <TextField
            label="Years an award is valid"
            description="Academic years, counting the year of the award. Awards made under this version last this long."
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_VALIDITY_YEARS}
            value={validity}
            onChange={(e) => setValidity(e.target.value)}
          />
        </div>
      ) : (
        <p className="mb-6 text-sm text-slate-700">
          An award is valid for {framework.data.validityYears} academic{" "}
          {framework.data.validityYears === 1 ? "year" : "years"}, counting the year of the award.
        </p>
      )}
      {levels.map((l, li) => (
        <section key={l.code} aria-labelledby={`level-${l.code}`} className="mb-6">
          <h2 id={`level-${l.code}`} className="mb-2 text-lg font-semibold text-slate-900">
            {l.label}
          </h2>
          {QM_THEMES.filter((t) => l.standards.some((s) => s.theme === t)).map((t) => (
            <p key={t} className="sr-only">
              {QM_THEME_LABELS[t]}
            </p>
          ))}
          <ol className="space-y-3">
            {l.standards.map((s, si) => (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                {admin ? (
                  <div className="grid gap-2 sm:grid-cols-2">
                    <TextField
                      label={`Standard ${si + 1}: title`}
                      value={s.title}
                      onChange={(e) => edit(li, si, { title: e.target.value })}
                    />
                    <Select
                      label={`Standard ${si + 1}: theme`}
                      value={s.theme}
                      options={THEME_OPTIONS}
                      onChange={(e) => edit(li, si, { theme: e.target.value as QmTheme })}
                    />
                    <TextArea
                      label={`Standard ${si + 1}: guidance`}
                      value={s.guidance}
                      onChange={(e) => edit(li, si, { guidance: e.target.value })}
                    />
                    <TextArea
                      label={`Standard ${si + 1}: evidence expected`}
                      value={s.evidenceExpected}
                      onChange={(e) => edit(li, si, { evidenceExpected: e.target.value })}
                    />
                    <div className="sm:col-span-2">
                      <Button
                        type="button"
                        variant="secondary"
                        size="sm"
                        onClick={() => setRemoving({ li, si })}
                      >
                        Remove standard {si + 1} of {l.label}
                      </Button>
                    </div>
                  </div>
                ) : (
                  <>
                    <p className="font-medium">
                      {s.title} <span className="text-slate-700">({QM_THEME_LABELS[s.theme]})</span>
                    </p>
                    <p>{s.guidance}</p>
                    <p className="text-slate-700">Evidence expected: {s.evidenceExpected}</p>
                  </>
                )}
              </li>
            ))}
          </ol>
          {admin ? (
            <Button type="button" variant="secondary" size="sm" className="mt-2" onClick={() => add(li)}>
              Add a standard to {l.label}
            </Button>
          ) : null}
        </section>
      ))}
      {admin ? (
        <div>
          <FormAlert message={save.isError ? errorMessage(save.error) : null} />
          {save.isSuccess ? (
            <p role="status" className="text-sm text-green-800">
              Saved as version {save.data.version}.
            </p>
          ) : null}
          <Button type="button" disabled={save.isPending} onClick={() => save.mutate()}>
            Save as a new version
          </Button>
        </div>
      ) : null}
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        size="sm"
        title="Remove this standard?"
        description={`"${toRemove?.title || "Untitled standard"}" will not be in the new version when you save it. Applications already started keep the version they were made under, with this standard in it.`}
        footer={
          <>
            <Button type="button" variant="secondary" onClick={() => setRemoving(null)}>
              Keep it
            </Button>
            <Button
              type="button"
              variant="danger"
              onClick={() => {
                if (removing) remove(removing.li, removing.si);
                setRemoving(null);
              }}
            >
              Remove the standard
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">Nothing changes until you save a new version.</p>
      </Dialog>
    </div>
  );
}
