import { formatUkDate } from "../../../shared/rules/uk-date";
import type { HomeCardProvider } from "../home/home-cards";
import { auditsRepository } from "./audits.repository";
import { myAudits } from "./audits.service";
import { londonDate } from "./visits.calendar";

/** The most schools the hub's card lists. */
const LIMIT = 8;

/**
 * "Audits waiting": for hub users, submitted audits of schools whose scheduled visit has not
 * been held and written up yet (read them first); for a school user, its audits to complete.
 */
export const auditsWaitingCard: HomeCardProvider = {
  kind: "audits-waiting",
  roles: ["hub_admin", "hub_staff", "school_user"],
  load: async (ctx) => {
    if (ctx.actor.role === "school_user") {
      if (!ctx.actor.schoolId) return null;
      const { audits } = await myAudits(ctx);
      const open = audits.filter((a) => a.status !== "submitted");
      if (!open.length) return null;
      return {
        kind: "audits-waiting",
        audience: "school",
        total: open.length,
        items: open.map((a) => ({
          label: a.title,
          detail: a.status === "draft" ? "Saved as a draft: finish and submit it" : "Not started yet",
          href: a.responseId ? `/questionnaires/responses/${a.responseId}` : "/engagement/my-audits",
        })),
        href: "/engagement/my-audits",
      };
    }
    const rows = await auditsRepository(ctx.db).waitingForVisits(
      ctx.actor.hubId,
      londonDate(ctx.clock()),
      200,
    );
    const sorted = [...rows].sort((a, b) => a.visitDate.localeCompare(b.visitDate));
    return {
      kind: "audits-waiting",
      audience: "hub",
      total: rows.length,
      items: sorted.slice(0, LIMIT).map((r) => ({
        label: r.schoolName,
        detail: `Visit on ${formatUkDate(r.visitDate)}`,
        href: `/questionnaires/responses/${r.responseId}`,
      })),
      href: "/engagement/phases",
    };
  },
};
