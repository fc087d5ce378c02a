/**
 * Is a measured target on course to meet its goal by its deadline? A straight line fitted
 * (least squares) through the measure's snapshots, read at the deadline. Pure.
 */

export type Snapshot = { on: string; value: number };

export type CourseState = "met" | "on_course" | "at_risk" | "off_course" | "missed" | "unknown";

export type Course = {
  state: CourseState;
  /** The line's value at the deadline (null when there are too few snapshots). */
  projected: number | null;
  /** The status the target shows for this state (not_started when unknown). */
  status: "not_started" | "on_track" | "at_risk" | "off_track" | "done";
};

const DAY = 86_400_000;
const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY);

/** How close (as a share of the way from the first value to the goal) still counts as "at risk". */
export const AT_RISK_MARGIN = 0.1;

export const course = (input: {
  snapshots: readonly Snapshot[];
  goal: number;
  deadline: string;
  today: string;
  /** The value now (may be newer than the last snapshot). */
  current?: number | null;
  /** "down" for a goal to go down to (fewer schools never visited…); "up" by default. */
  direction?: "up" | "down";
}): Course => {
  const points = [...input.snapshots].sort((a, b) => a.on.localeCompare(b.on));
  const latest = input.current ?? points.at(-1)?.value ?? null;
  const first = points[0]?.value ?? latest;
  const down = input.direction === "down";
  const reached = (v: number) => (down ? v <= input.goal : v >= input.goal);
  if (latest !== null && reached(latest)) return { state: "met", projected: latest, status: "done" };
  if (input.today > input.deadline) return { state: "missed", projected: latest, status: "off_track" };
  const days = new Set(points.map((p) => p.on));
  if (days.size < 2) return { state: "unknown", projected: null, status: "not_started" };

  const xs = points.map((p) => dayNumber(p.on));
  const ys = points.map((p) => p.value);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxy += dx * ((ys[i] ?? 0) - my);
    sxx += dx * dx;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const projected = my + slope * (dayNumber(input.deadline) - mx);
  if (reached(projected)) return { state: "on_course", projected, status: "on_track" };
  const span = Math.abs(input.goal - (first ?? 0)) || Math.abs(input.goal) || 1;
  const short = Math.abs(input.goal - projected) / span;
  return short <= AT_RISK_MARGIN
    ? { state: "at_risk", projected, status: "at_risk" }
    : { state: "off_course", projected, status: "off_track" };
};
