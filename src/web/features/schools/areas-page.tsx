import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Wand2 } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { type Area, AreaInput } from "../../../shared/schemas/schools";
import { errorMessage, isApiError } from "../../api/client";
import { Alert, FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { cx, focusRing } from "../../components/ui/cx";
import { Dialog } from "../../components/ui/dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { type Column, Table } from "../../components/ui/table";
import { TextField } from "../../components/ui/text-field";
import { formatNumber } from "../../lib/format";
import { useDocumentTitle } from "../../lib/use-document-title";
import { splitList } from "./hub-fields-dialog";
import {
  applyAreaRules,
  areasQuery,
  createArea,
  deleteArea,
  readBulkResult,
  schoolsKeys,
  updateArea,
} from "./schools-api";
import { SchoolsTabs } from "./schools-tabs";

type FieldName = "name" | "districts" | "postcodePrefixes";
type FieldErrors = Partial<Record<FieldName, string>>;

const POSTCODE_DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;

function AreaDialog({
  area,
  onClose,
  onSaved,
}: {
  area: Area | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(area?.name ?? "");
  const [districts, setDistricts] = useState(area?.districts.join(", ") ?? "");
  const [prefixes, setPrefixes] = useState(area?.postcodePrefixes.join(", ") ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (input: AreaInput) => (area ? updateArea(area.id, input) : createArea(input)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.areas });
      onSaved(
        area ? `${saved.name ?? name} has been saved.` : `The area ${saved.name ?? name} has been created.`,
      );
    },
    onError: (error) => {
      if (isApiError(error) && error.fields.length > 0) {
        const next: FieldErrors = {};
        const rest: string[] = [];
        for (const f of error.fields) {
          const key = (["name", "districts", "postcodePrefixes"] as const).find((k) => f.path.startsWith(k));
          if (key) next[key] = f.message;
          else rest.push(f.message);
        }
        setErrors(next);
        setProblem(rest.length ? rest.join("; ") : null);
      } else setProblem(errorMessage(error));
    },
  });

  const submit = () => {
    const prefixList = splitList(prefixes).map((p) => p.toUpperCase());
    const bad = prefixList.filter((p) => !POSTCODE_DISTRICT.test(p));
    const parsed = AreaInput.safeParse({
      name,
      districts: splitList(districts),
      postcodePrefixes: prefixList,
    });
    const next: FieldErrors = {};
    if (bad.length > 0)
      next.postcodePrefixes = `${bad.join(", ")}: a postcode district looks like NS1 or LE11 (the part before the space)`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === "name" || key === "districts" || key === "postcodePrefixes") && !next[key])
          next[key] = issue.message;
      }
    }
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    setProblem(null);
    save.mutate(parsed.data);
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={area ? `Edit ${area.name}` : "New area"}
      description="Schools are placed in an area by their district or postcode district, unless set by hand."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="area-form" pending={save.isPending}>
            {area ? "Save area" : "Create area"}
          </Button>
        </>
      }
    >
      <form
        id="area-form"
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormAlert message={problem} />
        <TextField
          label="Name"
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label="Districts"
          optional
          description="Local authority districts as GIAS names them, separated by commas."
          value={districts}
          error={errors.districts}
          onChange={(event) => setDistricts(event.target.value)}
        />
        <TextField
          label="Postcode districts"
          optional
          description="The first part of the postcode, separated by commas, e.g. NS10, NS11."
          value={prefixes}
          error={errors.postcodePrefixes}
          onChange={(event) => setPrefixes(event.target.value)}
        />
      </form>
    </Dialog>
  );
}

function DeleteAreaDialog({
  area,
  onClose,
  onDeleted,
}: {
  area: Area;
  onClose: () => void;
  onDeleted: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteArea(area.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
      onDeleted(`The area ${area.name} has been deleted.`);
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      size="sm"
      title={`Delete ${area.name}?`}
      description={
        area.schoolCount > 0
          ? `Its ${formatNumber(area.schoolCount)} ${area.schoolCount === 1 ? "school" : "schools"} will have no area until you set one or apply the rules again.`
          : "No school is in this area."
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate()}>
            Delete area
          </Button>
        </>
      }
    >
      <FormAlert message={remove.isError ? errorMessage(remove.error) : null} />
    </Dialog>
  );
}

