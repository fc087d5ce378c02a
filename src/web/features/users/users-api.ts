import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Paged } from "../../../shared/schemas/common";
import type { Member, MemberListQuery, MemberPatch } from "../../../shared/schemas/users";
import { api } from "../../api/client";

export type MemberFilters = Partial<Pick<MemberListQuery, "q" | "role" | "status">> & { page: number };

export const PAGE_SIZE = 25;

export const membersQuery = (filters: MemberFilters) =>
  queryOptions({
    queryKey: ["users", "list", filters],
    queryFn: ({ signal }) =>
      api.get<Paged<Member>>("/api/users", { ...filters, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });

export const patchMember = (userId: string, patch: MemberPatch) =>
  api.patch<Member>(`/api/users/${encodeURIComponent(userId)}`, patch);
