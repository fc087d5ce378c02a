import { HEX_COLOUR } from "../../../shared/rules/colour";
import type { PublicHub } from "../../../shared/schemas/public";
import type { DbOrTx } from "../../db/client";
import { notFound } from "../../platform/errors";
import { publicFeed } from "../calendar/calendar.service";
import { type PublicHubRow, publicRepository } from "./public.repository";
import { publicPagesFor } from "./public-pages";

const DEFAULT_COLOUR = "#1f4e79";

/** The hub behind a public address, or 404 (the same answer for any unknown address). */
export const publicHubRow = async (db: DbOrTx, slug: string): Promise<PublicHubRow> => {
  const hub = await publicRepository(db).hubBySlug(slug);
  if (!hub) throw notFound("Hub");
  return hub;
};

/** A hub's public profile: name, area served, public contact address, public pages. */
export const publicHubProfile = async (db: DbOrTx, slug: string): Promise<PublicHub> => {
  const hub = await publicHubRow(db, slug);
  return {
    slug: hub.slug,
    name: hub.name,
    areaServed: hub.areaServed,
    contactEmail: hub.publicEmail,
    colour: HEX_COLOUR.test(hub.brandColour) ? hub.brandColour : DEFAULT_COLOUR,
    pages: await publicPagesFor(db, hub),
  };
};

/** The hub's public calendar feed. */
export const publicHubCalendar = async (db: DbOrTx, slug: string, now: Date): Promise<string> => {
  const hub = await publicHubRow(db, slug);
  return publicFeed(db, hub, now);
};
