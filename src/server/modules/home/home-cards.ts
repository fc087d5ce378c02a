import { academicYearOf } from "../../../shared/rules/academic-year";
import { PHASE_LABELS, type Phase } from "../../../shared/rules/phase";
import type { Role } from "../../../shared/schemas/auth";
import type { HomeCard, HomeCardKind } from "../../../shared/schemas/home";
import { SCHOOL_STATUS_LABELS, SCHOOL_STATUSES, type SchoolStatus } from "../../../shared/schemas/schools";
import type { ServiceContext } from "../../platform/context";
import { presentReadable } from "../audit/audit.presenter";
import { auditRepository } from "../audit/audit.repository";
import { cpdCard } from "../cpd/cpd.home-cards";
import { auditsWaitingCard } from "../engagement/audits.home";
import { overdueNextSteps, visitsThisWeek } from "../engagement/engagement.home-cards";
import { homeRepository } from "./home.repository";

/**
 * The home page's card registry (decision 020): one provider per card, each naming the roles it
 * serves. A capability adds its card here (and its shape to `HomeCard`, its component to the
 * web's registry); the home page itself never changes. A provider answers null to show nothing.
 */
export type HomeCardProvider = {
  kind: HomeCardKind;
  roles: readonly Role[];
  load: (ctx: ServiceContext) => Promise<HomeCard | null>;
};

const HUB: readonly Role[] = ["hub_admin", "hub_staff"];

/** The school list filtered as given: the web path a figure links to. */
export const schoolsHref = (filter: Record<string, string>): string => {
  const search = new URLSearchParams(filter).toString();
  return search ? `/schools?${search}` : "/schools";
};

const hubFigures: HomeCardProvider = {
  kind: "hub-figures",
  roles: HUB,
  load: async (ctx) => {
    const repo = homeRepository(ctx.db);
    const hubId = ctx.actor.hubId;
    const academicYear = academicYearOf(ctx.clock());
    const [counts, noLinkOfficer, missing] = await Promise.all([
      repo.schoolCounts(hubId),
      repo.openWithoutLinkOfficer(hubId),
      repo.openMissingMusicData(hubId, academicYear),
    ]);
    const openByPhase = new Map<string, number>();
    const byStatus = new Map<SchoolStatus, number>();
    for (const c of counts) {
      byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + c.n);
      if (c.status === "open") openByPhase.set(c.phase, (openByPhase.get(c.phase) ?? 0) + c.n);
    }
    const open = byStatus.get("open") ?? 0;
    return {
      kind: "hub-figures",
      academicYear,
      openSchools: { label: "Open schools", count: open, href: schoolsHref({ status: "open" }) },
      byPhase: [...openByPhase]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([phase, count]) => ({
          phase: phase as Phase,
          label: PHASE_LABELS[phase as Phase] ?? phase,
          count,
          href: schoolsHref({ status: "open", phase }),
        })),
      byStatus: SCHOOL_STATUSES.map((status) => ({
        status,
        label: SCHOOL_STATUS_LABELS[status],
        count: byStatus.get(status) ?? 0,
        href: schoolsHref({ status }),
      })),
      noLinkOfficer: {
        label: "Open schools with no link officer",
        count: noLinkOfficer,
        href: schoolsHref({ status: "open", linkOfficer: "none" }),
      },
      missingMusicData: {
        label: `Open schools missing music data for ${academicYear}`,
        count: missing,
        href: schoolsHref({ status: "open", missingMusicData: academicYear }),
      },
    };
  },
};

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

const giasChanges: HomeCardProvider = {
  kind: "gias-changes",
  roles: HUB,
  load: async (ctx) => {
    const repo = homeRepository(ctx.db);
    const last = await repo.lastGiasImport(ctx.actor.hubId);
    const href = "/schools/import";
    if (!last)
      return {
        kind: "gias-changes",
        lastImportAt: null,
        fileName: null,
        opened: 0,
        closed: 0,
        renamed: 0,
        href,
      };
    const renamed = await repo.renamedBetween(
      ctx.actor.hubId,
      last.createdAt,
      last.finishedAt ?? ctx.clock(),
    );
    return {
      kind: "gias-changes",
      lastImportAt: (last.finishedAt ?? last.createdAt).toISOString(),
      fileName: last.fileName,
      opened: num(last.result?.created),
      closed: num(last.result?.closed),
      renamed,
      href,
    };
  },
};

