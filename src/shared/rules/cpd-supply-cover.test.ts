import { describe, expect, it } from "vitest";
import { supplyCover, supplyCoverProblems } from "./cpd-supply-cover";

describe("supplyCover", () => {
  it("pays half of the total by default rate", () => {
    expect(supplyCover({ days: 1.5, dailyRatePence: 18000, contributionPercent: 50 })).toEqual({
      totalPence: 27000,
      contributionPence: 13500,
      schoolPaysPence: 13500,
    });
  });
  it("uses the hub's own rate and rounds to the penny", () => {
    expect(supplyCover({ days: 0.5, dailyRatePence: 17501, contributionPercent: 33 })).toEqual({
      totalPence: 8751,
      contributionPence: 2888,
      schoolPaysPence: 5863,
    });
  });
  it("refuses days not in half days, and rates out of range, by field", () => {
    expect(
      supplyCoverProblems({ days: 0.3, dailyRatePence: 0, contributionPercent: 50 }).map((p) => p.path),
    ).toEqual(["days", "dailyRatePence"]);
    expect(() => supplyCover({ days: 0, dailyRatePence: 100, contributionPercent: 50 })).toThrow(RangeError);
  });
});
