import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import { currentRole, useMe } from "../../api/session";
import { OptionPicker } from "../../components/option-picker";
import {
  Alert,
  Button,
  type Column,
  Dialog,
  EmptyState,
  FormAlert,
  Loading,
  PageHeader,
  Table,
} from "../../components/ui";
import { useDocumentTitle } from "../../lib/use-document-title";
import { type Assessor, assessorsQuery, QM, qmKeys } from "./quality-mark-api";
import { QualityMarkTabs } from "./quality-mark-tabs";

/**
 * /quality-mark/assessors — the assessor panel: the hub's admins and staff, who may assess, and
 * the school a peer assessor works at (never assigned to that school's application or its
 * trust's). A hub admin records or clears that school.
 */
export function AssessorsPage() {
  useDocumentTitle("Quality mark assessors");
  const admin = currentRole(useMe().data) === "hub_admin";
  const list = useQuery(assessorsQuery);
  const [editing, setEditing] = useState<Assessor | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const columns: Column<Assessor>[] = [
    { key: "name", header: "Assessor", rowHeader: true, cell: (a) => a.name },
    {
      key: "school",
      header: "Works at",
      cell: (a) => a.schoolName ?? <span className="text-slate-700">The hub only</span>,
    },
    ...(admin
      ? [
          {
            key: "change",
            header: "Change",
            cell: (a: Assessor) => (
              <Button type="button" variant="secondary" size="sm" onClick={() => setEditing(a)}>
                Change the school of {a.name}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <div>
      <PageHeader
        title="Quality mark assessors"
        description="Every hub admin and member of staff may assess. Record the school a peer assessor works at: they are never given an application from that school or a school of its trust."
      />
      <QualityMarkTabs />
      {saved ? (
        <p role="status" className="mb-3 text-sm text-green-800">
          {saved}
        </p>
      ) : null}
      {list.isPending ? (
        <Loading label="Loading the assessors…" />
      ) : list.isError ? (
        <Alert tone="error">{errorMessage(list.error)}</Alert>
      ) : list.data.length === 0 ? (
        <EmptyState title="The hub has no admins or staff yet" />
      ) : (
        <Table caption="Assessor panel" columns={columns} rows={list.data} rowKey={(a) => a.userId} />
      )}
      {editing ? (
        <AssessorSchoolDialog
          assessor={editing}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            setSaved(
              a.schoolName
                ? `${a.name} is recorded as working at ${a.schoolName}.`
                : `${a.name} is recorded as working for the hub only.`,
            );
          }}
        />
      ) : null}
    </div>
  );
}

function AssessorSchoolDialog({
  assessor,
  onClose,
  onSaved,
}: {
  assessor: Assessor;
  onClose: () => void;
  onSaved: (a: Assessor) => void;
}) {
  const client = useQueryClient();
  const [schoolId, setSchoolId] = useState<string | null>(assessor.schoolId);
  const save = useMutation({
    mutationFn: (id: string | null) =>
      api.put<Assessor>(`${QM}/assessors/${assessor.userId}`, { schoolId: id }),
    onSuccess: (a) => {
      client.setQueryData<Assessor[]>(qmKeys.assessors, (all) =>
        all?.map((x) => (x.userId === a.userId ? a : x)),
      );
      onSaved(a);
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Where ${assessor.name} works`}
      description="Choose the school this assessor also works at, or none if they work for the hub only."
      footer={
        <>
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {assessor.schoolId ? (
            <Button
              type="button"
              variant="secondary"
              pending={save.isPending}
              onClick={() => save.mutate(null)}
            >
              Works for the hub only
            </Button>
          ) : null}
          <Button
            type="button"
            pending={save.isPending}
            disabled={!schoolId}
            onClick={() => save.mutate(schoolId)}
          >
            Save the school
          </Button>
        </>
      }
    >
      <OptionPicker
        endpoint="/api/options/schools"
        label="School"
        noun="schools"
        value={schoolId}
        onChange={setSchoolId}
        initialLabel={assessor.schoolName}
      />
      <FormAlert message={save.isError ? errorMessage(save.error) : null} />
    </Dialog>
  );
}
