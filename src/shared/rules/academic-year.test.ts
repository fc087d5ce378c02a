import { describe, expect, it } from "vitest";
import {
  AcademicYear,
  academicYearOf,
  academicYearStart,
  isAcademicYear,
  previousAcademicYears,
} from "./academic-year";

describe("academicYearOf", () => {
  it("starts a new year on 1 September (UTC)", () => {
    expect(academicYearOf(new Date("2025-09-01T00:00:00Z"))).toBe("2025/26");
    expect(academicYearOf(new Date("2025-08-31T23:59:59Z"))).toBe("2024/25");
  });

  it("keeps January to August in the year that started the previous September", () => {
    expect(academicYearOf(new Date("2026-01-15T12:00:00Z"))).toBe("2025/26");
    expect(academicYearOf(new Date("2026-08-31T12:00:00Z"))).toBe("2025/26");
    expect(academicYearOf(new Date("2025-12-31T23:59:59Z"))).toBe("2025/26");
  });

  it("wraps the century", () => {
    expect(academicYearOf(new Date("1999-10-01T00:00:00Z"))).toBe("1999/00");
    expect(academicYearOf(new Date("2009-09-01T00:00:00Z"))).toBe("2009/10");
  });

  it("uses UTC, not the local time zone", () => {
    // 23:30 on 31 August UTC is already 1 September in UTC+1 (BST): still the old year.
    expect(academicYearOf(new Date("2025-08-31T23:30:00Z"))).toBe("2024/25");
    expect(academicYearOf(new Date("2025-09-01T00:30:00+01:00"))).toBe("2024/25");
  });

  it("refuses an invalid date", () => {
    expect(() => academicYearOf(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("isAcademicYear", () => {
  it.each(["2025/26", "1999/00", "2009/10", "2099/00"])("accepts %s", (s) => {
    expect(isAcademicYear(s)).toBe(true);
  });

  it.each([
    "2025/27",
    "2025/25",
    "2025-26",
    "2025/2026",
    "25/26",
    " 2025/26",
    "2025/26 ",
    "",
    "abcd/ef",
    "1999/01",
  ])("rejects %j", (s) => {
    expect(isAcademicYear(s)).toBe(false);
  });
});

describe("previousAcademicYears", () => {
  it("lists n years ending with the current one, oldest first", () => {
    expect(previousAcademicYears("2025/26", 5)).toEqual([
      "2021/22",
      "2022/23",
      "2023/24",
      "2024/25",
      "2025/26",
    ]);
  });

  it("handles one, zero and a century boundary", () => {
    expect(previousAcademicYears("2025/26", 1)).toEqual(["2025/26"]);
    expect(previousAcademicYears("2025/26", 0)).toEqual([]);
    expect(previousAcademicYears("2000/01", 3)).toEqual(["1998/99", "1999/00", "2000/01"]);
  });

  it("refuses a malformed year or count", () => {
    expect(() => previousAcademicYears("2025/27", 2)).toThrow(RangeError);
    expect(() => previousAcademicYears("2025/26", -1)).toThrow(RangeError);
    expect(() => previousAcademicYears("2025/26", 1.5)).toThrow(RangeError);
  });
});

describe("academicYearStart", () => {
  it("is 1 September of the first year", () => {
    expect(academicYearStart("2025/26")).toBe("2025-09-01");
    expect(academicYearStart("1999/00")).toBe("1999-09-01");
  });

  it("round-trips with academicYearOf", () => {
    for (const y of previousAcademicYears("2025/26", 30)) {
      expect(academicYearOf(new Date(`${academicYearStart(y)}T00:00:00Z`))).toBe(y);
    }
  });

  it("refuses a malformed year", () => {
    expect(() => academicYearStart("2025")).toThrow(RangeError);
  });
});

describe("AcademicYear schema", () => {
  it("parses a valid year", () => {
    expect(AcademicYear.parse("2025/26")).toBe("2025/26");
  });

  it.each(["2025/27", "2025-26", "2025"])("rejects %j with the house message", (s) => {
    const result = AcademicYear.safeParse(s);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Academic year must look like 2025/26");
  });

  it("rejects a non-string", () => {
    expect(AcademicYear.safeParse(2025).success).toBe(false);
  });
});
