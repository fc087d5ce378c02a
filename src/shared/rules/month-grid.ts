// The calendar arithmetic of a month grid of visits (Monday first), on plain dates "YYYY-MM-DD":
// no time zone is involved, so a day never slips across midnight.

const pad = (n: number) => String(n).padStart(2, "0");
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A date moved by some days ("YYYY-MM-DD", on the calendar, no time zone involved). */
export const addDays = (date: string, days: number): string => {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
};

/** The weeks of a month, Monday first; days of other months are null. */
export const monthWeeks = (month: string): (string | null)[][] => {
  const first = utc(`${month}-01`);
  const lead = (first.getUTCDay() + 6) % 7;
  const days: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = first; iso(d).startsWith(month); d = utc(addDays(iso(d), 1))) days.push(iso(d));
  while (days.length % 7) days.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
};

/** Where an arrow, Home/End or Page key moves the selected day (null: a key the grid does not use). */
export const dayAfterKey = (day: string, key: string): string | null => {
  const weekday = (utc(day).getUTCDay() + 6) % 7;
  switch (key) {
    case "ArrowLeft":
      return addDays(day, -1);
    case "ArrowRight":
      return addDays(day, 1);
    case "ArrowUp":
      return addDays(day, -7);
    case "ArrowDown":
      return addDays(day, 7);
    case "Home":
      return addDays(day, -weekday);
    case "End":
      return addDays(day, 6 - weekday);
    case "PageUp":
    case "PageDown": {
      const d = utc(day);
      const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (key === "PageUp" ? -1 : 1), 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d.getUTCDate(), last));
      return iso(target);
    }
    default:
      return null;
  }
};
