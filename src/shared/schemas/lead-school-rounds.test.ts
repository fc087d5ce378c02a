import { describe, expect, it } from "vitest";
import { criterionCode } from "./lead-school-rounds";
import { Criterion } from "./lead-schools";

describe("criterionCode", () => {
  it("makes a code the round's criteria accept from a criterion's name", () => {
    const code = criterionCode("Composition & improvisation (KS2–KS3)", []);
    expect(code).toBe("composition_improvisation_ks2_ks3");
    expect(Criterion.safeParse({ id: code, label: "x", max: 5 }).success).toBe(true);
  });

  it("never repeats a code already taken, and names a nameless criterion", () => {
    expect(criterionCode("Track record", ["track_record"])).toBe("track_record_2");
    expect(criterionCode("Track record", ["track_record", "track_record_2"])).toBe("track_record_3");
    expect(criterionCode("  !!  ", [])).toBe("criterion");
  });
});
