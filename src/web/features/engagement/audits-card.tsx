import { Link } from "react-router";
import type { HomeCard } from "../../../shared/schemas/home";
import { HomeCardFrame, linkClasses } from "../home/home-card";

type Card = Extract<HomeCard, { kind: "audits-waiting" }>;

/** "Audits waiting": hub users read submitted audits before the visit; school users complete theirs. */
export function AuditsWaitingCard({ card }: { card: Card }) {
  const hub = card.audience === "hub";
  return (
    <HomeCardFrame id="audits-waiting" title={hub ? "Audits to read before a visit" : "Audits to complete"}>
      {card.total === 0 ? (
        <p className="text-sm text-slate-700">No submitted audit is waiting for a visit.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="figure-audits-waiting">
            {hub
              ? `${card.total === 1 ? "1 school has" : `${card.total} schools have`} submitted an audit before a visit still to come.`
              : `${card.total === 1 ? "1 audit is" : `${card.total} audits are`} waiting for your answers.`}
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {card.items.map((i) => (
              <li key={i.href + i.label}>
                <Link to={i.href} state={{ from: "/" }} className={linkClasses}>
                  {i.label}
                </Link>{" "}
                <span className="text-slate-700">{i.detail}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-3 text-sm">
        <Link to={card.href} className={linkClasses}>
          {hub ? "Phases and schools" : "All your audits"}
        </Link>
      </p>
    </HomeCardFrame>
  );
}
