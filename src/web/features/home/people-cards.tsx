import { Link } from "react-router";
import type { HomeCard } from "../../../shared/schemas/home";
import { formatDate, formatNumber } from "../../lib/format";
import { phaseLabel, statusLabel } from "../schools/school-filters";
import { HomeCardFrame, linkClasses } from "./home-card";

type CardOf<K extends HomeCard["kind"]> = { card: Extract<HomeCard, { kind: K }> };

export function OurSchoolCard({ card }: CardOf<"our-school">) {
  const s = card.school;
  return (
    <>
      <HomeCardFrame id="our-school" title={s ? s.name : "Your school"}>
        {s ? (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-700">Phase</dt>
              <dd>{phaseLabel(s.phase)}</dd>
              <dt className="text-slate-700">Status</dt>
              <dd>{statusLabel(s.status)}</dd>
              {s.town ? (
                <>
                  <dt className="text-slate-700">Town</dt>
                  <dd>{s.town}</dd>
                </>
              ) : null}
              {s.pupils !== null ? (
                <>
                  <dt className="text-slate-700">Pupils</dt>
                  <dd>{formatNumber(s.pupils)}</dd>
                </>
              ) : null}
              <dt className="text-slate-700">URN</dt>
              <dd>{s.urn}</dd>
            </dl>
            <p className="mt-3 text-sm">
              <Link to={s.href} className={linkClasses}>
                Your school's profile and figures
              </Link>
            </p>
          </>
        ) : (
          <p className="text-sm text-slate-700">
            Your account is not linked to a school yet. Ask {card.hubName} to link it.
          </p>
        )}
      </HomeCardFrame>
      <HomeCardFrame id="link-officer" title="Your link officer">
        {card.linkOfficer ? (
          <p className="text-sm text-slate-900">
            {card.linkOfficer.name} at {card.hubName}:{" "}
            <a href={`mailto:${card.linkOfficer.email}`} className={linkClasses}>
              {card.linkOfficer.email}
            </a>
          </p>
        ) : (
          <p className="text-sm text-slate-700">
            {card.hubName} has not named a link officer for your school yet.
          </p>
        )}
      </HomeCardFrame>
      <HomeCardFrame id="asks" title="What the hub asks of you now">
        {card.asks.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing right now: you are up to date.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {card.asks.map((a) => (
              <li key={a.label}>
                <Link to={a.href} className={linkClasses}>
                  {a.label}
                </Link>
                {a.due ? <span className="block text-xs text-slate-700">Due {formatDate(a.due)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </HomeCardFrame>
    </>
  );
}

export function PartnerCard({ card }: CardOf<"partner">) {
  return (
    <>
      <HomeCardFrame id="partner" title={card.organisation ?? "Your organisation"}>
        <p className="text-sm text-slate-900">
          {card.organisation
            ? `You work with ${card.hubName} as ${card.organisation}.`
            : `Your account is not linked to an organisation yet. Ask ${card.hubName} to link it.`}
        </p>
      </HomeCardFrame>
      <HomeCardFrame id="hub-contact" title="Your contact at the hub">
        {card.hubContact ? (
          <p className="text-sm text-slate-900">
            {card.hubContact.name}:{" "}
            <a href={`mailto:${card.hubContact.email}`} className={linkClasses}>
              {card.hubContact.email}
            </a>
          </p>
        ) : (
          <p className="text-sm text-slate-700">{card.hubName} has no contact named yet.</p>
        )}
      </HomeCardFrame>
      <HomeCardFrame id="can-do" title="What you can do now">
        {card.canDo.length ? (
          <ul className="space-y-2 text-sm">
            {card.canDo.map((c) => (
              <li key={c.label}>
                <a href={c.href} className={linkClasses}>
                  {c.label}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">Nothing yet.</p>
        )}
        <p className="mt-2 text-sm text-slate-700">
          Meetings, notes and your offers will appear here when the partners area opens.
        </p>
      </HomeCardFrame>
    </>
  );
}
