import { sql } from "drizzle-orm";
import { checkDefinition } from "../../../shared/rules/questionnaire-definition";
import type {
  AuditTemplateResult,
  SchoolAudit,
  SchoolAudits,
  VisitAudit,
} from "../../../shared/schemas/phases";
import type { DbOrTx } from "../../db/client";
import { type Actor, SYSTEM_USER_ID } from "../../platform/actor";
import { recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { forbidden, notFound } from "../../platform/errors";
import { questionnairesRepository } from "../questionnaires/questionnaires.repository";
import { DEFAULT_AUDIT_TITLE, defaultAuditDefinition } from "./audits.default";
import { auditsRepository } from "./audits.repository";
import { canManagePhases, canReadSchool, rolesFor } from "./phases.policy";

/**
 * Creates the hub's default pre-visit audit (published as version 1) unless the hub has it
 * already; in the caller's transaction. The demo loader and `POST /api/engagement/audits/default`
 * both come here. One hub at a time (an advisory lock), so two clicks make one questionnaire.
 */
export const ensureDefaultAudit = async (db: DbOrTx, actor: Actor): Promise<AuditTemplateResult> => {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`tutti:default-audit:${actor.hubId}`}))`);
  const existing = await auditsRepository(db).templateByTitle(actor.hubId, DEFAULT_AUDIT_TITLE);
  if (existing)
    return {
      templateId: existing.id,
      title: existing.title,
      version: existing.latestVersion,
      created: false,
    };
  const definition = defaultAuditDefinition();
  const problems = checkDefinition(definition);
  if (problems.length) throw new Error(`default audit: ${problems.map((p) => p.message).join("; ")}`);
  const repo = questionnairesRepository(db);
  const by = actor.userId === SYSTEM_USER_ID ? null : actor.userId;
  const template = await repo.insertTemplate({
    hubId: actor.hubId,
    title: DEFAULT_AUDIT_TITLE,
    purpose: "audit",
    academicYear: null,
    draft: definition,
    latestVersion: 1,
    createdBy: by,
  });
  const version = await repo.insertVersion({
    hubId: actor.hubId,
    templateId: template.id,
    version: 1,
    definition,
    publishedBy: by,
  });
  await recordAudit(db, actor, {
    action: "create",
    entity: "questionnaire_version",
    entityId: version.id,
    after: { templateId: template.id, title: template.title, version: 1 },
  });
  return { templateId: template.id, title: template.title, version: 1, created: true };
};

export const setUpDefaultAudit = async (ctx: ServiceContext): Promise<AuditTemplateResult> => {
  if (!rolesFor("setUpAudit").includes(ctx.actor.role)) throw forbidden();
  return inTransaction(ctx, (tx) => ensureDefaultAudit(tx.db, tx.actor));
};

/** The school, if the actor may read its audits; otherwise (another school, another hub) not found. */
const schoolFor = async (ctx: ServiceContext, ref: string | number) => {
  if (!rolesFor("readAudits").includes(ctx.actor.role)) throw forbidden();
  const school = await auditsRepository(ctx.db).school(ctx.actor.hubId, ref);
  if (!school || !canReadSchool(ctx.actor, "readAudits", school.id)) throw notFound("The school");
  return school;
};

/**
 * A school's audits: every response it has given to an audit questionnaire (drafts and
 * submitted, newest first), then each published audit it has not started.
 */
export const schoolAudits = async (ctx: ServiceContext, ref: string | number): Promise<SchoolAudits> => {
  const school = await schoolFor(ctx, ref);
  const repo = auditsRepository(ctx.db);
  const [templates, responses] = await Promise.all([
    repo.publishedTemplates(ctx.actor.hubId),
    repo.responses(ctx.actor.hubId, [school.id]),
  ]);
  const started = new Set(responses.map((r) => r.templateId));
  const audits: SchoolAudit[] = [
    ...responses.map((r) => ({
      templateId: r.templateId,
      title: r.title,
      responseId: r.id,
      status: r.status,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
    })),
    ...templates
      .filter((t) => !started.has(t.id))
      .map((t) => ({
        templateId: t.id,
        title: t.title,
        responseId: null,
        status: "not_started" as const,
        version: t.latestVersion,
        updatedAt: null,
        submittedAt: null,
      })),
  ];
  return { urn: school.urn, schoolName: school.name, audits };
};

/** The signed-in school user's own school's audits. */
export const myAudits = async (ctx: ServiceContext): Promise<SchoolAudits> => {
  if (!rolesFor("ownAudits").includes(ctx.actor.role) || !ctx.actor.schoolId)
    throw forbidden("Only a school's users have audits to fill in");
  return schoolAudits(ctx, ctx.actor.schoolId);
};

/**
 * What a visit's report judges: the sections of the audit the school last submitted, or of the
 * hub's newest audit when it has submitted none. A report's `judgements[].section` takes these
 * section titles (decision 024: reports and audits meet in the data, not in code).
 */
export const visitAudit = async (ctx: ServiceContext, visitId: string): Promise<VisitAudit> => {
  if (!canManagePhases(ctx.actor)) throw forbidden();
  const repo = auditsRepository(ctx.db);
  const visit = await repo.visit(ctx.actor.hubId, visitId);
  if (!visit) throw notFound("The visit");
  const submitted = await repo.latestSubmitted(ctx.actor.hubId, visit.schoolId);
  const definition = submitted?.definition ?? (await repo.newestVersion(ctx.actor.hubId))?.definition;
  return {
    visitId: visit.id,
    urn: visit.urn,
    audit: submitted
      ? {
          responseId: submitted.id,
          title: submitted.title,
          version: submitted.version,
          submittedAt: submitted.submittedAt?.toISOString() ?? null,
        }
      : null,
    sections: (definition?.sections ?? []).map((s) => ({ id: s.id, title: s.title })),
  };
};
