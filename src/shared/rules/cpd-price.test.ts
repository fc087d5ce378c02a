import { describe, expect, it } from "vitest";
import { formatPence, isLateCancellation, priceBooking } from "./cpd-price";

describe("priceBooking", () => {
  it("charges every place at the price for a school that is not a Lead School", () => {
    const q = priceBooking({ pricePence: 4500, places: 3, leadSchool: false, freePlacesHeld: 0 });
    expect(q.places).toEqual([
      { pricePence: 4500, free: false },
      { pricePence: 4500, free: false },
      { pricePence: 4500, free: false },
    ]);
    expect(q.totalPence).toBe(13500);
    expect(q.explanation).toBe("3 × £45.00. Total £135.00.");
  });

  it("gives a Lead School its first place free and charges the others", () => {
    const q = priceBooking({ pricePence: 4500, places: 3, leadSchool: true, freePlacesHeld: 0 });
    expect(q.places.map((p) => p.pricePence)).toEqual([0, 4500, 4500]);
    expect(q.freePlaces).toBe(1);
    expect(q.totalPence).toBe(9000);
    expect(q.explanation).toContain("The first place is free for a Lead School");
  });

  it("gives no second free place at the same event", () => {
    const q = priceBooking({ pricePence: 4500, places: 2, leadSchool: true, freePlacesHeld: 1 });
    expect(q.places.map((p) => p.pricePence)).toEqual([4500, 4500]);
    expect(q.explanation).toContain("already used");
  });

  it("leaves a free event free, with nothing counted as the Lead School's free place", () => {
    const q = priceBooking({ pricePence: 0, places: 2, leadSchool: true, freePlacesHeld: 0 });
    expect(q.totalPence).toBe(0);
    expect(q.freePlaces).toBe(0);
    expect(q.explanation).toBe("This event is free. Total £0.00.");
  });

  it("writes pounds with thousands separators", () => {
    expect(formatPence(123456)).toBe("£1,234.56");
  });
});

describe("isLateCancellation", () => {
  const starts = new Date("2026-03-10T09:00:00Z");
  it("is not late before the cut-off", () => {
    expect(isLateCancellation(new Date("2026-03-02T09:00:00Z"), starts, 7)).toBe(false);
  });
  it("is late from the cut-off on", () => {
    expect(isLateCancellation(new Date("2026-03-03T09:00:00Z"), starts, 7)).toBe(true);
    expect(isLateCancellation(new Date("2026-03-09T09:00:00Z"), starts, 7)).toBe(true);
  });
});
