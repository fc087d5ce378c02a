import { Link } from "react-router";
import type { HomeCard } from "../../../shared/schemas/home";
import { formatDate } from "../../lib/format";
import { HomeCardFrame, linkClasses } from "./home-card";

type CardOf<K extends HomeCard["kind"]> = { card: Extract<HomeCard, { kind: K }> };

export function VisitsThisWeekCard({ card }: CardOf<"visits-this-week">) {
  return (
    <HomeCardFrame id="visits-this-week" title="Visits this week">
      {card.visits.length === 0 ? (
        <p className="text-sm text-slate-700">
          No visits between {formatDate(card.from)} and {formatDate(card.to)}.
        </p>
      ) : (
        <ul className="space-y-1 text-sm">
          {card.visits.map((v) => (
            <li key={v.href}>
              <Link to={v.href} className={linkClasses}>
                {v.schoolName}
              </Link>{" "}
              <span className="text-slate-700">
                {formatDate(v.date)}
                {v.time ? ` at ${v.time}` : ""}: {v.purpose}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link to={card.href} className={linkClasses}>
          The visit calendar
        </Link>
      </p>
    </HomeCardFrame>
  );
}

export function OverdueNextStepsCard({ card }: CardOf<"overdue-next-steps">) {
  return (
    <HomeCardFrame id="overdue-next-steps" title="Overdue next steps">
      <p className="text-sm text-slate-700" data-testid="figure-overdue-steps">
        {card.total === 0
          ? "No next steps are overdue."
          : `${card.total === 1 ? "1 next step is" : `${card.total} next steps are`} overdue${
              card.mine ? " at your schools" : " across the hub"
            }.`}
      </p>
      {card.steps.length ? (
        <ul className="mt-2 space-y-1 text-sm">
          {card.steps.map((s) => (
            <li key={`${s.href} ${s.text}`}>
              <Link to={s.href} className={linkClasses}>
                {s.schoolName}
              </Link>{" "}
              <span className="text-slate-700">
                {s.text} (due {formatDate(s.due)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3 text-sm">
        <Link to={card.href} className={linkClasses}>
          My schools
        </Link>
      </p>
    </HomeCardFrame>
  );
}
