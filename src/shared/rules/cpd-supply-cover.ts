/**
 * A Lead School's supply-cover claim (issue 12): days of cover (in half days) at a daily rate;
 * the hub pays its contribution (50% unless the hub sets another rate), rounded to the penny.
 */
export type SupplyCoverInput = { days: number; dailyRatePence: number; contributionPercent: number };
export type SupplyCover = { totalPence: number; contributionPence: number; schoolPaysPence: number };

export const SUPPLY_DAYS_MAX = 20;

/** Problems with a claim's figures, by field (empty when it can be calculated). */
export const supplyCoverProblems = (input: SupplyCoverInput): { path: string; message: string }[] => {
  const out: { path: string; message: string }[] = [];
  if (
    !Number.isFinite(input.days) ||
    input.days <= 0 ||
    input.days > SUPPLY_DAYS_MAX ||
    (input.days * 2) % 1 !== 0
  )
    out.push({
      path: "days",
      message: `Enter the days of cover in half days, from 0.5 to ${SUPPLY_DAYS_MAX}`,
    });
  if (!Number.isInteger(input.dailyRatePence) || input.dailyRatePence <= 0 || input.dailyRatePence > 100_000)
    out.push({ path: "dailyRatePence", message: "Enter a daily rate between £0.01 and £1,000" });
  if (
    !Number.isInteger(input.contributionPercent) ||
    input.contributionPercent < 0 ||
    input.contributionPercent > 100
  )
    out.push({ path: "contributionPercent", message: "The contribution is a percentage from 0 to 100" });
  return out;
};

export const supplyCover = (input: SupplyCoverInput): SupplyCover => {
  const problems = supplyCoverProblems(input);
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join("; "));
  const totalPence = Math.round(input.days * input.dailyRatePence);
  const contributionPence = Math.round((totalPence * input.contributionPercent) / 100);
  return { totalPence, contributionPence, schoolPaysPence: totalPence - contributionPence };
};
