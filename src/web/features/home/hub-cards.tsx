import { Link } from "react-router";
import type { HomeCard } from "../../../shared/schemas/home";
import { formatDateTime } from "../../lib/format";
import { FigureLink, HomeCardFrame, linkClasses } from "./home-card";

type CardOf<K extends HomeCard["kind"]> = { card: Extract<HomeCard, { kind: K }> };

export function HubFiguresCard({ card }: CardOf<"hub-figures">) {
  return (
    <HomeCardFrame id="hub-figures" title="The hub at a glance" wide>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-700">Open schools by phase</h3>
          <ul>
            <li>
              <FigureLink {...card.openSchools} testId="figure-open" />
            </li>
            {card.byPhase.map((f) => (
              <li key={f.phase}>
                <FigureLink
                  count={f.count}
                  label={f.label}
                  href={f.href}
                  testId={`figure-phase-${f.phase}`}
                />
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-700">Schools by status</h3>
          <ul>
            {card.byStatus.map((f) => (
              <li key={f.status}>
                <FigureLink
                  count={f.count}
                  label={f.label}
                  href={f.href}
                  testId={`figure-status-${f.status}`}
                />
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-700">Needs attention</h3>
          <ul>
            <li>
              <FigureLink {...card.noLinkOfficer} testId="figure-no-link-officer" />
            </li>
            <li>
              <FigureLink {...card.missingMusicData} testId="figure-missing-music-data" />
            </li>
          </ul>
        </div>
      </div>
    </HomeCardFrame>
  );
}

export function GiasChangesCard({ card }: CardOf<"gias-changes">) {
  return (
    <HomeCardFrame id="gias-changes" title="The national register (GIAS)">
      {card.lastImportAt ? (
        <>
          <p className="text-sm text-slate-700">
            Last import {formatDateTime(card.lastImportAt)}
            {card.fileName ? ` from ${card.fileName}` : ""}.
          </p>
          <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
            {(
              [
                ["New schools", card.opened],
                ["Closed", card.closed],
                ["Renamed", card.renamed],
              ] as const
            ).map(([label, n]) => (
              <div key={label} className="rounded-md bg-slate-50 p-2">
                <dt className="text-xs text-slate-700">{label}</dt>
                <dd className="text-xl font-semibold tabular-nums text-slate-900">{n}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="text-sm text-slate-700">No GIAS extract has been imported yet.</p>
      )}
      <p className="mt-3 text-sm">
        <Link to={card.href} className={linkClasses}>
          Imports
        </Link>
      </p>
    </HomeCardFrame>
  );
}

export function MySchoolsCard({ card }: CardOf<"my-schools">) {
  return (
    <HomeCardFrame id="my-schools" title="My schools">
      {card.total === 0 ? (
        <p className="text-sm text-slate-700">You are not the link officer of any school yet.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            You are the link officer of{" "}
            <Link to={card.href} className={linkClasses} data-testid="figure-my-schools">
              {card.total === 1 ? "1 school" : `${card.total} schools`}
            </Link>
            .
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {card.schools.map((s) => (
              <li key={s.urn}>
                <Link to={s.href} state={{ from: "/" }} className={linkClasses}>
                  {s.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </HomeCardFrame>
  );
}

export function RecentActivityCard({ card }: CardOf<"recent-activity">) {
  return (
    <HomeCardFrame id="recent-activity" title="Recent activity">
      {card.entries.length === 0 ? (
        <p className="text-sm text-slate-700">Nothing has changed yet.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {card.entries.map((e) => (
            <li key={e.id}>
              {e.href ? (
                <Link to={e.href} state={{ from: "/" }} className={linkClasses}>
                  {e.summary}
                </Link>
              ) : (
                <span className="text-slate-900">{e.summary}</span>
              )}
              <span className="block text-xs text-slate-700">
                {e.actorName ?? "System"} · {formatDateTime(e.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {card.href ? (
        <p className="mt-3 text-sm">
          <Link to={card.href} className={linkClasses}>
            The whole audit log
          </Link>
        </p>
      ) : null}
    </HomeCardFrame>
  );
}
