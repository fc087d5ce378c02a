const TIME_ZONE = "Europe/London";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: TIME_ZONE,
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});
const numberFormat = new Intl.NumberFormat("en-GB");

const toDate = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** "25 Nov 2026" (UK time). */
export const formatDate = (value: string | Date | null | undefined): string => {
  if (value === null || value === undefined) return "—";
  const date = toDate(value);
  return date ? dateFormat.format(date) : "—";
};

/** "25 Nov 2026, 14:05" (UK time). */
export const formatDateTime = (value: string | Date | null | undefined): string => {
  if (value === null || value === undefined) return "—";
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : "—";
};

export const formatNumber = (value: number): string => numberFormat.format(value);
