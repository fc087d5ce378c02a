import { PassThrough, Readable } from "node:stream";
import { isAcademicYear } from "../../../shared/rules/academic-year";
import { areaForSchool } from "../../../shared/rules/area-rule";
import { figuresNotForPhase } from "../../../shared/rules/figures-for-phase";
import { checkMusicFigures } from "../../../shared/rules/music-figures";
import {
  type ExportSchool,
  SCHOOL_EXPORT_COLUMNS,
  schoolExportFileName,
  schoolExportHeaders,
  schoolExportRow,
} from "../../../shared/rules/school-export";
import {
  type Contact,
  type ContactInput,
  type ContactRole,
  type LinkOfficer,
  MUSIC_FIGURES,
  type MusicFigures,
  type MusicYear,
  type School,
  type SchoolFilter,
  SchoolListItem,
  type SchoolListQuery,
  type SchoolMapQuery,
  type SchoolMapResponse,
  type SchoolPatch,
} from "../../../shared/schemas/schools";
import type { FigureProvenance } from "../../db/schema/index";
import { SYSTEM_USER_ID } from "../../platform/actor";
import { type AuditInput, changedFields, recordAudit, recordAuditMany } from "../../platform/audit";
import { inTransaction, type ServiceContext } from "../../platform/context";
import { CSV_BOM, csvRecords } from "../../platform/csv";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors";
import { jsonSerializer } from "../../platform/serializer";
import { hubsRepository } from "../hubs/hubs.repository";
import { areasRepository } from "./areas.repository";
import { profileCacheOf } from "./profile-cache";
import { type DirectoryEntry, schoolDirectoryOf } from "./school-directory";
import {
  canEditContacts,
  canEditMusicData,
  canEditSchool,
  canExport,
  canManageLinkOfficers,
  canSeeContacts,
  canSeeHubNotes,
  canSeeMap,
  canSeeSchool,
  REGISTER_ROLES,
  seesWholeRegister,
} from "./schools.policy";
import {
  phaseOf,
  presentContact,
  presentListItem,
  presentMusicYear,
  presentSchool,
  presentTimeline,
} from "./schools.presenter";
import { type SchoolWithNames, schoolProfile, schoolsRepository } from "./schools.repository";

/** A school as named in a URL: its URN, or its Tutti id. */
export type SchoolRef = number | string;

export type BulkResult = { changed: number; unchanged: number };
export type BulkSelection = { urns?: number[] | undefined; filter?: Partial<SchoolFilter> | undefined };

const TIMELINE_MAX = 50;

const requireRegister = (ctx: ServiceContext): void => {
  if (!REGISTER_ROLES.includes(ctx.actor.role)) throw forbidden();
};

/** The school, if the actor may see it; 404 otherwise (another hub's, or not a school user's own). */
/**
 * A school the actor may see, or not_found. With `lock` (in a write's transaction), the hub's
 * row and then the school's are locked until the transaction ends, so concurrent edits of the school (its own
 * fields, contacts, music data) take turns and each audits the "before" it really changed.
 */
export const findSchool = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  opts: { lock?: boolean } = {},
): Promise<SchoolWithNames> => {
  requireRegister(ctx);
  const repo = schoolsRepository(ctx.db);
  if (opts.lock) await hubsRepository(ctx.db).lockForWrites(ctx.actor.hubId);
  const school =
    typeof ref === "number"
      ? await (opts.lock ? repo.lockByUrn : repo.byUrn)(ctx.actor.hubId, ref)
      : await (opts.lock ? repo.lockById : repo.byId)(ctx.actor.hubId, ref);
  if (!school || !canSeeSchool(ctx.actor, school)) throw notFound("School");
  return school;
};

const scopeOf = (ctx: ServiceContext) =>
  seesWholeRegister(ctx.actor) ? {} : { onlySchoolId: ctx.actor.schoolId };

/**
 * One page of the list as the JSON of `SchoolListResponse`. Directory entries never change (a
 * write loads new ones), so each school's item is presented and written once and its JSON
 * reused: writing fifty items was the largest cost of a list request.
 */
