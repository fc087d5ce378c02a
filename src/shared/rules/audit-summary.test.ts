import { describe, expect, it } from "vitest";
import { type AuditFacts, describeAuditEntry, listInWords } from "./audit-summary";

const facts = (f: Partial<AuditFacts> & Pick<AuditFacts, "entity">): AuditFacts => ({
  action: "update",
  detail: null,
  subject: null,
  before: null,
  after: null,
  ...f,
});

describe("describeAuditEntry", () => {
  it("says which contact of which school changed", () => {
    expect(
      describeAuditEntry(
        facts({ entity: "school_contact", detail: "headteacher", subject: "Alder Grove Academy" }),
      ),
    ).toBe("Alder Grove Academy: headteacher contact changed");
    expect(
      describeAuditEntry(
        facts({ entity: "school_contact", action: "delete", detail: "slt", subject: "Alder Grove" }),
      ),
    ).toBe("Alder Grove: SLT member for music contact removed");
  });

  it("names a rename with both names, and a closure", () => {
    const renamed = facts({
      entity: "school",
      subject: "New Name",
      before: { name: "Old Name" },
      after: { name: "New Name" },
    });
    expect(describeAuditEntry(renamed)).toBe("Old Name: renamed to New Name");
    const closed = facts({
      entity: "school",
      subject: "Elm",
      before: { status: "open" },
      after: { status: "closed" },
    });
    expect(describeAuditEntry(closed)).toBe("Elm: closed");
  });

  it("words the fields that changed, not their keys, once each", () => {
    const e = facts({
      entity: "school",
      subject: "Birch Lane",
      before: { areaId: "x", areaName: "North", areaSource: "rule", linkOfficerId: null },
      after: { areaId: "y", areaName: "South", areaSource: "hand", linkOfficerId: "z" },
    });
    expect(describeAuditEntry(e)).toBe("Birch Lane: area and link officer changed");
  });

  it("counts music figures and names the year", () => {
    const e = facts({
      entity: "school_music_data",
      action: "create",
      detail: "2026/27",
      subject: "Cedar",
      after: { wcetPupils: 3, singingPupils: 4, source: "web" },
    });
    expect(describeAuditEntry(e)).toBe("Cedar: music data for 2026/27 entered (2 figures)");
  });

  it("tells a role change from a deactivation", () => {
    const base = { entity: "membership", subject: "Sam Example" } as const;
    expect(
      describeAuditEntry(
        facts({
          ...base,
          before: { role: "hub_staff", active: true },
          after: { role: "hub_admin", active: true },
        }),
      ),
    ).toBe("Sam Example: role changed to Hub admin");
    expect(
      describeAuditEntry(
        facts({
          ...base,
          before: { role: "hub_staff", active: true },
          after: { role: "hub_staff", active: false },
        }),
      ),
    ).toBe("Sam Example: deactivated");
  });

  it("sums up an import from its counts", () => {
    const e = facts({
      entity: "school_import",
      action: "create",
      after: { source: "gias", fileName: "x.csv", created: 3, updated: 2, closed: 1 },
    });
    expect(describeAuditEntry(e)).toBe("GIAS import of x.csv: 3 new, 2 changed, 1 closed");
  });
});

describe("listInWords", () => {
  it("joins with commas and 'and', and cuts long lists", () => {
    expect(listInWords(["a"])).toBe("a");
    expect(listInWords(["a", "b", "c"])).toBe("a, b and c");
    expect(listInWords(["a", "b", "c", "d", "e"])).toBe("a, b, c and 2 more");
  });
});
