import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import type { SchoolListResponse } from "../../../shared/schemas/schools";
import { api, errorMessage } from "../../api/client";
import { Alert } from "../../components/ui/alert";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { useDocumentTitle } from "../../lib/use-document-title";
import { SchoolProfile } from "./school-profile";

const URN_PATTERN = /^\d{6}$/;

/** Finds a school's URN by its id, through the list (a school user's list holds only their school). */
export const useUrnOfSchool = (schoolId: string | null | undefined) =>
  useQuery({
    queryKey: ["schools", "urn-of", schoolId ?? null],
    enabled: Boolean(schoolId),
    queryFn: async ({ signal }) => {
      const list = await api.get<SchoolListResponse>("/api/schools", { pageSize: 200 }, signal);
      return list.items.find((s) => s.id === schoolId)?.urn ?? list.items[0]?.urn ?? null;
    },
  });

function SchoolById({ id }: { id: string }) {
  const urn = useUrnOfSchool(id);
  if (urn.isPending) return <Loading label="Loading the school…" />;
  if (urn.isError) return <Alert tone="error">{errorMessage(urn.error)}</Alert>;
  if (urn.data === null) return <NotFound />;
  return <SchoolProfile urn={urn.data} />;
}

function NotFound() {
  useDocumentTitle("School not found");
  return (
    <div>
      <PageHeader title="School not found" description="There is no school at this address." />
    </div>
  );
}

/** /schools/:urn — the URN, or the school's id. */
export function SchoolProfilePage() {
  const { urn } = useParams();
  if (urn && URN_PATTERN.test(urn)) return <SchoolProfile key={urn} urn={Number(urn)} />;
  if (urn && /^[0-9a-f-]{36}$/i.test(urn)) return <SchoolById key={urn} id={urn} />;
  return <NotFound />;
}
