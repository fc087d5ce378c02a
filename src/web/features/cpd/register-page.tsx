import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import type { CpdMark } from "../../../shared/schemas/cpd";
import { api, errorMessage } from "../../api/client";
import { Alert, Button, cx, Loading, PageHeader, Select } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { cpdKeys, registerQuery } from "./cpd-api";

const MARKS: { mark: CpdMark; label: string }[] = [
  { mark: "attended", label: "Here" },
  { mark: "absent", label: "Absent" },
  { mark: "late_cancellation", label: "Late cancel" },
];

/** /cpd/events/:id/register — the door list for one session, big buttons for a phone. */
export function RegisterPage() {
  const id = useParams().id ?? "";
  const [sessionId, setSessionId] = useState<string | undefined>();
  const register = useQuery(registerQuery(id, sessionId));
  const client = useQueryClient();
  useDocumentTitle("Register");
  const mark = useMutation({
    mutationFn: (m: { placeId: string; mark: CpdMark }) =>
      api.put(`/api/cpd/sessions/${register.data?.session.id}/attendance`, { marks: [m] }),
    onSuccess: () => client.invalidateQueries({ queryKey: cpdKeys.register(id, sessionId) }),
  });
  if (register.isPending) return <Loading label="Loading the register…" />;
  if (register.isError) return <Alert tone="error">{errorMessage(register.error)}</Alert>;
  const r = register.data;
  const here = r.rows.filter((x) => x.mark === "attended").length;
  return (
    <div>
      <PageHeader title={`Register: ${r.title}`} description={`${here} of ${r.rows.length} here`} />
      {r.sessions.length > 1 ? (
        <Select
          label="Session"
          options={r.sessions.map((s) => ({ value: s.id, label: formatDateTime(s.startsAt) }))}
          value={r.session.id}
          onChange={(e) => setSessionId(e.target.value)}
        />
      ) : (
        <p className="mb-3 text-sm">{formatDateTime(r.session.startsAt)}</p>
      )}
      {mark.isError ? <Alert tone="error">{errorMessage(mark.error)}</Alert> : null}
      <ul className="grid gap-2">
        {r.rows.map((row) => (
          <li key={row.placeId} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="font-semibold">{row.name}</p>
            <p className="text-sm text-slate-700">{row.schoolName}</p>
            <fieldset className="mt-2 grid grid-cols-3 gap-2">
              <legend className="sr-only">Mark {row.name}</legend>
              {MARKS.map((m) => (
                <Button
                  key={m.mark}
                  variant={row.mark === m.mark ? "primary" : "secondary"}
                  className={cx("min-h-11")}
                  aria-pressed={row.mark === m.mark}
                  onClick={() => mark.mutate({ placeId: row.placeId, mark: m.mark })}
                >
                  {m.label}
                </Button>
              ))}
            </fieldset>
          </li>
        ))}
      </ul>
    </div>
  );
}
