const TIME_ZONE = "Europe/London";

const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: TIME_ZONE,
});

/**
 * A date as UK documents write it: "2 December 2026", on the UK calendar (an instant late on
 * a summer evening in UTC is already the next day in London). A plain date "2026-12-02" is that day.
 */
export const formatUkDate = (value: Date | string): string => {
  const date =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return longDate.format(date);
};
