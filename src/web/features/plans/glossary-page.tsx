import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import type { Glossary } from "../../../shared/schemas/plans";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { Alert, Button, Loading, PageHeader, TextField } from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { glossaryQuery } from "./plans-api";

/** /plans/glossary — the hub's role abbreviations (HoS, SLE, AML…) and their meanings. */
export function GlossaryPage() {
  useDocumentTitle("Glossary of roles");
  const glossary = useQuery(glossaryQuery);
  const me = useMe();
  const canEdit = currentRole(me.data) === "hub_admin";
  const client = useQueryClient();
  const [rows, setRows] = useState<Glossary>([]);
  useEffect(() => {
    if (glossary.data) setRows(glossary.data);
  }, [glossary.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put<Glossary>(
        "/api/plans/glossary",
        rows.filter((r) => r.abbreviation || r.meaning),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: glossaryQuery.queryKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const set = (i: number, key: "abbreviation" | "meaning", value: string) =>
    setRows((list) => list.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <div>
      <PageHeader
        title="Glossary of roles"
        description="The hub's own role abbreviations, used wherever leads and monitors are shown."
      />
      {glossary.isPending ? <Loading label="Loading…" /> : null}
      {glossary.isError ? <Alert tone="error">{errorMessage(glossary.error)}</Alert> : null}
      {!canEdit ? (
        <dl className="grid max-w-2xl grid-cols-[8rem_1fr] gap-2 text-sm">
          {glossary.data?.map((r) => (
            <div key={r.abbreviation} className="contents">
              <dt className="font-semibold">{r.abbreviation}</dt>
              <dd>{r.meaning}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <form onSubmit={submit} className="max-w-2xl space-y-3" noValidate>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
            <div key={i} className="grid gap-2 sm:grid-cols-[10rem_1fr]">
              <TextField
                label={`Abbreviation ${i + 1}`}
                value={r.abbreviation}
                onChange={(e) => set(i, "abbreviation", e.target.value)}
              />
              <TextField
                label={`Meaning ${i + 1}`}
                value={r.meaning}
                onChange={(e) => set(i, "meaning", e.target.value)}
              />
            </div>
          ))}
          {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
          {save.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
          <div className="flex gap-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() => setRows((list) => [...list, { abbreviation: "", meaning: "" }])}
            >
              Add a role
            </Button>
            <Button type="submit" disabled={save.isPending}>
              Save glossary
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
