import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/client";
import { FormAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { formatNumber } from "../../lib/format";
import { NONE } from "./school-filters";
import {
  areasQuery,
  assignArea,
  assignLinkOfficer,
  type BulkResult,
  type BulkSelection,
  linkOfficersQuery,
  schoolsKeys,
} from "./schools-api";

export type BulkKind = "area" | "linkOfficer";

const schoolsWord = (n: number): string => `${formatNumber(n)} ${n === 1 ? "school" : "schools"}`;

/** "Set area…" / "Set link officer…" for the chosen schools. */
export function BulkAssignDialog({
  kind,
  selection,
  count,
  onClose,
  onDone,
}: {
  kind: BulkKind;
  selection: BulkSelection;
  count: number;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const areas = useQuery({ ...areasQuery, enabled: kind === "area" });
  const officers = useQuery({ ...linkOfficersQuery, enabled: kind === "linkOfficer" });
  const [choice, setChoice] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const options =
    kind === "area"
      ? [
          { value: NONE, label: "No area" },
          ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
        ]
      : [
          { value: NONE, label: "No link officer" },
          ...(officers.data ?? []).map((o) => ({ value: o.userId, label: o.name })),
        ];
  const chosenLabel = options.find((o) => o.value === choice)?.label ?? "";

  const save = useMutation({
    mutationFn: (): Promise<BulkResult> => {
      const id = choice === NONE ? null : choice;
      return kind === "area" ? assignArea(selection, id) : assignLinkOfficer(selection, id);
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: schoolsKeys.all });
      const what = kind === "area" ? "area" : "link officer";
      onDone(
        `${chosenLabel}: ${schoolsWord(result.changed)} changed` +
          (result.unchanged ? `, ${schoolsWord(result.unchanged)} already had this ${what}.` : "."),
      );
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const title = kind === "area" ? "Set area" : "Set link officer";
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      description={`For ${schoolsWord(count)}.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="bulk-assign-form" pending={save.isPending}>
            {title}
          </Button>
        </>
      }
    >
      <form
        id="bulk-assign-form"
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!choice) {
            setProblem(kind === "area" ? "Choose an area." : "Choose a link officer.");
            return;
          }
          setProblem(null);
          save.mutate();
        }}
      >
        <FormAlert message={problem} />
        <Select
          label={kind === "area" ? "Area" : "Link officer"}
          placeholder={kind === "area" ? "Choose an area" : "Choose a link officer"}
          options={options}
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
        />
        {kind === "area" ? (
          <p className="text-sm text-slate-700">
            The area is set by hand: the area rules will no longer change it for these schools.
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