const writeListItem = jsonSerializer(SchoolListItem);
const listItemJson = new WeakMap<DirectoryEntry, string>();
const itemJson = (r: DirectoryEntry, showTags: boolean): string => {
  if (!showTags) return writeListItem(presentListItem(r, false));
  let json = listItemJson.get(r);
  if (json === undefined) {
    // Kept flat: the serializer builds a string by concatenation (a rope), which V8 would walk
    // again each time it is joined into a response (slower than writing the item anew).
    json = Buffer.from(writeListItem(presentListItem(r, true))).toString();
    listItemJson.set(r, json);
  }
  return json;
};

export const listSchoolsJson = async (ctx: ServiceContext, q: SchoolListQuery): Promise<string> => {
  requireRegister(ctx);
  // Ratings are the hub's own judgement: a school user's filters never look at them.
  const query = seesWholeRegister(ctx.actor) ? q : { ...q, rag: undefined, targetedSupport: undefined };
  const { items, total } = await schoolDirectoryOf(ctx.rootDb).page(ctx.actor.hubId, query, scopeOf(ctx));
  const tags = canSeeHubNotes(ctx.actor);
  const parts = items.map((r) => itemJson(r, tags));
  return `{"items":[${parts.join(",")}],"total":${total},"page":${q.page},"pageSize":${q.pageSize}}`;
};

export const getSchool = async (ctx: ServiceContext, ref: SchoolRef): Promise<School> => {
  requireRegister(ctx);
  // The school, its contacts, music data and timeline in one query (repo.profile).
  const at = typeof ref === "number" ? { urn: ref } : { id: ref };
  const load = () => schoolProfile(ctx.db, ctx.actor.hubId, at, TIMELINE_MAX);
  // Kept profiles are committed ones: inside a transaction, read it as the transaction sees it.
  const found =
    ctx.db === ctx.rootDb ? await profileCacheOf(ctx.rootDb).get(ctx.actor.hubId, at, load) : await load();
  if (!found || !canSeeSchool(ctx.actor, found.school)) throw notFound("School");
  const { school, contacts, musicData, history } = found;
  const hubNotes = canSeeHubNotes(ctx.actor);
  return presentSchool(school, {
    contacts: canSeeContacts(ctx.actor, school) ? contacts : null,
    musicData,
    timeline: presentTimeline(history, hubNotes, {
      school,
      complete: history.length < TIMELINE_MAX,
    }).slice(0, TIMELINE_MAX),
    showTags: hubNotes,
    can: {
      edit: canEditSchool(ctx.actor),
      editContacts: canEditContacts(ctx.actor, school),
      editMusicData: canEditMusicData(ctx.actor, school),
    },
  });
};

const fieldError = (path: string, message: string) => invalid(message, [{ path, message }]);

/** Checks that a user may be a link officer here: an active hub admin or staff member of this hub. */
export const requireLinkOfficer = async (ctx: ServiceContext, userId: string, path = "linkOfficerId") => {
  const officer = await schoolsRepository(ctx.db).linkOfficer(ctx.actor.hubId, userId);
  if (!officer) throw fieldError(path, "Choose an active hub admin or hub staff member of this hub");
  return officer;
};

