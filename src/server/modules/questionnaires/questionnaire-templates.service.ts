import { checkDefinition, sameDefinition } from "../../../shared/rules/questionnaire-definition";
import {
  type Definition,
  type DuplicateRequest,
  type PublishResult,
  type QuestionnairePurpose,
  TEMPLATE_EXPORT_FORMAT,
  type Template,
  type TemplateExport,
  type TemplateInput,
  type TemplatePatch,
  type TemplateSummary,
} from "../../../shared/schemas/questionnaires";
import { SYSTEM_USER_ID } from "../../platform/actor";
import { changedFields, recordAudit } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { AppError, forbidden, notFound } from "../../platform/errors";
import { readTemplateFile } from "./questionnaire-import";
import { canDesignTemplates } from "./questionnaires.policy";
import { questionnairesRepository, type TemplateRow } from "./questionnaires.repository";

const EMPTY: Definition = { sections: [] };

export const userIdOf = (ctx: ServiceContext): string | null =>
  ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId;

const requireDesigner = (ctx: ServiceContext): void => {
  if (!canDesignTemplates(ctx.actor)) throw forbidden();
};

const summary = (
  t: TemplateRow,
  latest: Definition | null,
  counts: { responses: number; submitted: number },
): TemplateSummary => ({
  id: t.id,
  title: t.title,
  purpose: t.purpose,
  academicYear: t.academicYear,
  latestVersion: t.latestVersion > 0 ? t.latestVersion : null,
  hasUnpublishedChanges: latest === null || !sameDefinition(t.draft, latest),
  responses: counts.responses,
  submitted: counts.submitted,
  updatedAt: t.updatedAt.toISOString(),
});

export const listTemplates = async (
  ctx: ServiceContext,
  q: { purpose?: QuestionnairePurpose | undefined },
): Promise<TemplateSummary[]> => {
  requireDesigner(ctx);
  const rows = await questionnairesRepository(ctx.db).listTemplates(ctx.actor.hubId, q.purpose);
  return rows.map((r) => summary(r.template, r.latest, r));
};

const loadTemplate = async (ctx: ServiceContext, id: string, forUpdate = false): Promise<TemplateRow> => {
  const row = await questionnairesRepository(ctx.db).template(ctx.actor.hubId, id, { forUpdate });
  if (!row) throw notFound("The questionnaire");
  return row;
};

const present = async (ctx: ServiceContext, t: TemplateRow): Promise<Template> => {
  const repo = questionnairesRepository(ctx.db);
  const versions = await repo.versions(ctx.actor.hubId, t.id);
  const latest = versions[0]?.version.definition ?? null;
  return {
    ...summary(t, latest, await repo.responseCounts(ctx.actor.hubId, t.id)),
    draft: t.draft,
    problems: checkDefinition(t.draft),
    versions: versions.map((v) => ({
      id: v.version.id,
      version: v.version.version,
      publishedAt: v.version.publishedAt.toISOString(),
      publishedBy: v.publishedByName,
    })),
  };
};

export const getTemplate = async (ctx: ServiceContext, id: string): Promise<Template> => {
  requireDesigner(ctx);
  return present(ctx, await loadTemplate(ctx, id));
};

const insert = async (
  ctx: ServiceContext,
  values: { title: string; purpose: QuestionnairePurpose; academicYear: string | null; draft: Definition },
  audit: Record<string, unknown> = {},
): Promise<TemplateRow> => {
  const row = await questionnairesRepository(ctx.db).insertTemplate({
    ...values,
    hubId: ctx.actor.hubId,
    createdBy: userIdOf(ctx),
  });
  await recordAudit(ctx.db, ctx.actor, {
    action: "create",
    entity: "questionnaire_template",
    entityId: row.id,
    after: { title: row.title, purpose: row.purpose, academicYear: row.academicYear, ...audit },
  });
  return row;
};

export const createTemplate = async (ctx: ServiceContext, input: TemplateInput): Promise<Template> => {
  requireDesigner(ctx);
  return inTransaction(ctx, async (tx) =>
    present(
      tx,
      await insert(tx, {
        title: input.title,
        purpose: input.purpose,
        academicYear: input.academicYear ?? null,
        draft: input.definition ?? EMPTY,
      }),
    ),
  );
};

