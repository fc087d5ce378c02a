// Pure rules of the programme's phases and schools' expressions of interest (decision 024).

export type InterestKind = "be_visited" | "support_others";
export type InterestStatus = "pending" | "accepted" | "declined";

export const INTEREST_KIND_LABELS: Record<InterestKind, string> = {
  be_visited: "To be visited in the next phase",
  support_others: "To support other schools",
};

export const INTEREST_STATUS_LABELS: Record<InterestStatus, string> = {
  pending: "Waiting for an answer",
  accepted: "Accepted",
  declined: "Declined",
};

/** A phase ends on or after the day it starts (dates as YYYY-MM-DD compare as text). */
export const phaseDatesInOrder = (startsOn: string, endsOn: string): boolean => startsOn <= endsOn;

/** "upcoming" before its start, "current" between its dates (inclusive), "past" after its end. */
export const phaseState = (
  phase: { startsOn: string; endsOn: string },
  today: string,
): "upcoming" | "current" | "past" =>
  today < phase.startsOn ? "upcoming" : today > phase.endsOn ? "past" : "current";

/**
 * Who may express interest for a school: its own school user, for an open school of the hub.
 * (The public form checks the school the same way, by its URN.) Returns the reason it may not.
 */
export const interestRefusal = (
  actor: { role: string; schoolId: string | null },
  school: { id: string; status: string } | null,
): "not_school_user" | "no_school" | "closed" | null => {
  if (actor.role !== "school_user") return "not_school_user";
  if (!school || actor.schoolId !== school.id) return "no_school";
  if (school.status === "closed") return "closed";
  return null;
};

/** Only a pending interest is answered; an answered one stays as it was. */
export const canDecideInterest = (status: InterestStatus): boolean => status === "pending";

/** An interest in being visited may be taken into a phase that has not ended yet. */
export const phaseTakesSchools = (phase: { endsOn: string }, today: string): boolean => phase.endsOn >= today;