const mySchools: HomeCardProvider = {
  kind: "my-schools",
  roles: HUB,
  load: async (ctx) => {
    const { rows, total } = await homeRepository(ctx.db).schoolsOfOfficer(
      ctx.actor.hubId,
      ctx.actor.userId,
      8,
    );
    // A hub admin who is nobody's link officer is not shown an empty card; hub staff are.
    if (!total && ctx.actor.role === "hub_admin") return null;
    return {
      kind: "my-schools",
      total,
      href: schoolsHref({ linkOfficer: ctx.actor.userId }),
      schools: rows.map((s) => ({ urn: s.urn, name: s.name, href: `/schools/${s.urn}` })),
    };
  },
};

/** What hub staff see of the log: the schools' side (people and hub settings are the admins'). */
const STAFF_ACTIVITY = ["school", "school_contact", "school_music_data", "school_import", "area"];

const recentActivity: HomeCardProvider = {
  kind: "recent-activity",
  roles: HUB,
  load: async (ctx) => {
    const admin = ctx.actor.role === "hub_admin";
    const repo = auditRepository(ctx.db);
    const rows = await repo.latest(ctx.actor.hubId, admin ? null : STAFF_ACTIVITY, 6);
    const subjects = await repo.subjects(ctx.actor.hubId, rows);
    return {
      kind: "recent-activity",
      entries: rows.map((r) => presentReadable(r, subjects)),
      href: admin ? "/admin/audit" : null,
    };
  },
};

const ourSchool: HomeCardProvider = {
  kind: "our-school",
  roles: ["school_user"],
  load: async (ctx) => {
    const repo = homeRepository(ctx.db);
    const school = ctx.actor.schoolId ? await repo.school(ctx.actor.hubId, ctx.actor.schoolId) : null;
    const year = academicYearOf(ctx.clock());
    const asks: { label: string; href: string; due: string | null }[] = [];
    if (school && !(await repo.hasMusicData(ctx.actor.hubId, school.id, year)))
      asks.push({
        label: `Enter your school's music figures for ${year}`,
        href: "/our-school#music-heading",
        due: null,
      });
    return {
      kind: "our-school",
      hubName: ctx.actor.hubName,
      school: school
        ? {
            urn: school.urn,
            name: school.name,
            phase: school.phase as Phase,
            status: school.status,
            town: school.town,
            pupils: school.pupils,
            href: "/our-school",
          }
        : null,
      linkOfficer:
        school?.linkOfficerName && school.linkOfficerEmail
          ? { name: school.linkOfficerName, email: school.linkOfficerEmail }
          : null,
      asks,
    };
  },
};

const partner: HomeCardProvider = {
  kind: "partner",
  roles: ["partner_user"],
  load: async (ctx) => {
    const repo = homeRepository(ctx.db);
    const [organisation, hubContact] = await Promise.all([
      ctx.actor.partnerId ? repo.partnerName(ctx.actor.hubId, ctx.actor.partnerId) : null,
      repo.hubContact(ctx.actor.hubId),
    ]);
    return {
      kind: "partner",
      organisation,
      hubName: ctx.actor.hubName,
      hubContact,
      canDo: hubContact
        ? [{ label: `Write to ${hubContact.name} at the hub`, href: `mailto:${hubContact.email}` }]
        : [],
    };
  },
};

/** Every card, in the order the home page shows them. */
export const HOME_CARDS: readonly HomeCardProvider[] = [
  hubFigures,
  mySchools,
  visitsThisWeek,
  overdueNextSteps,
  giasChanges,
  recentActivity,
  ourSchool,
  partner,
  auditsWaitingCard,
  cpdCard,
];

export const cardsFor = (role: Role): HomeCardProvider[] => HOME_CARDS.filter((c) => c.roles.includes(role));
