import { Link } from "react-router";
import type { HomeCard } from "../../../shared/schemas/home";
import { formatDateTime } from "../../lib/format";
import { HomeCardFrame, linkClasses } from "./home-card";

type CardOf<K extends HomeCard["kind"]> = { card: Extract<HomeCard, { kind: K }> };

/** CPD: the hub's next events and claims to decide, or a school's coming bookings. */
export function CpdCard({ card }: CardOf<"cpd">) {
  const hub = card.audience === "hub";
  const more = card.upcomingTotal - card.upcoming.length;
  return (
    <HomeCardFrame id="cpd" title={hub ? "CPD in the next eight weeks" : "Your school's CPD"}>
      {card.upcoming.length === 0 ? (
        <p className="text-sm text-slate-700">
          {hub ? "No published CPD events in the next eight weeks." : "Nobody from your school is booked."}
        </p>
      ) : (
        <ul className="space-y-1 text-sm">
          {card.upcoming.map((e) => (
            <li key={`${e.href} ${e.startsAt} ${e.title}`}>
              <Link to={e.href} className={linkClasses}>
                {e.title}
              </Link>{" "}
              <span className="text-slate-700">
                {formatDateTime(e.startsAt)}: {e.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? <p className="mt-1 text-sm text-slate-700">and {more} more.</p> : null}
      {card.claimsWaiting ? (
        <p className="mt-2 text-sm" data-testid="figure-cpd-claims">
          <Link to={card.claimsWaiting.href} className={linkClasses}>
            {card.claimsWaiting.label}: {card.claimsWaiting.count}
          </Link>
        </p>
      ) : null}
      <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
        <Link to={card.href} className={linkClasses}>
          {hub ? "All CPD events" : "Your CPD bookings"}
        </Link>
        <Link to={card.catalogueHref} className={linkClasses}>
          The CPD catalogue
        </Link>
      </p>
    </HomeCardFrame>
  );
}
