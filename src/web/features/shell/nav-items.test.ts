import { describe, expect, it } from "vitest";
import { ROLES } from "../../../shared/schemas/auth";
import { canOpen, navFor } from "./nav-items";

const labels = (role: Parameters<typeof navFor>[0]) =>
  navFor(role).flatMap((g) => g.items.map((i) => i.label));
const groups = (role: Parameters<typeof navFor>[0]) => navFor(role).map((g) => g.id);

const CAPABILITIES = [
  "Home",
  "Schools",
  "Engagement",
  "Phases",
  "Lead Schools",
  "CPD",
  "Quality mark",
  "Plan",
  "Questionnaires",
];

describe("navFor", () => {
  it("gives a hub admin every capability and the Admin group", () => {
    expect(labels("hub_admin")).toEqual([...CAPABILITIES, "Users", "Audit log", "Outbox"]);
    expect(groups("hub_admin")).toEqual(["main", "admin"]);
  });

  it("gives hub staff every capability but no Admin group", () => {
    expect(labels("hub_staff")).toEqual(CAPABILITIES);
    expect(groups("hub_staff")).toEqual(["main"]);
  });

  it("gives a school user their school's pages only: audits, reports, CPD, Lead Schools, quality mark, questionnaires", () => {
    expect(labels("school_user")).toEqual([
      "Home",
      "Our school",
      "Audits and visits",
      "Visit reports",
      "CPD bookings",
      "Lead Schools",
      "Quality mark",
      "Questionnaires",
    ]);
  });

  it("gives a partner user Home only (until the partners area exists)", () => {
    expect(labels("partner_user")).toEqual(["Home"]);
  });

  it("gives someone with no hub only Home", () => {
    expect(labels(null)).toEqual(["Home"]);
  });

  it("shows only what exists: every entry is a link, none says coming soon", () => {
    for (const role of ROLES)
      for (const g of navFor(role)) for (const i of g.items) expect(i.to).toMatch(/^\//);
  });

  it("uses unique ids within each role", () => {
    for (const role of ROLES) {
      const ids = navFor(role).flatMap((g) => g.items.map((i) => i.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe("canOpen", () => {
  it("lets only hub admins open admin pages", () => {
    expect(canOpen("hub_admin", "/admin/users")).toBe(true);
    expect(canOpen("hub_admin", "/admin/audit")).toBe(true);
    expect(canOpen("hub_staff", "/admin/users")).toBe(false);
    expect(canOpen("school_user", "/admin/outbox")).toBe(false);
  });

  it("lets hub roles open Schools and its sub-pages, not school or partner users", () => {
    expect(canOpen("hub_staff", "/schools")).toBe(true);
    expect(canOpen("hub_staff", "/schools/123456")).toBe(true);
    expect(canOpen("school_user", "/schools")).toBe(false);
    expect(canOpen("partner_user", "/schools")).toBe(false);
  });

  it("lets everyone open Home, but not other paths through the Home prefix", () => {
    for (const role of ROLES) expect(canOpen(role, "/")).toBe(true);
    expect(canOpen("partner_user", "/admin")).toBe(false);
  });
});