/** Sets the hub's own fields of a school: area (by hand or by rule), link officer, tags. */
export const updateSchool = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  patch: SchoolPatch,
): Promise<School> => {
  requireRegister(ctx);
  if (!canEditSchool(ctx.actor))
    throw forbidden("Only hub staff change a school's area, link officer or tags");
  const id = await inTransaction(ctx, async (tx) => {
    const school = await findSchool(tx, ref, { lock: true });
    const repo = schoolsRepository(tx.db);
    const before = {
      areaId: school.areaId,
      areaName: school.areaName,
      areaSource: school.areaSource,
      linkOfficerId: school.linkOfficerId,
      linkOfficerName: school.linkOfficerName,
      tags: school.tags,
    };
    const next = { ...before };
    if (patch.areaByRule) {
      const rules = await areasRepository(tx.db).all(ctx.actor.hubId);
      const areaId = areaForSchool(school, rules);
      next.areaId = areaId;
      next.areaName = rules.find((a) => a.id === areaId)?.name ?? null;
      next.areaSource = "rule";
    } else if (patch.areaId !== undefined) {
      const area = patch.areaId ? await areasRepository(tx.db).byId(ctx.actor.hubId, patch.areaId) : null;
      if (patch.areaId && !area) throw fieldError("areaId", "Choose an area of this hub");
      next.areaId = area?.id ?? null;
      next.areaName = area?.name ?? null;
      next.areaSource = "hand";
    }
    if (patch.linkOfficerId !== undefined) {
      const officer = patch.linkOfficerId ? await requireLinkOfficer(tx, patch.linkOfficerId) : null;
      next.linkOfficerId = officer?.id ?? null;
      next.linkOfficerName = officer?.name ?? null;
    }
    if (patch.tags) next.tags = [...new Set(patch.tags)];
    const diff = changedFields(before, next);
    if (!diff) return school.id;
    if ("areaId" in diff.after) {
      diff.before.areaSource = before.areaSource;
      diff.after.areaSource = next.areaSource;
    }
    await repo.update(ctx.actor.hubId, school.id, {
      areaId: next.areaId,
      areaSource: next.areaSource,
      linkOfficerId: next.linkOfficerId,
      tags: next.tags,
    });
    await recordAudit(tx.db, ctx.actor, { action: "update", entity: "school", entityId: school.id, ...diff });
    return school.id;
  });
  return getSchool(ctx, id);
};

// Contacts

export const putContact = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  role: ContactRole,
  input: ContactInput,
): Promise<Contact> => {
  return inTransaction(ctx, async (tx) => {
    const school = await findSchool(tx, ref, { lock: true });
    if (!canEditContacts(ctx.actor, school)) throw forbidden();
    const repo = schoolsRepository(tx.db);
    const values = { name: input.name, email: input.email || null, phone: input.phone || null };
    const existing = await repo.contact(ctx.actor.hubId, school.id, role);
    const row = await repo.upsertContact(ctx.actor.hubId, school.id, role, values);
    const entityId = `${school.urn}:${role}`;
    if (!existing) {
      await recordAudit(tx.db, ctx.actor, {
        action: "create",
        entity: "school_contact",
        entityId,
        after: values,
      });
    } else {
      const diff = changedFields(
        { name: existing.name, email: existing.email, phone: existing.phone },
        values,
      );
      if (diff)
        await recordAudit(tx.db, ctx.actor, {
          action: "update",
          entity: "school_contact",
          entityId,
          ...diff,
        });
    }
    return presentContact(row);
  });
};

export const deleteContact = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  role: ContactRole,
): Promise<void> => {
  await inTransaction(ctx, async (tx) => {
    const school = await findSchool(tx, ref, { lock: true });
    if (!canEditContacts(ctx.actor, school)) throw forbidden();
    const removed = await schoolsRepository(tx.db).deleteContact(ctx.actor.hubId, school.id, role);
    if (removed)
      await recordAudit(tx.db, ctx.actor, {
        action: "delete",
        entity: "school_contact",
        entityId: `${school.urn}:${role}`,
        before: { name: removed.name, email: removed.email, phone: removed.phone },
      });
  });
};

// Music data

const FIGURE_KEYS = [...MUSIC_FIGURES.map((f) => f.key), "sdpMusic"] as const;
type FigureKey = (typeof FIGURE_KEYS)[number];

/**
 * Saves one school's music figures for one academic year ("2025/26") in the caller's
 * transaction: a figure left out keeps its value, null clears it. The figures are checked
 * against the pupils on roll (AppError "invalid" with `details.fields`, one per figure key);
 * every figure whose value changes gets provenance `{ by, byName, at, source }`; unchanged
 * figures keep theirs. Audited as entity "school_music_data", id `${urn}:${year}`.
 * The music-data import calls this with source "import".
 */
