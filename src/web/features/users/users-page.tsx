import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { ROLE_LABELS, Role } from "../../../shared/schemas/auth";
import { MEMBER_STATUSES, type Member, MemberStatus } from "../../../shared/schemas/users";
import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { FilterBar } from "../../components/ui/filter-bar";
import { PageHeader } from "../../components/ui/page-header";
import { PagedTable } from "../../components/ui/paged-table";
import { FilterSelect } from "../../components/ui/select";
import type { Column } from "../../components/ui/table";
import { TextField } from "../../components/ui/text-field";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { EditMemberDialog } from "./edit-member-dialog";
import { InviteDialog } from "./invite-dialog";
import { roleOptions } from "./role-fields";
import { membersQuery, PAGE_SIZE, patchMember } from "./users-api";

const STATUS_LABELS: Record<MemberStatus, string> = {
  active: "Active",
  invited: "Invited",
  deactivated: "Deactivated",
};
const STATUS_TONES: Record<MemberStatus, BadgeTone> = {
  active: "green",
  invited: "amber",
  deactivated: "neutral",
};
const statusOptions = MEMBER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

export function UsersPage() {
  useDocumentTitle("Users");
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const roleParam = Role.safeParse(params.get("role"));
  const statusParam = MemberStatus.safeParse(params.get("status"));
  const filters = {
    q: params.get("q") ?? undefined,
    role: roleParam.success ? roleParam.data : undefined,
    status: statusParam.success ? statusParam.data : undefined,
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  const [search, setSearch] = useState(filters.q ?? "");
  const [inviteOpen, setInviteOpen] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [deactivating, setDeactivating] = useState<Member | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = useQuery(membersQuery(filters));

  const setFilter = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next);
  };

  const setActive = useMutation({
    mutationFn: ({ member, active }: { member: Member; active: boolean }) =>
      patchMember(member.userId, { active }),
    onSuccess: async (updated, { active }) => {
      setNotice(`${updated.name} has been ${active ? "reactivated" : "deactivated"}.`);
      setDeactivating(null);
      await queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });

  const columns: Column<Member>[] = [
    {
      key: "name",
      header: "Name",
      rowHeader: true,
      cell: (m) => (
        <div>
          <span className="font-medium text-slate-900">{m.name}</span>
          {m.userId === me?.user.id ? <span className="ml-2 text-xs text-slate-700">(you)</span> : null}
          <div className="text-slate-700">{m.email}</div>
        </div>
      ),
    },
    { key: "role", header: "Role", cell: (m) => ROLE_LABELS[m.role] },
    {
      key: "status",
      header: "Status",
      cell: (m) => <Badge tone={STATUS_TONES[m.status]}>{STATUS_LABELS[m.status]}</Badge>,
    },
    { key: "affiliation", header: "School or partner", cell: (m) => m.schoolName ?? m.partnerName ?? "—" },
    {
      key: "lastSignIn",
      header: "Last signed in",
      className: "whitespace-nowrap",
      cell: (m) => (m.lastSignInAt ? formatDateTime(m.lastSignInAt) : "Never"),
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      cell: (m) =>
        m.userId === me?.user.id ? null : (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" onClick={() => setEditing(m)}>
              Change role<span className="sr-only"> for {m.name}</span>
            </Button>
            {m.status === "deactivated" ? (
              <Button
                variant="secondary"
                size="sm"
                pending={setActive.isPending && setActive.variables.member.userId === m.userId}
                onClick={() => setActive.mutate({ member: m, active: true })}
              >
                Reactivate<span className="sr-only"> {m.name}</span>
              </Button>
            ) : (
              <Button variant="secondary" size="sm" onClick={() => setDeactivating(m)}>
                Deactivate<span className="sr-only"> {m.name}</span>
              </Button>
            )}
          </div>
        ),
    },
  ];

  const filtered = Boolean(filters.q || filters.role || filters.status);

  return (
    <div>
      <PageHeader
        title="Users"
        description={`Everyone who can sign in to ${me?.currentHub?.hubName ?? "this hub"}, and the invitations waiting to be accepted.`}
        actions={
          <Button
            onClick={() => setInviteOpen(true)}
            icon={<UserPlus aria-hidden="true" className="size-4" />}
          >
            Invite user
          </Button>
        }
      />
      <FilterBar
        label="Filter users"
        onApply={() => setFilter({ q: search.trim() || undefined })}
        onClear={
          filtered
            ? () => {
                setSearch("");
                setParams(new URLSearchParams());
              }
            : undefined
        }
      >
        <TextField
          label="Name or e-mail"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="sm:w-64"
        />
        <FilterSelect
          label="Role"
          placeholder="Any role"
          options={roleOptions}
          value={filters.role}
          onChange={(v) => setFilter({ role: v })}
          className="sm:w-44"
        />
        <FilterSelect
          label="Status"
          placeholder="Any status"
          options={statusOptions}
          value={filters.status}
          onChange={(v) => setFilter({ status: v })}
          className="sm:w-44"
        />
      </FilterBar>

      <div className="space-y-3">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {setActive.isError && !deactivating ? (
          <Alert tone="error">{errorMessage(setActive.error)}</Alert>
        ) : null}
        {list.isError ? (
          <Alert tone="error" title="The users could not be loaded">
            {errorMessage(list.error)}
          </Alert>
        ) : null}
      </div>

      <PagedTable
        list={list}
        loadingLabel="Loading users…"
        empty={
          <EmptyState title={filtered ? "No users match these filters" : "No users yet"}>
            {filtered ? "Try a different name, role or status." : "Invite the first member of the hub team."}
          </EmptyState>
        }
        caption="Users of this hub"
        columns={columns}
        rowKey={(m) => m.userId}
        noun="users"
        defaultPageSize={PAGE_SIZE}
        onPageChange={(page) => setFilter({ page: String(page) })}
      />

      <InviteDialog open={inviteOpen} onClose={() => setInviteOpen(false)} />
      {editing ? (
        <EditMemberDialog
          member={editing}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : null}
      <Dialog
        open={deactivating !== null}
        onClose={() => {
          setDeactivating(null);
          setActive.reset();
        }}
        title={deactivating ? `Deactivate ${deactivating.name}?` : "Deactivate"}
        footer={
          <>
            <Button
              variant="secondary"
              onClick={() => {
                setDeactivating(null);
                setActive.reset();
              }}
            >
              Cancel
            </Button>
            <Button
              variant="danger"
              pending={setActive.isPending}
              onClick={() => deactivating && setActive.mutate({ member: deactivating, active: false })}
            >
              Deactivate
            </Button>
          </>
        }
      >
        <div className="space-y-3 text-sm text-slate-800">
          <p>
            {deactivating?.name} will be signed out and can no longer sign in to {me?.currentHub?.hubName}.
            Their records stay. You can reactivate them at any time.
          </p>
          {setActive.isError ? <Alert tone="error">{errorMessage(setActive.error)}</Alert> : null}
        </div>
      </Dialog>
    </div>
  );
}
