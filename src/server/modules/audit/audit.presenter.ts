import { auditKindLabel, describeAuditEntry } from "../../../shared/rules/audit-summary";
import type { AuditEntry, ReadableAuditEntry } from "../../../shared/schemas/audit";
import type { AuditRow, Subjects } from "./audit.repository";

const detailOf = (entityId: string): string | null => {
  const at = entityId.indexOf(":");
  return at < 0 ? null : entityId.slice(at + 1);
};

const urnOf = (entityId: string): number | null => {
  const urn = Number(entityId.split(":")[0]);
  return Number.isInteger(urn) ? urn : null;
};

/** The name an entry is about and the web page to see it, from the resolved subjects. */
const subjectOf = (r: AuditRow, s: Subjects): { name: string | null; href: string | null } => {
  switch (r.entity) {
    case "school": {
      const school = s.schoolsById.get(r.entityId);
      return { name: school?.name ?? null, href: school ? `/schools/${school.urn}` : null };
    }
    case "school_contact":
    case "school_music_data": {
      const urn = urnOf(r.entityId);
      const school = urn === null ? undefined : s.schoolsByUrn.get(urn);
      return { name: school?.name ?? null, href: school ? `/schools/${school.urn}` : null };
    }
    case "user":
    case "membership": {
      const name = s.people.get(r.entityId) ?? null;
      return { name, href: name ? "/admin/users" : null };
    }
    case "area":
      return { name: s.areas.get(r.entityId) ?? null, href: "/schools/areas" };
    case "school_import":
      return { name: null, href: "/schools/import" };
    default:
      return { name: null, href: null };
  }
};

export const presentReadable = (r: AuditRow, s: Subjects): ReadableAuditEntry => {
  const subject = subjectOf(r, s);
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: r.action,
    entity: r.entity,
    kindLabel: auditKindLabel(r.entity),
    summary: describeAuditEntry({
      action: r.action,
      entity: r.entity,
      detail: detailOf(r.entityId),
      subject: subject.name,
      before: r.before,
      after: r.after,
    }),
    href: subject.href,
  };
};

export const presentEntry = (r: AuditRow, s: Subjects): AuditEntry => ({
  ...presentReadable(r, s),
  actorId: r.actorId,
  entityId: r.entityId,
  before: r.before,
  after: r.after,
});
