import { describe, expect, it } from "vitest";
import { termLabel, termOf, termRange } from "./cpd-term";

describe("terms", () => {
  it("places a day in its term", () => {
    expect(termOf("2025-09-01")).toBe("2025/26-autumn");
    expect(termOf("2026-01-15")).toBe("2025/26-spring");
    expect(termOf("2026-08-31")).toBe("2025/26-summer");
  });
  it("gives a term's days and label", () => {
    expect(termRange("2025/26-spring")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(termRange("2025/27-spring")).toBeNull();
    expect(termLabel("2025/26-summer")).toBe("Summer 2025/26");
  });
});
