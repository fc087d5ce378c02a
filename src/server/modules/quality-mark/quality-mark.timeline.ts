import { QM_LEVEL_LABELS } from "../../../shared/rules/quality-mark";
import type { TimelineSource } from "../../platform/timeline";
import { listAwards } from "./awards.service";

/** Quality mark awards on a school's profile timeline (a school user sees only its own). */
export const qualityMarkTimelineSources: TimelineSource[] = [
  {
    kind: "award",
    load: async (ctx, urn) => {
      const n = Number(urn);
      if (!Number.isInteger(n)) return [];
      const { items } = await listAwards(ctx, { page: 1, pageSize: 100, urn: n });
      return items.map((a) => ({
        at: a.awardedOn,
        kind: "award",
        title: `${QM_LEVEL_LABELS[a.level]} quality mark awarded`,
        detail: `Valid until ${a.validUntil}`,
        href: `/quality-mark/awards/${a.id}`,
      }));
    },
  },
];