/** Saves the draft (and title, purpose, year): nothing published changes until the next publish. */
export const updateTemplate = async (
  ctx: ServiceContext,
  id: string,
  patch: TemplatePatch,
): Promise<Template> => {
  requireDesigner(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await loadTemplate(tx, id, true);
    const values = {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.purpose !== undefined ? { purpose: patch.purpose } : {}),
      ...(patch.academicYear !== undefined ? { academicYear: patch.academicYear } : {}),
      ...(patch.definition !== undefined ? { draft: patch.definition } : {}),
    };
    const row = (await questionnairesRepository(tx.db).updateTemplate(tx.actor.hubId, id, values)) ?? before;
    const { draft: _d, ...rest } = values;
    const change = changedFields(
      { title: before.title, purpose: before.purpose, academicYear: before.academicYear },
      rest,
    );
    if (change)
      await recordAudit(tx.db, tx.actor, {
        action: "update",
        entity: "questionnaire_template",
        entityId: id,
        ...change,
      });
    return present(tx, row);
  });
};

/**
 * Publishes the draft as the next version, unless it is the same as the latest version (then
 * nothing new is made). Refused while the draft has problems. The template row is locked, so two
 * publishes at once make two versions in turn, never one number twice.
 */
export const publishTemplate = async (ctx: ServiceContext, id: string): Promise<PublishResult> => {
  requireDesigner(ctx);
  return inTransaction(ctx, async (tx) => {
    const t = await loadTemplate(tx, id, true);
    const problems = checkDefinition(t.draft);
    const first = problems[0];
    if (first)
      throw new AppError("invalid", `This questionnaire cannot be published yet: ${first.message}`, {
        fields: problems,
      });
    const repo = questionnairesRepository(tx.db);
    const latest =
      t.latestVersion > 0 ? await repo.version(tx.actor.hubId, t.id, t.latestVersion) : undefined;
    if (latest && sameDefinition(latest.definition, t.draft))
      return { version: latest.version, created: false };
    const version = t.latestVersion + 1;
    const row = await repo.insertVersion({
      hubId: tx.actor.hubId,
      templateId: t.id,
      version,
      definition: t.draft,
      publishedBy: userIdOf(tx),
      publishedAt: tx.clock(),
    });
    await repo.updateTemplate(tx.actor.hubId, t.id, { latestVersion: version });
    await recordAudit(tx.db, tx.actor, {
      action: "create",
      entity: "questionnaire_version",
      entityId: row.id,
      after: { templateId: t.id, title: t.title, version },
    });
    return { version, created: true };
  });
};

/** A copy in the same hub (next year's audit): the latest published definition, or the draft. */
export const duplicateTemplate = async (
  ctx: ServiceContext,
  id: string,
  req: DuplicateRequest,
): Promise<Template> => {
  requireDesigner(ctx);
  return inTransaction(ctx, async (tx) => {
    const t = await loadTemplate(tx, id);
    const latest =
      t.latestVersion > 0
        ? await questionnairesRepository(tx.db).version(tx.actor.hubId, t.id, t.latestVersion)
        : undefined;
    const academicYear = req.academicYear !== undefined ? req.academicYear : t.academicYear;
    const row = await insert(
      tx,
      {
        title:
          req.title ??
          (academicYear && academicYear !== t.academicYear
            ? `${t.title} ${academicYear}`
            : `${t.title} (copy)`),
        purpose: t.purpose,
        academicYear,
        draft: latest?.definition ?? t.draft,
      },
      { copiedFrom: t.id },
    );
    return present(tx, row);
  });
};

/** The template as a file for another hub: its latest published definition, or the draft. */
export const exportTemplate = async (ctx: ServiceContext, id: string): Promise<TemplateExport> => {
  requireDesigner(ctx);
  const t = await loadTemplate(ctx, id);
  const latest =
    t.latestVersion > 0
      ? await questionnairesRepository(ctx.db).version(ctx.actor.hubId, t.id, t.latestVersion)
      : undefined;
  return {
    format: TEMPLATE_EXPORT_FORMAT,
    formatVersion: 1,
    title: t.title,
    purpose: t.purpose,
    academicYear: t.academicYear,
    definition: latest?.definition ?? t.draft,
  };
};

/** A new, unpublished template from another hub's file; bad files are refused with where and why. */
export const importTemplate = async (ctx: ServiceContext, text: string): Promise<Template> => {
  requireDesigner(ctx);
  const read = readTemplateFile(text);
  if (!read.ok) throw new AppError("invalid", read.message, { fields: read.fields });
  const { title, purpose, academicYear, definition } = read.value;
  return inTransaction(ctx, async (tx) =>
    present(tx, await insert(tx, { title, purpose, academicYear, draft: definition }, { imported: true })),
  );
};