export const upsertMusicYear = async (
  ctx: ServiceContext,
  schoolId: string,
  year: string,
  figures: MusicFigures,
  source: "web" | "import" | "demo" | string,
): Promise<MusicYear> => {
  if (!isAcademicYear(year)) throw fieldError("academicYear", "Academic year must look like 2025/26");
  const repo = schoolsRepository(ctx.db);
  // Locked (hub, then school): concurrent saves of the school's figures take turns.
  await hubsRepository(ctx.db).lockForWrites(ctx.actor.hubId);
  const school = await repo.lockById(ctx.actor.hubId, schoolId);
  if (!school || !canSeeSchool(ctx.actor, school)) throw notFound("School");
  if (!canEditMusicData(ctx.actor, school)) throw forbidden();
  const existing = await repo.musicYear(ctx.actor.hubId, school.id, year);
  const merged: Record<FigureKey, number | boolean | null> = {} as Record<FigureKey, number | boolean | null>;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const provenance: FigureProvenance = { ...(existing?.provenance ?? {}) };
  const at = ctx.clock().toISOString();
  const stamp = {
    by: ctx.actor.userId === SYSTEM_USER_ID ? null : ctx.actor.userId,
    byName: ctx.actor.name,
    at,
    source,
  };
  for (const key of FIGURE_KEYS) {
    const old = existing ? existing[key] : null;
    const given = figures[key];
    const value = given === undefined ? old : given;
    merged[key] = value;
    if (value !== old) {
      before[key] = old;
      after[key] = value;
      provenance[key] = stamp;
    }
  }
  const problems = checkMusicFigures(merged as MusicFigures, school.pupils);
  const first = problems[0];
  if (first) throw new AppError("invalid", first.message, { fields: problems });
  if (existing && !Object.keys(after).length) return presentMusicYear(existing);
  const row = await repo.upsertMusicYear(ctx.actor.hubId, school.id, year, {
    ...(merged as MusicFigures),
    provenance,
  });
  await recordAudit(ctx.db, ctx.actor, {
    action: existing ? "update" : "create",
    entity: "school_music_data",
    entityId: `${school.urn}:${year}`,
    before: existing ? before : null,
    after: { ...after, source },
  });
  return presentMusicYear(row);
};

export const putMusicYear = async (
  ctx: ServiceContext,
  ref: SchoolRef,
  year: string,
  figures: MusicFigures,
): Promise<MusicYear> =>
  inTransaction(ctx, async (tx) => {
    const school = await findSchool(tx, ref, { lock: true });
    // The form asks only what applies to the school's phase; a figure that does not is refused.
    const notAsked = figuresNotForPhase(figures, school.phase);
    const firstNotAsked = notAsked[0];
    if (firstNotAsked) throw new AppError("invalid", firstNotAsked.message, { fields: notAsked });
    return upsertMusicYear(tx, school.id, year, figures, "web");
  });

// Export

const exportRow = (r: DirectoryEntry): ExportSchool => ({ ...presentListItem(r), laestab: r.laestab });

export type SchoolExport = { fileName: string; contentType: string; body: Readable };

