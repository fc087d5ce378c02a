import { useQuery } from "@tanstack/react-query";
import { ROLE_LABELS } from "../../../shared/roles";
import type { HomeResponse } from "../../../shared/schemas/home";
import { api, errorMessage } from "../../api/client";
import { useMe } from "../../api/session";
import { Alert } from "../../components/ui/alert";
import { Loading } from "../../components/ui/loading";
import { PageHeader } from "../../components/ui/page-header";
import { useDocumentTitle } from "../../lib/use-document-title";
import { HomeCardView } from "./home-card-registry";

const greeting = (now: Date): string => {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: "Europe/London" }).format(
      now,
    ),
  );
  if (hour < 12) return "Good morning";
  if (hour < 18) return "Good afternoon";
  return "Good evening";
};

/** The home dashboard: the cards the server chose for this role (decision 020). */
export function HomePage() {
  const { data: me } = useMe();
  const hub = me?.currentHub ?? null;
  useDocumentTitle("Home", hub?.hubName);
  const home = useQuery({
    queryKey: ["home", hub?.hubId ?? null],
    queryFn: ({ signal }) => api.get<HomeResponse>("/api/home", undefined, signal),
    enabled: Boolean(hub),
  });
  if (!me || !hub) return null;
  const firstName = me.user.name.split(/\s+/)[0] ?? me.user.name;

  return (
    <div>
      <PageHeader
        title={`${greeting(new Date())}, ${firstName}`}
        description={
          <>
            You are signed in as <strong>{ROLE_LABELS[hub.role]}</strong> at <strong>{hub.hubName}</strong>.
          </>
        }
      />
      {home.isError ? (
        <Alert tone="error" title="Your home page could not be loaded">
          {errorMessage(home.error)}
        </Alert>
      ) : home.data ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {home.data.cards.map((card) => (
            <HomeCardView key={card.kind} card={card} />
          ))}
        </div>
      ) : (
        <Loading label="Loading your home page…" />
      )}
    </div>
  );
}
