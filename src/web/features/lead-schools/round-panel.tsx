import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ROLE_LABELS } from "../../../shared/roles";
import type { PanelMember, RoundInvitation } from "../../../shared/schemas/lead-school-rounds";
import type { Round } from "../../../shared/schemas/lead-schools";
import { api, errorMessage } from "../../api/client";
import { Alert, Button, Loading, TextField } from "../../components/ui";
import { membersQuery } from "../users/users-api";
import { useServerErrors } from "./form-bits";
import { invalidateAll, panelQuery, R, roundBody } from "./lead-schools-api";

const PANEL_ROLES = new Set<string>(["hub_admin", "hub_staff", "school_user"]);
const personLine = (p: PanelMember) =>
  `${ROLE_LABELS[p.role]}${p.schoolName ? `, ${p.schoolName}` : ""} · ${p.email}`;

/**
 * A round's panel (hub admins): the people who score its applications. Hub admins and staff may
 * always score; school users score only when the round names them here.
 */
export function PanelSection({ round }: { round: Round }) {
  const panel = useQuery(panelQuery(round.id));
  const [people, setPeople] = useState<PanelMember[]>([]);
  const [q, setQ] = useState("");
  const [saved, setSaved] = useState(false);
  const errors = useServerErrors();
  useEffect(() => {
    if (panel.data) setPeople(panel.data);
  }, [panel.data]);
  const found = useQuery({
    ...membersQuery({ q: q.trim(), status: "active", page: 1 }),
    enabled: q.trim().length >= 2,
  });
  const candidates = (found.data?.items ?? []).filter(
    (m) => PANEL_ROLES.has(m.role) && !people.some((p) => p.userId === m.userId),
  );
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    setSaved(false);
    try {
      await api.put<Round>(
        `${R}/${round.id}`,
        roundBody(round, { panelUserIds: people.map((p) => p.userId) }),
      );
      await invalidateAll();
      setSaved(true);
    } catch (err) {
      errors.take(err);
    }
  };
  return (
    <section aria-labelledby="panel" className="mt-6">
      <h2 id="panel" className="mb-2 text-lg font-semibold">
        Panel
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        Hub admins and staff can always score. Add school users (for example music leads of Lead Schools) to
        let them score this round; nobody scores their own school.
      </p>
      {panel.isPending ? <Loading label="Loading the panel…" /> : null}
      {panel.isError ? <Alert tone="error">{errorMessage(panel.error)}</Alert> : null}
      <form onSubmit={save} noValidate aria-label="Panel" className="max-w-2xl space-y-3">
        {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
        {saved ? <Alert tone="success">The panel is saved.</Alert> : null}
        {people.length === 0 && panel.data ? (
          <p className="text-sm">Nobody named yet: hub admins and staff score.</p>
        ) : (
          <ul
            aria-label="Panel members"
            className="divide-y divide-slate-200 rounded border border-slate-200"
          >
            {people.map((p, i) => (
              <li key={p.userId} className="flex flex-wrap items-center gap-3 p-2 text-sm">
                <span className="font-medium">{p.name}</span>
                <span className="text-slate-700">{personLine(p)}</span>
                {errors.fields[`panelUserIds.${i}`] ? (
                  <span className="text-red-700">{errors.fields[`panelUserIds.${i}`]}</span>
                ) : null}
                <Button
                  variant="secondary"
                  size="sm"
                  className="ml-auto"
                  onClick={() => {
                    setSaved(false);
                    setPeople((l) => l.filter((x) => x.userId !== p.userId));
                  }}
                >
                  Remove<span className="sr-only"> {p.name} from the panel</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        <TextField
          label="Find a person to add"
          description="Two letters or more of a name or e-mail address"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {q.trim().length >= 2 && found.data ? (
          candidates.length === 0 ? (
            <p className="text-sm">Nobody else found.</p>
          ) : (
            <ul aria-label="People found" className="space-y-1 text-sm">
              {candidates.map((m) => (
                <li key={m.userId} className="flex flex-wrap items-center gap-3">
                  <span>
                    {m.name} ({ROLE_LABELS[m.role]}
                    {m.schoolName ? `, ${m.schoolName}` : ""})
                  </span>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      setSaved(false);
                      setPeople((l) => [
                        ...l,
                        {
                          userId: m.userId,
                          name: m.name,
                          email: m.email,
                          role: m.role,
                          schoolName: m.schoolName,
                        },
                      ]);
                    }}
                  >
                    Add<span className="sr-only"> {m.name} to the panel</span>
                  </Button>
                </li>
              ))}
            </ul>
          )
        ) : null}
        <Button type="submit">Save the panel</Button>
      </form>
    </section>
  );
}

/** Hub admins invite a school to apply: the link to the form goes to the person by e-mail. */
export function InviteSection({ round }: { round: Round }) {
  const [v, setV] = useState({ urn: "", name: "", email: "" });
  const [done, setDone] = useState<string | null>(null);
  const errors = useServerErrors();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((x) => ({ ...x, [k]: e.target.value }));
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    setDone(null);
    try {
      const sent = await api.post<RoundInvitation>(`${R}/${round.id}/invitations`, v);
      setDone(sent.message);
      setV({ urn: "", name: "", email: "" });
    } catch (err) {
      errors.take(err);
    }
  };
  return (
    <section aria-labelledby="invite" className="mt-6">
      <h2 id="invite" className="mb-2 text-lg font-semibold">
        Invite a school to apply
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        The person gets the link to the application form by e-mail. Someone new to Tutti is also invited as a
        user of the school.
      </p>
      <form onSubmit={send} noValidate aria-label="Invite a school to apply" className="max-w-2xl space-y-3">
        {errors.message ? <Alert tone="error">{errors.message}</Alert> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
        <TextField
          label="School URN"
          description="The school's URN as in the schools register"
          inputMode="numeric"
          value={v.urn}
          onChange={set("urn")}
          error={errors.fields.urn}
        />
        <TextField
          label="Name of the person"
          value={v.name}
          onChange={set("name")}
          error={errors.fields.name}
        />
        <TextField
          label="Their e-mail address"
          type="email"
          value={v.email}
          onChange={set("email")}
          error={errors.fields.email}
        />
        <Button type="submit">Send the invitation</Button>
      </form>
    </section>
  );
}