/** The whole filtered list, sorted like the list, as a CSV (UTF-8 with BOM) or XLSX stream. */
export const exportSchools = async (
  ctx: ServiceContext,
  q: SchoolFilter & { format: "csv" | "xlsx" },
): Promise<SchoolExport> => {
  requireRegister(ctx);
  if (!canExport(ctx.actor)) throw forbidden();
  const fileName = schoolExportFileName(ctx.actor.hubSlug, ctx.clock(), q.format);
  const rows = await schoolDirectoryOf(ctx.rootDb).all(ctx.actor.hubId, q);
  if (q.format === "csv") {
    // One chunk per 2,000 schools: streamed, never the whole file in one string.
    const chunks = function* (): Generator<string> {
      yield `${CSV_BOM}${csvRecords([schoolExportHeaders()])}`;
      for (let i = 0; i < rows.length; i += 2000)
        yield csvRecords(rows.slice(i, i + 2000).map((r) => schoolExportRow(exportRow(r))));
    };
    return { fileName, contentType: "text/csv; charset=utf-8", body: Readable.from(chunks()) };
  }
  // exceljs takes ~1 s to load: only an XLSX export pays for it, not every start (decision 014).
  const { default: ExcelJS } = await import("exceljs");
  const body = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: body,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("Schools", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = SCHOOL_EXPORT_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for (const r of rows) sheet.addRow(schoolExportRow(exportRow(r))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      body.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return {
    fileName,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body,
  };
};

// Map

export const schoolMap = async (ctx: ServiceContext, q: SchoolMapQuery): Promise<SchoolMapResponse> => {
  requireRegister(ctx);
  if (!canSeeMap(ctx.actor)) throw forbidden();
  const repo = schoolsRepository(ctx.db);
  const musicKey =
    q.colour === "wcetPupils" || q.colour === "singingPupils" || q.colour === "instrumentPupils"
      ? q.colour
      : null;
  const year = musicKey ? (q.year ?? (await repo.latestMusicYear(ctx.actor.hubId))) : null;
  const figures = musicKey && year ? await repo.musicFigure(ctx.actor.hubId, musicKey, year) : null;
  const rows = await schoolDirectoryOf(ctx.rootDb).all(ctx.actor.hubId, q);
  const points: SchoolMapResponse["points"] = [];
  let unplotted = 0;
  for (const r of rows) {
    if (r.easting === null || r.northing === null) {
      unplotted++;
      continue;
    }
    const value =
      q.colour === "pupils"
        ? r.pupils
        : q.colour === "percentFsm"
          ? r.percentFsm
          : figures
            ? (figures.get(r.id) ?? null)
            : null;
    points.push({
      urn: r.urn,
      name: r.name,
      phase: phaseOf(r.phase),
      areaName: r.areaName,
      easting: r.easting,
      northing: r.northing,
      value,
    });
  }
  return { points, unplotted };
};

// Bulk selection and link officers

/**
 * Which schools a bulk change names: by filter (as the list shows them, from the school
 * directory), optionally narrowed to some URNs; or by URN alone. Called before the change's
 * transaction: what the change reads as "before" comes from `lockPicked`, inside it.
 */
export type PickedSchools = { ids: string[] } | { urns: number[] };
export const pickSchools = async (ctx: ServiceContext, sel: BulkSelection): Promise<PickedSchools> => {
  if (!sel.filter) return { urns: sel.urns ?? [] };
  const matching = await schoolDirectoryOf(ctx.rootDb).all(ctx.actor.hubId, sel.filter);
  const urns = sel.urns ? new Set(sel.urns) : null;
  return { ids: matching.filter((s) => urns === null || urns.has(s.urn)).map((s) => s.id) };
};

/** The picked schools as the database has them, locked (hub, then schools) in the caller's transaction. */
export const lockPicked = async (tx: ServiceContext, picked: PickedSchools) => {
  await hubsRepository(tx.db).lockForWrites(tx.actor.hubId);
  return schoolsRepository(tx.db).lockSelected(tx.actor.hubId, picked);
};

export const listLinkOfficers = async (ctx: ServiceContext): Promise<LinkOfficer[]> => {
  requireRegister(ctx);
  if (!canManageLinkOfficers(ctx.actor)) throw forbidden();
  return schoolsRepository(ctx.db).linkOfficers(ctx.actor.hubId);
};

/** Sets (or, with null, removes) the link officer of many schools, in one transaction. */
export const assignLinkOfficer = async (
  ctx: ServiceContext,
  req: BulkSelection & { userId: string | null },
): Promise<BulkResult> => {
  requireRegister(ctx);
  if (!canManageLinkOfficers(ctx.actor)) throw forbidden();
  const chosen = await pickSchools(ctx, req);
  return inTransaction(ctx, async (tx) => {
    const officer = req.userId ? await requireLinkOfficer(tx, req.userId, "userId") : null;
    const target = officer?.id ?? null;
    const picked = await lockPicked(tx, chosen);
    const changed = picked.filter((s) => s.linkOfficerId !== target);
    await schoolsRepository(tx.db).setLinkOfficer(
      ctx.actor.hubId,
      changed.map((s) => s.id),
      target,
    );
    await recordAuditMany(
      tx.db,
      ctx.actor,
      changed.map(
        (s): AuditInput => ({
          action: "update",
          entity: "school",
          entityId: s.id,
          before: { linkOfficerId: s.linkOfficerId },
          after: { linkOfficerId: target, linkOfficerName: officer?.name ?? null },
        }),
      ),
    );
    return { changed: changed.length, unchanged: picked.length - changed.length };
  });
};
