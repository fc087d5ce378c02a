import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PLAN_STATUS_LABELS, PLAN_STATUSES, type PlanStatus } from "../../../shared/schemas/plans";
import { api, errorMessage } from "../../api/client";
import { Alert, Button, Dialog, Select } from "../../components/ui";
import { planKeys } from "./plans-api";

/** A status chosen from the list (not started, on track, at risk, off track, done), saved as it changes. */
export function StatusControl({
  planId,
  path,
  value,
  label,
}: {
  planId: string;
  /** The objective's or target's address under the plan: `objectives/…` or `targets/…`. */
  path: string;
  value: PlanStatus;
  /** Names the thing, for screen readers: "Status of objective 1". */
  label: string;
}) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (status: string) => api.patch(`/api/plans/${planId}/${path}`, { status }),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.plan(planId) }),
  });
  return (
    <div className="min-w-32">
      <Select
        label={label}
        hideLabel
        options={PLAN_STATUSES.map((s) => ({ value: s, label: PLAN_STATUS_LABELS[s].label }))}
        value={value}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.target.value)}
        error={save.isError ? errorMessage(save.error) : undefined}
      />
    </div>
  );
}

/**
 * Move up, move down and delete for an objective, action or target. Deleting asks first; the
 * server refuses what has a history (a target with updates, decisions or earlier versions) and
 * the page says why.
 */
export function ItemControls({
  planId,
  path,
  name,
  what,
  canMoveUp,
  canMoveDown,
}: {
  planId: string;
  /** `objectives/:id`, `actions/:id` or `targets/:id`. */
  path: string;
  /** How the item reads, in the buttons' accessible names. */
  name: string;
  what: "objective" | "action" | "target";
  canMoveUp: boolean;
  canMoveDown: boolean;
}) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: ["plans"] });
  const move = useMutation({
    mutationFn: (direction: "up" | "down") => api.post(`/api/plans/${planId}/${path}/move`, { direction }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/plans/${planId}/${path}`),
    onSuccess: () => {
      setConfirming(false);
      return refresh();
    },
  });
  const below =
    what === "objective" ? " with its actions and targets" : what === "action" ? " with its targets" : "";
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-xs font-normal">
      <Button
        size="sm"
        variant="secondary"
        aria-label={`Move ${what} "${name}" up`}
        disabled={!canMoveUp || move.isPending}
        onClick={() => move.mutate("up")}
      >
        Up
      </Button>
      <Button
        size="sm"
        variant="secondary"
        aria-label={`Move ${what} "${name}" down`}
        disabled={!canMoveDown || move.isPending}
        onClick={() => move.mutate("down")}
      >
        Down
      </Button>
      <Button
        size="sm"
        variant="secondary"
        aria-label={`Delete ${what} "${name}"`}
        onClick={() => {
          remove.reset();
          setConfirming(true);
        }}
      >
        Delete
      </Button>
      {move.isError ? <Alert tone="error">{errorMessage(move.error)}</Alert> : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Delete this ${what}?`}
        description={`"${name}"${below} will be removed from the plan. A target that has updates, review decisions or earlier versions is kept: retire it at a review instead.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Delete
            </Button>
          </>
        }
      >
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      </Dialog>
    </span>
  );
}
