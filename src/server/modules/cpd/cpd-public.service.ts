import { createHash } from "node:crypto";
import { and, arrayContains, asc, count, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { formatPence } from "../../../shared/rules/cpd-price";
import { termLabel, termOf, termRange } from "../../../shared/rules/cpd-term";
import {
  CPD_KIND_LABELS,
  PublicCpdCatalogue,
  type PublicCpdEvent,
  type PublicCpdQuery,
} from "../../../shared/schemas/cpd";
import type { Db, DbOrTx } from "../../db/client";
import { cpdEvents, cpdSessions } from "../../db/schema/index";
import { feedIcs } from "../../platform/calendar";
import { createPdf } from "../../platform/documents/pdf-document";
import { notFound } from "../../platform/errors";
import { hubReads } from "../../platform/hub-reads";
import { jsonSerializer } from "../../platform/serializer";
import { londonDate } from "../engagement/visits.calendar";
import { publicHubRow } from "../public/public.service";
import type { CpdEventRow, CpdSessionRow } from "./cpd.repository";
import { sessionCalendarEvent } from "./cpd-events.service";
import { londonWhen } from "./cpd-mail";

const base = (slug: string) => `/api/public/hubs/${slug}/cpd`;

/** London midnight at the start of a day, as an instant. */
const londonMidnight = (day: string): Date =>
  new Date(Temporal.PlainDate.from(day).toZonedDateTime("Europe/London").epochMilliseconds);

const monthRange = (month: string) => {
  const start = Temporal.PlainDate.from(`${month}-01`);
  return { from: londonMidnight(start.toString()), to: londonMidnight(start.add({ months: 1 }).toString()) };
};

const bookingOpen = (e: CpdEventRow, now: Date) =>
  e.startsAt > now &&
  (!e.bookingOpensAt || e.bookingOpensAt <= now) &&
  (!e.bookingClosesAt || e.bookingClosesAt > now);

const present = (
  slug: string,
  e: CpdEventRow,
  sessions: readonly CpdSessionRow[],
  now: Date,
): PublicCpdEvent => ({
  ref: e.ref,
  title: e.title,
  kind: e.kind,
  description: e.description,
  phases: e.phases,
  focusAreas: e.focusAreas,
  pricePence: e.pricePence,
  ledBy: e.ledBy,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  capacity: e.capacity,
  remaining: Math.max(0, e.capacity - e.bookedPlaces),
  bookingOpen: bookingOpen(e, now),
  sessions: sessions.map((s) => ({
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    venue: s.venue,
  })),
  icsUrl: `${base(slug)}/${e.ref}/event.ics`,
});

const sessionsOf = (db: DbOrTx, ids: readonly string[]) =>
  ids.length
    ? db
        .select()
        .from(cpdSessions)
        .where(inArray(cpdSessions.eventId, [...ids]))
        .orderBy(asc(cpdSessions.eventId), asc(cpdSessions.position))
    : Promise.resolve([] as CpdSessionRow[]);

/** Whether a hub has published CPD not yet over (its public page is listed then). */
export const hasPublicCpd = async (db: DbOrTx, hubId: string, now: Date): Promise<boolean> =>
  (
    await db
      .select({ id: cpdEvents.id })
      .from(cpdEvents)
      .where(and(eq(cpdEvents.hubId, hubId), eq(cpdEvents.status, "published"), gte(cpdEvents.endsAt, now)))
      .limit(1)
  ).length > 0;

/** A catalogue page as the reply sends it: JSON written once, with its entity tag. */
export type CatalogueReply = { json: string; etag: string };

const writeCatalogue = jsonSerializer(PublicCpdCatalogue);

/**
 * Catalogue pages, kept per hub (name and slug), query and minute while the hub's CPD has not
 * changed (platform/hub-reads.ts, decision 030), already written as JSON. Event times and
 * booking windows are whole minutes (the editor's fields), so "booking open" worked out at the
 * minute's start is what it is at any moment of that minute; a booking is checked again anyway.
 */
const keptCatalogue = hubReads<CatalogueReply>("cpd-catalogue", { topics: ["cpd"], max: 2000 });

/** The public catalogue: published events not yet over, filtered by month, kind, phase and focus area. */
export const publicCatalogue = async (
  db: Db,
  slug: string,
  q: PublicCpdQuery,
  now: Date,
): Promise<CatalogueReply> => {
  const hub = await publicHubRow(db, slug);
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const key = `${minute.getTime()} ${hub.slug} ${hub.name} ${JSON.stringify(q)}`;
  return keptCatalogue.forHub(db, hub.id, key, async () => {
    const page = await cataloguePage(db, hub.id, q, minute);
    const json = writeCatalogue({
      hub: { slug: hub.slug, name: hub.name },
      items: page.rows.map((e) =>
        present(
          slug,
          e,
          page.sessions.filter((s) => s.eventId === e.id),
          minute,
        ),
      ),
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
      feedUrl: `${base(slug)}.ics`,
      termPdfUrl: `${base(slug)}/term.pdf`,
    });
    return { json, etag: `"${createHash("sha1").update(json).digest("base64")}"` };
  });
};

type CataloguePage = { rows: CpdEventRow[]; sessions: CpdSessionRow[]; total: number };

const cataloguePage = async (db: Db, hubId: string, q: PublicCpdQuery, now: Date): Promise<CataloguePage> => {
  const month = q.month ? monthRange(q.month) : null;
  const where = and(
    eq(cpdEvents.hubId, hubId),
    eq(cpdEvents.status, "published"),
    gte(cpdEvents.endsAt, now),
    month ? and(gte(cpdEvents.startsAt, month.from), lt(cpdEvents.startsAt, month.to)) : undefined,
    q.kind ? eq(cpdEvents.kind, q.kind) : undefined,
    // An event naming no phase is for every phase.
    q.phase
      ? or(arrayContains(cpdEvents.phases, [q.phase]), sql`cardinality(${cpdEvents.phases}) = 0`)
      : undefined,
    q.focus ? arrayContains(cpdEvents.focusAreas, [q.focus]) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(cpdEvents)
      .where(where)
      .orderBy(asc(cpdEvents.startsAt), asc(cpdEvents.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(cpdEvents).where(where),
  ]);
  const sessions = await sessionsOf(
    db,
    rows.map((r) => r.id),
  );
  return { rows, sessions, total: total?.n ?? 0 };
};

const publishedByRef = async (db: DbOrTx, slug: string, ref: string) => {
  const hub = await publicHubRow(db, slug);
  const [event] = await db
    .select()
    .from(cpdEvents)
    .where(
      and(
        eq(cpdEvents.hubId, hub.id),
        eq(cpdEvents.ref, ref),
        inArray(cpdEvents.status, ["published", "cancelled"]),
      ),
    );
  if (!event) throw notFound("The event");
  return { hub, event, sessions: await sessionsOf(db, [event.id]) };
};

export const publicEvent = async (
  db: DbOrTx,
  slug: string,
  ref: string,
  now: Date,
): Promise<PublicCpdEvent> => {
  const { event, sessions } = await publishedByRef(db, slug, ref);
  return present(slug, event, sessions, now);
};

/** One event's sessions as an `.ics` file. */
export const publicEventIcs = async (db: DbOrTx, slug: string, ref: string, now: Date): Promise<string> => {
  const { hub, event, sessions } = await publishedByRef(db, slug, ref);
  return feedIcs({
    name: `${hub.name}: ${event.title}`,
    events: sessions.map((s) => sessionCalendarEvent(event, s, sessions.length, null)),
    now,
  });
};

/** The subscribable feed of the whole catalogue (from 90 days back). */
export const publicCatalogueIcs = async (db: DbOrTx, slug: string, now: Date): Promise<string> => {
  const hub = await publicHubRow(db, slug);
  const rows = await db
    .select({ event: cpdEvents, session: cpdSessions })
    .from(cpdSessions)
    .innerJoin(cpdEvents, eq(cpdEvents.id, cpdSessions.eventId))
    .where(
      and(
        eq(cpdEvents.hubId, hub.id),
        inArray(cpdEvents.status, ["published", "cancelled"]),
        gte(cpdSessions.startsAt, new Date(now.getTime() - 90 * 86_400_000)),
      ),
    )
    .orderBy(asc(cpdSessions.startsAt))
    .limit(5000);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.event.id, (counts.get(r.event.id) ?? 0) + 1);
  return feedIcs({
    name: `${hub.name} CPD`,
    events: rows.map((r) => sessionCalendarEvent(r.event, r.session, counts.get(r.event.id) ?? 1, null)),
    now,
  });
};

/** A one-page list of a term's CPD (the current term by default) for letters to schools. */
export const publicTermPdf = async (
  db: DbOrTx,
  slug: string,
  term: string | undefined,
  now: Date,
): Promise<{ name: string; body: Buffer }> => {
  const hub = await publicHubRow(db, slug);
  const which = term ?? termOf(londonDate(now));
  const range = termRange(which);
  if (!range) throw notFound("The term");
  const rows = await db
    .select()
    .from(cpdEvents)
    .where(
      and(
        eq(cpdEvents.hubId, hub.id),
        eq(cpdEvents.status, "published"),
        gte(cpdEvents.startsAt, londonMidnight(range.from)),
        lt(cpdEvents.startsAt, londonMidnight(Temporal.PlainDate.from(range.to).add({ days: 1 }).toString())),
      ),
    )
    .orderBy(asc(cpdEvents.startsAt))
    .limit(300);
  const pdf = await createPdf({
    hub: { name: hub.name, colour: hub.brandColour },
    title: `CPD: ${termLabel(which)}`,
    date: now,
  });
  // The same list gives the same bytes all day (a shared cache and its ETag may keep it).
  // (pdfkit derives the file ID from its creation instant: give it one from the content instead.)
  pdf.doc.info.CreationDate = londonMidnight(londonDate(now));
  Object.assign(pdf.doc, {
    _id: createHash("md5")
      .update(
        `${hub.slug}|${which}|${londonDate(now)}|${rows.map((r) => `${r.id}:${r.updatedAt.getTime()}`).join(",")}`,
      )
      .digest(),
  });
  pdf.paragraph(
    rows.length
      ? `Book at ${base(slug).replace("/api/public/hubs/", "/h/")} or through Tutti. Prices are per place; Lead Schools have their first place free.`
      : "No CPD events are published for this term yet.",
  );
  if (rows.length)
    pdf.table({
      columns: [
        { header: "When", weight: 3 },
        { header: "Event", weight: 4 },
        { header: "Kind", weight: 2 },
        { header: "Price", weight: 1, align: "right" },
      ],
      rows: rows.map((e) => [
        londonWhen(e.startsAt),
        e.title,
        CPD_KIND_LABELS[e.kind],
        e.pricePence === 0 ? "Free" : formatPence(e.pricePence),
      ]),
    });
  return { name: `cpd-${which.replace("/", "-")}.pdf`, body: await pdf.toBuffer() };
};
