import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ROLE_LABELS } from "../../../shared/schemas/auth";
import type { LinkOfficer } from "../../../shared/schemas/schools";
import { errorMessage } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { Select } from "../../components/ui/select";
import { type Column, Table } from "../../components/ui/table";
import { formatNumber } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { NONE } from "./school-filters";
import { assignLinkOfficer, linkOfficersQuery, schoolListQuery, schoolsKeys } from "./schools-api";
import { SchoolsTabs } from "./schools-tabs";

const schoolsWord = (n: number): string => `${formatNumber(n)} ${n === 1 ? "school" : "schools"}`;

function Reassign({ officers }: { officers: LinkOfficer[] }) {
  const queryClient = useQueryClient();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const nameOf = (id: string, none: string) =>
    id === NONE ? none : (officers.find((o) => o.userId === id)?.name ?? "");

  const move = useMutation({
    mutationFn: () => assignLinkOfficer({ filter: { linkOfficer: from } }, to === NONE ? null : to),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
      setNotice(
        `${schoolsWord(result.changed)} moved from ${nameOf(from, "no link officer")} to ${nameOf(to, "no link officer")}.` +
          (result.unchanged ? ` ${schoolsWord(result.unchanged)} unchanged.` : ""),
      );
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const options = officers.map((o) => ({
    value: o.userId,
    label: `${o.name} (${schoolsWord(o.schoolCount)})`,
  }));
  return (
    <section
      aria-labelledby="reassign-heading"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="reassign-heading" className="text-lg font-semibold text-slate-900">
        Reassign schools
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        Move every school of one link officer to another, e.g. when someone leaves the hub.
      </p>
      <form
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          setNotice(null);
          if (!from || !to) {
            setProblem("Choose whose schools to move and who takes them on.");
            return;
          }
          if (from === to) {
            setProblem("Choose two different link officers.");
            return;
          }
          setProblem(null);
          move.mutate();
        }}
      >
        <Select
          label="From"
          placeholder="Choose a link officer"
          options={[{ value: NONE, label: "No link officer" }, ...options]}
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          className="sm:w-72"
        />
        <Select
          label="To"
          placeholder="Choose a link officer"
          options={[...options, { value: NONE, label: "No link officer (remove)" }]}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          className="sm:w-72"
        />
        <Button type="submit" pending={move.isPending}>
          Reassign schools
        </Button>
      </form>
      <div className="mt-3 space-y-2">
        <FormAlert message={problem} />
        <div aria-live="polite">{notice ? <Alert tone="success">{notice}</Alert> : null}</div>
      </div>
    </section>
  );
}

export function LinkOfficersPage() {
  useDocumentTitle("Link officers");
  const officers = useQuery(linkOfficersQuery);
  const unassigned = useQuery(schoolListQuery({ linkOfficer: NONE, pageSize: 1 }));

  const columns: Column<LinkOfficer>[] = [
    {
      key: "name",
      header: "Link officer",
      rowHeader: true,
      cell: (o) => (
        <div>
          <span className="font-medium text-slate-900">{o.name}</span>
          <div className="text-slate-700">{o.email}</div>
        </div>
      ),
    },
    { key: "role", header: "Role", cell: (o) => ROLE_LABELS[o.role] },
    {
      key: "schools",
      header: "Schools",
      className: "text-right tabular-nums",
      cell: (o) => formatNumber(o.schoolCount),
    },
    {
      key: "link",
      header: <span className="sr-only">Schools list</span>,
      cell: (o) => (
        <Link to={`/schools?linkOfficer=${o.userId}`} className={cx("text-blue-800 underline", focusRing)}>
          See schools<span className="sr-only"> of {o.name}</span>
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Link officers"
        description="Each school has a named link officer in the hub team: the person who visits and keeps in touch."
      />
      <SchoolsTabs />
      {unassigned.data ? (
        <p className="mb-4 text-sm text-slate-800">
          {unassigned.data.total === 0 ? (
            "Every school has a link officer."
          ) : (
            <>
              <Link to={`/schools?linkOfficer=${NONE}`} className={cx("text-blue-800 underline", focusRing)}>
                {schoolsWord(unassigned.data.total)}
              </Link>{" "}
              {unassigned.data.total === 1 ? "has" : "have"} no link officer.
            </>
          )}
        </p>
      ) : null}
      {officers.isError ? (
        <Alert tone="error" title="The link officers could not be loaded">
          {errorMessage(officers.error)}
        </Alert>
      ) : null}
      {officers.isPending ? (
        <Loading label="Loading link officers…" />
      ) : officers.data && officers.data.length === 0 ? (
        <EmptyState title="No link officers yet">Hub admins and hub staff can be link officers.</EmptyState>
      ) : officers.data ? (
        <>
          <Table caption="Link officers" columns={columns} rows={officers.data} rowKey={(o) => o.userId} />
          <Reassign officers={officers.data} />
        </>
      ) : null}
    </div>
  );
}
