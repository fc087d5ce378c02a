import { Temporal } from "temporal-polyfill";
import type { VisitPurpose } from "../../../shared/schemas/engagement";
import { CALENDAR_TIME_ZONE, type CalendarEvent, registerCalendarProvider } from "../../platform/calendar";
import { engagementRepository, type VisitRow } from "./engagement.repository";

export const PURPOSE_LABELS: Record<VisitPurpose, string> = {
  first_conversation: "First conversation",
  follow_up: "Follow-up",
  targeted_support: "Targeted support",
  lead_school: "Lead School visit",
  quality_mark: "Quality mark assessment",
};

/** A whole-day visit's invitation starts at this London time. */
export const DEFAULT_VISIT_TIME = "09:00";

/** The London date of an instant, "YYYY-MM-DD". */
export const londonDate = (at: Date): string =>
  Temporal.Instant.fromEpochMilliseconds(at.getTime())
    .toZonedDateTimeISO(CALENDAR_TIME_ZONE)
    .toPlainDate()
    .toString();

const startOf = (visit: Pick<VisitRow, "date" | "time">): Date =>
  new Date(
    Temporal.PlainDateTime.from(`${visit.date}T${visit.time ?? DEFAULT_VISIT_TIME}`).toZonedDateTime(
      CALENDAR_TIME_ZONE,
    ).epochMilliseconds,
  );

/** A visit as a calendar event: one UID for its life, SEQUENCE raised at every change. */
export const visitEvent = (visit: VisitRow, schoolName: string, hubName: string): CalendarEvent => {
  const start = startOf(visit);
  return {
    uid: `visit-${visit.id}@tutti`,
    sequence: visit.sequence,
    status: visit.status === "cancelled" ? "cancelled" : "confirmed",
    start,
    end: new Date(start.getTime() + visit.durationMinutes * 60_000),
    summary: `${PURPOSE_LABELS[visit.purpose]}: ${hubName} visit to ${schoolName}`,
    description: visit.changeReason ? `Changed: ${visit.changeReason}` : null,
    location: schoolName,
    updatedAt: visit.updatedAt,
  };
};

// Visits appear in the personal feed of every hub member who attends them.
registerCalendarProvider({
  name: "engagement-visits",
  events: async (db, scope, window) => {
    if (scope.kind !== "user" || (scope.role !== "hub_admin" && scope.role !== "hub_staff")) return [];
    const repo = engagementRepository(db);
    const hub = await repo.hub(scope.hubId);
    const rows = await repo.visitsAttendedBy(
      scope.hubId,
      scope.userId,
      londonDate(window.from),
      londonDate(window.to),
    );
    return rows.map((r) => visitEvent(r.visit, r.schoolName, hub?.name ?? "Hub"));
  },
});
