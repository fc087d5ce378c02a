import { describe, expect, it } from "vitest";
import { luminance, textColourOn } from "./colour";

describe("textColourOn", () => {
  it("puts white on a dark hub colour and dark text on a light one", () => {
    expect(textColourOn("#1f4e79")).toBe("#ffffff");
    expect(textColourOn("#ffd966")).toBe("#111111");
    expect(textColourOn("#fff")).toBe("#111111");
  });
  it("measures luminance from black to white", () => {
    expect(luminance("#000000")).toBe(0);
    expect(luminance("#ffffff")).toBeCloseTo(1);
  });
  it("refuses what is not a hex colour", () => {
    expect(() => textColourOn("navy")).toThrow(RangeError);
  });
});
