import { describe, expect, it } from "vitest";
import type { Role } from "../../../shared/schemas/auth";
import type { Actor } from "../../platform/actor";
import { canDesignTemplates, canFillFor, canSeeAllResponses } from "./questionnaires.policy";

const actor = (role: Role, schoolId: string | null = null): Actor => ({
  userId: "00000000-0000-4000-8000-000000000009",
  name: "Test",
  email: "t@example.test",
  hubId: "00000000-0000-4000-8000-000000000008",
  hubName: "Hub",
  hubSlug: "hub",
  role,
  schoolId,
  partnerId: null,
});
const own = "00000000-0000-4000-8000-00000000000a";
const other = "00000000-0000-4000-8000-00000000000b";

describe("questionnaire permissions", () => {
  it("lets hub users design and see all; school users neither; partners nothing", () => {
    expect(
      ["hub_admin", "hub_staff", "school_user", "partner_user"].map((r) =>
        canDesignTemplates(actor(r as Role)),
      ),
    ).toEqual([true, true, false, false]);
    expect(canSeeAllResponses(actor("school_user", own))).toBe(false);
  });

  it("lets a school user fill in for their own school only", () => {
    expect(canFillFor(actor("school_user", own), own)).toBe(true);
    expect(canFillFor(actor("school_user", own), other)).toBe(false);
    expect(canFillFor(actor("school_user", null), other)).toBe(false);
    expect(canFillFor(actor("hub_staff"), other)).toBe(true);
    expect(canFillFor(actor("partner_user"), other)).toBe(false);
  });
});
