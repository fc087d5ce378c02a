import type { DbOrTx } from "../../db/client";

/**
 * The public pages a hub offers (CPD catalogue, awarded schools, Lead Schools, a round's
 * application page, published plans…). Each module registers its page once; the hub's public
 * profile lists those that are available for the hub.
 */
export type PublicPage = {
  key: string;
  title: string;
  /** Where the page is, for a hub's slug. */
  href: (slug: string) => string;
  /** Whether the hub has anything to show there yet (default: always). */
  available?: (db: DbOrTx, hubId: string) => Promise<boolean>;
};

const pages = new Map<string, PublicPage>();

/** Adds a public page to every hub's list. Returns a function that removes it again (tests). */
export const registerPublicPage = (page: PublicPage): (() => void) => {
  if (pages.has(page.key)) throw new Error(`Public page "${page.key}" is already registered`);
  pages.set(page.key, page);
  return () => {
    pages.delete(page.key);
  };
};

export const publicPagesFor = async (db: DbOrTx, hub: { id: string; slug: string }) => {
  const out: { key: string; title: string; href: string }[] = [];
  for (const page of pages.values())
    if (!page.available || (await page.available(db, hub.id)))
      out.push({ key: page.key, title: page.title, href: page.href(hub.slug) });
  return out;
};

// The hub's public calendar is always there (empty until modules publish events into it).
registerPublicPage({
  key: "calendar",
  title: "Calendar of events (subscribe in your calendar program)",
  href: (slug) => `/api/public/hubs/${slug}/calendar.ics`,
});
