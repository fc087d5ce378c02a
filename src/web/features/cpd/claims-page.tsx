import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { supplyCover } from "../../../shared/rules/cpd-supply-cover";
import type { CpdClaim } from "../../../shared/schemas/cpd";
import { api, errorMessage, isApiError } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import {
  Alert,
  Badge,
  Button,
  buttonClasses,
  EmptyState,
  Loading,
  PageHeader,
  Select,
  Table,
  TextField,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useUrnOfSchool } from "../schools/school-profile-page";
import { bookingsQuery, claimsQuery, cpdKeys, formatPence } from "./cpd-api";

function ClaimForm() {
  const me = useMe();
  const urn = useUrnOfSchool(me.data?.currentHub?.schoolId);
  const bookings = useQuery(bookingsQuery());
  const client = useQueryClient();
  const [v, setV] = useState({ eventId: "", days: "1", rate: "180.00" });
  const past = (bookings.data?.items ?? []).filter(
    (b) => b.status === "booked" && Date.parse(b.eventStartsAt) <= Date.now(),
  );
  const send = useMutation({
    mutationFn: () =>
      api.post("/api/cpd/claims", {
        eventId: v.eventId,
        urn: urn.data,
        days: Number(v.days),
        dailyRatePence: Math.round(Number(v.rate) * 100),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: cpdKeys.claims }),
  });
  const err = (path: string) =>
    isApiError(send.error) ? send.error.fields.find((f) => f.path === path)?.message : undefined;
  let preview = "";
  try {
    const c = supplyCover({
      days: Number(v.days),
      dailyRatePence: Math.round(Number(v.rate) * 100),
      contributionPercent: 50,
    });
    preview = `Total ${formatPence(c.totalPence)}; the hub pays its share (50% unless the hub sets another rate): ${formatPence(c.contributionPence)}.`;
  } catch {
    preview = "Enter the days in half days and the daily rate.";
  }
  return (
    <form
      className="mb-6 grid max-w-xl gap-3 rounded-md border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2 className="font-semibold">Claim towards supply cover</h2>
      <Select
        label="Event"
        placeholder="Choose an event"
        options={past.map((b) => ({ value: b.eventId, label: b.eventTitle }))}
        value={v.eventId}
        onChange={(e) => setV({ ...v, eventId: e.target.value })}
        error={err("eventId")}
      />
      <TextField
        label="Days of cover"
        inputMode="decimal"
        value={v.days}
        onChange={(e) => setV({ ...v, days: e.target.value })}
        error={err("days")}
      />
      <TextField
        label="Daily rate (£)"
        inputMode="decimal"
        value={v.rate}
        onChange={(e) => setV({ ...v, rate: e.target.value })}
        error={err("dailyRatePence")}
      />
      <p aria-live="polite">{preview}</p>
      {send.isError ? <Alert tone="error">{errorMessage(send.error)}</Alert> : null}
      {send.isSuccess ? <Alert tone="success">The claim is sent to the hub.</Alert> : null}
      <Button type="submit" pending={send.isPending} className="justify-self-start">
        Send claim
      </Button>
    </form>
  );
}

function Decide({ claim }: { claim: CpdClaim }) {
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "approve" | "reject") =>
      api.post(`/api/cpd/claims/${claim.id}/decision`, { decision, reason: reason || null }),
    onSuccess: () => client.invalidateQueries({ queryKey: cpdKeys.claims }),
  });
  if (claim.status !== "submitted") return <span>{claim.reason ?? ""}</span>;
  return (
    <div className="grid gap-1">
      <TextField
        label={`Reason for ${claim.schoolName}`}
        optional
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={isApiError(decide.error) ? decide.error.message : undefined}
      />
      <div className="flex gap-2">
        <Button size="sm" onClick={() => decide.mutate("approve")}>
          Approve
        </Button>
        <Button size="sm" variant="danger" onClick={() => decide.mutate("reject")}>
          Reject
        </Button>
      </div>
    </div>
  );
}

/** /cpd/claims — Lead Schools claim supply cover; hub admins approve or reject and export for payment. */
export function ClaimsPage() {
  useDocumentTitle("Supply-cover claims");
  const me = useMe();
  const role = currentRole(me.data);
  const claims = useQuery(claimsQuery);
  return (
    <div>
      <PageHeader
        title="Supply-cover claims"
        actions={
          role === "hub_admin" ? (
            <a className={buttonClasses("secondary")} href="/api/cpd/claims/export.csv" download>
              Export approved claims (CSV)
            </a>
          ) : null
        }
      />
      {role === "school_user" ? <ClaimForm /> : null}
      {claims.isPending ? <Loading label="Loading claims…" /> : null}
      {claims.isError ? <Alert tone="error">{errorMessage(claims.error)}</Alert> : null}
      {claims.data?.items.length === 0 ? <EmptyState title="No claims yet" /> : null}
      {claims.data?.items.length ? (
        <Table<CpdClaim>
          caption="Claims"
          rows={claims.data.items}
          rowKey={(c) => c.id}
          columns={[
            { key: "school", header: "School", rowHeader: true, cell: (c) => c.schoolName },
            { key: "event", header: "Event", cell: (c) => c.eventTitle },
            { key: "days", header: "Days", cell: (c) => String(c.days) },
            { key: "total", header: "Total", cell: (c) => formatPence(c.totalPence) },
            {
              key: "hub",
              header: "Hub pays",
              cell: (c) => `${formatPence(c.contributionPence)} (${c.contributionPercent}%)`,
            },
            {
              key: "status",
              header: "Status",
              cell: (c) => (
                <Badge tone={c.status === "approved" ? "green" : c.status === "rejected" ? "red" : "amber"}>
                  {c.status}
                </Badge>
              ),
            },
            {
              key: "decide",
              header: "Decision",
              cell: (c) => (role === "hub_admin" ? <Decide claim={c} /> : (c.reason ?? "")),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
