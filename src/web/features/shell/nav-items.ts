import type { Role } from "../../../shared/schemas/auth";

/** One entry of the navigation: only what exists (a capability gets its entry when it is built). */
export interface NavItem {
  id: string;
  label: string;
  to: string;
}

export interface NavGroup {
  id: "main" | "admin";
  label: string;
  items: NavItem[];
}

const item = (id: string, label: string, to: string): NavItem => ({ id, label, to });

const HUB_CAPABILITIES: NavItem[] = [
  item("home", "Home", "/"),
  item("schools", "Schools", "/schools"),
  item("engagement", "Engagement", "/engagement"),
  item("phases", "Phases", "/engagement/phases"),
  item("lead-schools", "Lead Schools", "/lead-schools"),
  item("cpd", "CPD", "/cpd/events"),
  item("quality-mark", "Quality mark", "/quality-mark"),
  item("plans", "Plan", "/plans"),
  item("questionnaires", "Questionnaires", "/questionnaires"),
];

const ADMIN_ITEMS: NavItem[] = [
  item("users", "Users", "/admin/users"),
  item("audit", "Audit log", "/admin/audit"),
  item("outbox", "Outbox", "/admin/outbox"),
];

const SCHOOL_ITEMS: NavItem[] = [
  item("home", "Home", "/"),
  item("our-school", "Our school", "/our-school"),
  item("audits", "Audits and visits", "/engagement/my-audits"),
  item("reports", "Visit reports", "/engagement/reports"),
  item("cpd", "CPD bookings", "/cpd/bookings"),
  item("lead-schools", "Lead Schools", "/lead-schools/school"),
  item("quality-mark", "Quality mark", "/quality-mark"),
  item("questionnaires", "Questionnaires", "/questionnaires"),
];

const PARTNER_ITEMS: NavItem[] = [item("home", "Home", "/")];

/** What the navigation shows for a role in the current hub. Pure: the one place this mapping lives. */
export const navFor = (role: Role | null | undefined): NavGroup[] => {
  switch (role) {
    case "hub_admin":
      return [
        { id: "main", label: "Workspace", items: HUB_CAPABILITIES },
        { id: "admin", label: "Admin", items: ADMIN_ITEMS },
      ];
    case "hub_staff":
      return [{ id: "main", label: "Workspace", items: HUB_CAPABILITIES }];
    case "school_user":
      return [{ id: "main", label: "Your school", items: SCHOOL_ITEMS }];
    case "partner_user":
      return [{ id: "main", label: "Your organisation", items: PARTNER_ITEMS }];
    default:
      return [{ id: "main", label: "Workspace", items: [item("home", "Home", "/")] }];
  }
};

/** May this role open this path? Used to refuse a route the navigation does not offer. */
export const canOpen = (role: Role | null | undefined, path: string): boolean =>
  navFor(role).some((group) =>
    group.items.some((i) => (i.to === "/" ? path === "/" : path === i.to || path.startsWith(`${i.to}/`))),
  );
