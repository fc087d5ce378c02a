/**
 * What an audit entry says in words ("Alder Grove Academy: headteacher contact changed"), from
 * its action, kind, the name of what it is about (resolved by the server) and its before/after.
 * Pure: the server writes `summary` with it, the web shows it; no internal id ever appears.
 */

export type AuditAction = "create" | "update" | "delete";

/** The kinds of entry the log holds, as the filter offers them. */
export const AUDIT_KIND_LABELS: Record<string, string> = {
  school: "School",
  school_contact: "School contact",
  school_music_data: "Music data",
  school_import: "Import",
  area: "Area",
  user: "Person",
  membership: "Role in the hub",
  hub: "Hub settings",
  qm_framework: "Quality mark framework",
  qm_application: "Quality mark application",
  qm_award: "Quality mark award",
  qm_assessor: "Quality mark assessor",
};

export const auditKindLabel = (entity: string): string => AUDIT_KIND_LABELS[entity] ?? humanise(entity);

const CONTACT_ROLE_WORDS: Record<string, string> = {
  headteacher: "headteacher",
  music_lead: "music lead",
  slt: "SLT member for music",
  governor: "governor for music",
};

const ROLE_WORDS: Record<string, string> = {
  hub_admin: "Hub admin",
  hub_staff: "Hub staff",
  school_user: "School user",
  partner_user: "Partner user",
};

const FIELD_WORDS: Record<string, string> = {
  linkOfficerId: "link officer",
  areaId: "area",
  areaSource: "area",
  areaName: "area",
  linkOfficerName: "link officer",
  laCodes: "local authorities",
  postcodePrefixes: "postcode rule",
  districts: "district rule",
  percentFsm: "FSM percentage",
  typeName: "type",
  headFirstName: "headteacher",
  headLastName: "headteacher",
  headTitle: "headteacher",
  headJobTitle: "headteacher",
  schoolId: "school",
  partnerId: "partner organisation",
  giasStatus: "register status",
};

/** "linkOfficerId" → "link officer", "last_sign_in_at" → "last sign in at". */
export const humaniseField = (field: string): string =>
  FIELD_WORDS[field] ??
  field
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();

const humanise = (word: string): string => {
  const text = humaniseField(word);
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** "a", "a and b", "a, b and c", at most `max` named then "and N more". */
export const listInWords = (words: string[], max = 3): string => {
  const unique = [...new Set(words)];
  const named = unique.slice(0, max);
  const rest = unique.length - named.length;
  if (rest > 0) return `${named.join(", ")} and ${rest} more`;
  if (named.length <= 1) return named[0] ?? "";
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
};

export type AuditFacts = {
  action: AuditAction;
  entity: string;
  /** The part of the id after ":" for ids like "123456:headteacher" (role or year). */
  detail: string | null;
  /** The name of what the entry is about (a school, a person, an area), when known. */
  subject: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

const VERB: Record<AuditAction, string> = { create: "added", update: "changed", delete: "removed" };

const changedKeys = (f: AuditFacts): string[] =>
  Object.keys({ ...(f.before ?? {}), ...(f.after ?? {}) }).filter((k) => k !== "source");

const num = (v: unknown): number => (typeof v === "number" ? v : 0);

const schoolUpdate = (name: string, f: AuditFacts): string => {
  const after = f.after ?? {};
  if (typeof after.name === "string" && typeof f.before?.name === "string")
    return `${f.before.name}: renamed to ${after.name}`;
  if (after.status === "closed") return `${name}: closed`;
  if (after.status === "open" && f.before?.status) return `${name}: opened`;
  const keys = changedKeys(f);
  if (!keys.length) return `${name}: changed`;
  return `${name}: ${listInWords(keys.map(humaniseField))} changed`;
};

/** The entry in words. */
export const describeAuditEntry = (f: AuditFacts): string => {
  const verb = VERB[f.action];
  switch (f.entity) {
    case "school": {
      const name = f.subject ?? (typeof f.after?.name === "string" ? f.after.name : "A school");
      if (f.action === "create") return `${name}: added to the register`;
      if (f.action === "delete") return `${name}: removed`;
      return schoolUpdate(name, f);
    }
    case "school_contact": {
      const role = CONTACT_ROLE_WORDS[f.detail ?? ""] ?? "contact";
      return `${f.subject ?? "A school"}: ${role} contact ${verb}`;
    }
    case "school_music_data": {
      const year = f.detail ? ` for ${f.detail}` : "";
      const keys = changedKeys(f);
      const what = f.action === "create" ? "entered" : "changed";
      const count = keys.length === 1 ? "1 figure" : `${keys.length} figures`;
      return `${f.subject ?? "A school"}: music data${year} ${what} (${count})`;
    }
    case "school_import": {
      const a = f.after ?? {};
      const file = typeof a.fileName === "string" ? ` of ${a.fileName}` : "";
      const source = a.source === "gias" ? "GIAS import" : "Import";
      return `${source}${file}: ${num(a.created)} new, ${num(a.updated)} changed, ${num(a.closed)} closed`;
    }
    case "area": {
      const name = f.subject ?? (typeof f.after?.name === "string" ? f.after.name : "an area");
      if (f.action !== "update") return `Area ${name}: ${verb}`;
      const keys = changedKeys(f);
      if (!keys.length) return `Area ${name}: schools assigned`;
      return `Area ${name}: ${listInWords(keys.map(humaniseField))} changed`;
    }
    case "user": {
      const name = f.subject ?? "A person";
      if (f.action === "create") return `${name}: account created`;
      return `${name}: ${listInWords(changedKeys(f).map(humaniseField)) || "account"} changed`;
    }
    case "membership": {
      const name = f.subject ?? "A person";
      const after = f.after ?? {};
      if (f.action === "create") {
        const role = typeof after.role === "string" ? ` as ${ROLE_WORDS[after.role] ?? after.role}` : "";
        return `${name}: added to the hub${role}`;
      }
      if (f.action === "delete") return `${name}: removed from the hub`;
      const before = f.before ?? {};
      if (after.active === false && before.active !== false) return `${name}: deactivated`;
      if (after.active === true && before.active === false) return `${name}: reactivated`;
      if (typeof after.role === "string" && after.role !== before.role)
        return `${name}: role changed to ${ROLE_WORDS[after.role] ?? after.role}`;
      return `${name}: ${listInWords(changedKeys(f).map(humaniseField)) || "membership"} changed`;
    }
    case "hub": {
      const keys = changedKeys(f);
      return `Hub settings: ${listInWords(keys.map(humaniseField)) || "settings"} ${verb}`;
    }
    default: {
      const subject = f.subject ?? auditKindLabel(f.entity);
      return `${subject}: ${verb}`;
    }
  }
};
