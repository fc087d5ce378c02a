import { errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert } from "../../components/ui/alert";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { useDocumentTitle } from "../../lib/use-document-title";
import { SchoolProfile } from "./school-profile";
import { useUrnOfSchool } from "./school-profile-page";

function NoSchool() {
  useDocumentTitle("Our school");
  return (
    <div>
      <PageHeader title="Our school" />
      <Alert tone="warning" title="No school is linked to your account">
        Ask your music hub to link your account to your school.
      </Alert>
    </div>
  );
}

/** "Our school": a school user's own profile. */
export function OurSchoolPage() {
  const { data: me } = useMe();
  const schoolId = me?.currentHub?.schoolId ?? null;
  const urn = useUrnOfSchool(schoolId);
  if (!schoolId) return <NoSchool />;
  if (urn.isPending) return <Loading label="Loading your school…" />;
  if (urn.isError) return <Alert tone="error">{errorMessage(urn.error)}</Alert>;
  if (urn.data === null) return <NoSchool />;
  return <SchoolProfile urn={urn.data} />;
}
