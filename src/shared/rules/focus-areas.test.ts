import { describe, expect, it } from "vitest";
import { FOCUS_AREA_LABELS, FOCUS_AREAS, isFocusArea } from "./focus-areas";

describe("focus areas", () => {
  it("are the seven codes the API, exports and imports use, each with a label", () => {
    expect(FOCUS_AREAS).toHaveLength(7);
    for (const code of FOCUS_AREAS) expect(FOCUS_AREA_LABELS[code].length).toBeGreaterThan(0);
  });
  it("recognise only those codes", () => {
    expect(isFocusArea("singing_in_parts")).toBe(true);
    expect(isFocusArea("Singing in parts")).toBe(false);
  });
});
