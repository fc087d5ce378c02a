import { z } from "zod";

// Academic years in England run 1 September – 31 August and are written "2025/26".
// Everything here works in UTC so that a date means the same year on every machine.

const ACADEMIC_YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;

export const ACADEMIC_YEAR_MESSAGE = "Academic year must look like 2025/26";

const pad2 = (n: number): string => String(n).padStart(2, "0");

const format = (startYear: number): string => `${startYear}/${pad2((startYear + 1) % 100)}`;

/** The calendar year in which an academic year starts, or null when the string is not one. */
const startYearOf = (s: string): number | null => {
  const match = ACADEMIC_YEAR_PATTERN.exec(s);
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[2]);
  return (first + 1) % 100 === second ? first : null;
};

const requireStartYear = (y: string): number => {
  const start = startYearOf(y);
  if (start === null) throw new RangeError(`${ACADEMIC_YEAR_MESSAGE}: got "${y}"`);
  return start;
};

/** The academic year a date falls in, e.g. 2025-09-01 → "2025/26", 2026-08-31 → "2025/26". */
export const academicYearOf = (date: Date): string => {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year)) throw new RangeError("Invalid date");
  // getUTCMonth is 0-based: 8 is September.
  return format(date.getUTCMonth() >= 8 ? year : year - 1);
};

/** "NNNN/NN" where the second part is the first year + 1 (mod 100), e.g. "1999/00". */
export const isAcademicYear = (s: string): boolean => startYearOf(s) !== null;

/** The n academic years ending with `current`, oldest first: ("2025/26", 3) → 2023/24, 2024/25, 2025/26. */
export const previousAcademicYears = (current: string, n: number): string[] => {
  const start = requireStartYear(current);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer: got ${n}`);
  return Array.from({ length: n }, (_, i) => format(start - (n - 1) + i));
};

/** The first day of an academic year as an ISO date: "2025/26" → "2025-09-01". */
export const academicYearStart = (y: string): string => `${requireStartYear(y)}-09-01`;

export const AcademicYear = z.string().refine(isAcademicYear, { error: ACADEMIC_YEAR_MESSAGE });
export type AcademicYear = z.infer<typeof AcademicYear>;
