import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Membership, MeResponse } from "../../shared/schemas/auth";
import { ApiError, api, setCsrfToken } from "./client";

export const meQueryKey = ["me"] as const;

/** The signed-in user, or null when signed out. */
export const fetchMe = async (): Promise<MeResponse | null> => {
  try {
    const me = await api.get<MeResponse>("/api/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
};

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: fetchMe,
  staleTime: 60_000,
});

/** The session hook: `data` is the MeResponse, null when signed out, undefined while loading. */
export const useMe = () => useQuery(meQuery);

/** Store a MeResponse answered by sign-in, accept-invitation or switch-hub. */
export const rememberSession = (
  client: { setQueryData: (key: typeof meQueryKey, me: MeResponse) => unknown },
  me: MeResponse,
): void => {
  setCsrfToken(me.csrfToken);
  client.setQueryData(meQueryKey, me);
};

export const currentRole = (me: MeResponse | null | undefined): Membership["role"] | null =>
  me?.currentHub?.role ?? null;
