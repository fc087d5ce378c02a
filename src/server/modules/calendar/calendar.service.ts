import type { CalendarFeedToken } from "../../../shared/schemas/calendar";
import type { DbOrTx } from "../../db/client";
import { recordAudit } from "../../platform/audit";
import { collectEvents, feedIcs, feedWindow } from "../../platform/calendar";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { hashToken, newToken } from "../../platform/tokens";
import { calendarRepository } from "./calendar.repository";

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/calendar/feeds/${token}.ics`;

/**
 * Mints the actor's secret feed for the current hub, replacing any earlier one (whose URL stops
 * working at once). The token is returned once, to its own user; only its hash is kept.
 */
export const mintFeedToken = async (ctx: ServiceContext): Promise<CalendarFeedToken> => {
  const token = newToken();
  const row = await inTransaction(ctx, async (tx) => {
    const repo = calendarRepository(tx.db);
    const replaced = await repo.hadToken(ctx.actor.userId, ctx.actor.hubId);
    const saved = await repo.saveToken(ctx.actor.userId, ctx.actor.hubId, hashToken(token), ctx.clock());
    await recordAudit(tx.db, ctx.actor, {
      action: replaced ? "update" : "create",
      entity: "calendar_feed",
      entityId: ctx.actor.userId,
      after: { createdAt: saved.createdAt },
    });
    return saved;
  });
  return { url: feedUrl(ctx.config.publicUrl, token), createdAt: row.createdAt.toISOString() };
};

/** The `.ics` feed behind a secret token (no session: the token is the key). */
export const personalFeed = async (db: DbOrTx, token: string, now: Date): Promise<string> => {
  const owner = await calendarRepository(db).feedOwner(hashToken(token));
  if (!owner) throw notFound("Calendar feed");
  const events = await collectEvents(
    db,
    {
      kind: "user",
      hubId: owner.hubId,
      userId: owner.userId,
      role: owner.role,
      schoolId: owner.schoolId,
      partnerId: owner.partnerId,
    },
    feedWindow(now),
  );
  return feedIcs({ name: `${owner.hubName} (Tutti)`, events, now });
};

/** A hub's public calendar (events its modules publish for anyone). */
export const publicFeed = async (
  db: DbOrTx,
  hub: { id: string; name: string },
  now: Date,
): Promise<string> => {
  const events = await collectEvents(db, { kind: "public", hubId: hub.id }, feedWindow(now));
  return feedIcs({ name: hub.name, events, now });
};