type Editing = { kind: "new" } | { kind: "edit"; area: Area } | { kind: "delete"; area: Area } | null;

export function AreasPage() {
  useDocumentTitle("Areas");
  const queryClient = useQueryClient();
  const areas = useQuery(areasQuery);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const apply = useMutation({
    mutationFn: applyAreaRules,
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
      const result = readBulkResult(answer);
      setNotice(
        result
          ? `The area rules have been applied: ${formatNumber(result.changed)} ${result.changed === 1 ? "school" : "schools"} changed area, ${formatNumber(result.unchanged)} unchanged. Areas set by hand were kept.`
          : "The area rules have been applied. Areas set by hand were kept.",
      );
    },
    onError: () => setNotice(null),
  });

  const done = (message: string) => {
    setEditing(null);
    setNotice(message);
  };

  const columns: Column<Area>[] = [
    {
      key: "name",
      header: "Area",
      rowHeader: true,
      cell: (a) => (
        <Link
          to={`/schools?area=${a.id}`}
          className={cx("font-medium text-blue-800 underline-offset-2 hover:underline", focusRing)}
        >
          {a.name}
        </Link>
      ),
    },
    {
      key: "districts",
      header: "Districts",
      cell: (a) => (a.districts.length ? a.districts.join(", ") : "—"),
    },
    {
      key: "postcodes",
      header: "Postcode districts",
      cell: (a) => (a.postcodePrefixes.length ? a.postcodePrefixes.join(", ") : "—"),
    },
    {
      key: "schools",
      header: "Schools",
      cell: (a) => formatNumber(a.schoolCount),
      className: "text-right tabular-nums",
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      cell: (a) => (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={() => setEditing({ kind: "edit", area: a })}>
            Edit<span className="sr-only"> {a.name}</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setEditing({ kind: "delete", area: a })}>
            Delete<span className="sr-only"> {a.name}</span>
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Areas"
        description="The hub's areas (clusters, districts, city and county). A school's area follows these rules unless it was set by hand."
        actions={
          <>
            <Button
              variant="secondary"
              pending={apply.isPending}
              icon={<Wand2 aria-hidden="true" className="size-4" />}
              onClick={() => apply.mutate()}
            >
              Apply rules to all schools
            </Button>
            <Button
              icon={<Plus aria-hidden="true" className="size-4" />}
              onClick={() => setEditing({ kind: "new" })}
            >
              New area
            </Button>
          </>
        }
      />
      <SchoolsTabs />
      <div aria-live="polite" className="mb-4 space-y-3">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
      </div>
      {apply.isError ? (
        <Alert tone="error" className="mb-4">
          {errorMessage(apply.error)}
        </Alert>
      ) : null}
      {areas.isError ? (
        <Alert tone="error" title="The areas could not be loaded">
          {errorMessage(areas.error)}
        </Alert>
      ) : null}
      {areas.isPending ? (
        <Loading label="Loading areas…" />
      ) : areas.data && areas.data.length === 0 ? (
        <EmptyState
          title="No areas yet"
          action={<Button onClick={() => setEditing({ kind: "new" })}>New area</Button>}
        >
          Split the hub into areas to give schools a named link officer per area and report by area.
        </EmptyState>
      ) : areas.data ? (
        <Table caption="Areas" columns={columns} rows={areas.data} rowKey={(a) => a.id} />
      ) : null}

      {editing?.kind === "new" ? (
        <AreaDialog area={null} onClose={() => setEditing(null)} onSaved={done} />
      ) : null}
      {editing?.kind === "edit" ? (
        <AreaDialog area={editing.area} onClose={() => setEditing(null)} onSaved={done} />
      ) : null}
      {editing?.kind === "delete" ? (
        <DeleteAreaDialog area={editing.area} onClose={() => setEditing(null)} onDeleted={done} />
      ) : null}
    </div>
  );
}
