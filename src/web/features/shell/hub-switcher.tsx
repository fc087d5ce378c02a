import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useNavigate } from "react-router";
import { ROLE_LABELS } from "../../../shared/roles";
import type { MeResponse } from "../../../shared/schemas/auth";
import { api, errorMessage } from "../../api/client";
import { rememberSession } from "../../api/session";

/** The hub name, or a select of the user's hubs when they belong to more than one. */
export function HubSwitcher({ me }: { me: MeResponse }) {
  const id = useId();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const switchHub = useMutation({
    mutationFn: (hubId: string) => api.post<MeResponse>("/api/auth/switch-hub", { hubId }),
    onSuccess: async (next) => {
      rememberSession(queryClient, next);
      await navigate("/");
      // Everything cached belonged to the other hub.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
      await queryClient.invalidateQueries();
    },
  });
  const current = me.currentHub;

  if (me.memberships.length <= 1) {
    return (
      <p className="truncate text-sm font-medium text-slate-800" data-testid="hub-name">
        {current?.hubName ?? "No hub"}
      </p>
    );
  }
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Current hub
      </label>
      <select
        id={id}
        value={current?.hubId ?? ""}
        disabled={switchHub.isPending}
        onChange={(event) => switchHub.mutate(event.target.value)}
        className="max-w-[14rem] truncate rounded-md border border-slate-400 bg-white px-2 py-1 text-sm font-medium text-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700"
      >
        {current ? null : <option value="">Choose a hub</option>}
        {me.memberships.map((m) => (
          <option key={m.hubId} value={m.hubId}>
            {m.hubName} ({ROLE_LABELS[m.role]})
          </option>
        ))}
      </select>
      {switchHub.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(switchHub.error)}
        </p>
      ) : null}
    </div>
  );
}
