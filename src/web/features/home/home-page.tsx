import { ArrowRight } from "lucide-react";
import { Link } from "react-router";
import { ROLE_LABELS } from "../../../shared/roles";
import { useMe } from "../../api/session";
import { Badge } from "../../components/ui/badge";
import { PageHeader } from "../../components/ui/page-header";
import { useDocumentTitle } from "../../lib/use-document-title";
import { navFor } from "../shell/nav-items";

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

export function HomePage() {
  const { data: me } = useMe();
  const hub = me?.currentHub ?? null;
  useDocumentTitle("Home", hub?.hubName);
  if (!me || !hub) return null;
  const firstName = me.user.name.split(/\s+/)[0] ?? me.user.name;
  const items = navFor(hub.role)
    .flatMap((g) => g.items)
    .filter((i) => i.id !== "home");

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
      <section aria-labelledby="home-areas">
        <h2 id="home-areas" className="mb-3 text-lg font-semibold text-slate-900">
          Your areas
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {items.map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4">
              {item.to ? (
                <Link
                  to={item.to}
                  className="flex items-center justify-between gap-2 rounded font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
                >
                  {item.label}
                  <ArrowRight aria-hidden="true" className="size-4" />
                </Link>
              ) : (
                <p className="flex items-center justify-between gap-2 text-slate-700">
                  <span>{item.label}</span>
                  <Badge>Coming soon</Badge>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
