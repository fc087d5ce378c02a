import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { areas, hubs, partners, schools } from "../db/schema/index";
import { addUserToHub, createHub } from "../modules/hubs/hubs.service";
import { systemActor } from "../platform/actor";
import { recordAudit, recordAuditMany } from "../platform/audit";
import { hashPassword } from "../platform/passwords";
import { traceStart } from "../platform/startup-trace";
import { loadDemoCpd } from "./cpd-demo";
import { loadDemoEngagement } from "./engagement-demo";
import { loadDemoLeadSchools } from "./lead-schools-demo";
import { loadDemoPhases } from "./phases-demo";
import { loadDemoPlan } from "./plans-demo";
import { loadDemoQualityMark } from "./quality-mark-demo";
import { loadDemoQuestionnaires } from "./questionnaires-demo";
import { loadDemoRatings } from "./rag-demo";
import { loadDemoSchools } from "./schools-demo-loader";

export const DEMO_HUB = { name: "Northshire Music Hub", slug: "northshire" } as const;
export const DEMO_AREAS = ["City", "North", "South", "East", "West"] as const;

/** The demo accounts, one per role. Fictional people on a reserved-style domain. */
export const DEMO_USERS = [
  { email: "admin@northshire-hub.example", name: "Alex Morgan", role: "hub_admin" },
  { email: "staff@northshire-hub.example", name: "Sam Okafor", role: "hub_staff" },
  { email: "school@northshire-hub.example", name: "Jo Whitfield", role: "school_user" },
  { email: "partner@northshire-hub.example", name: "Robin Hale", role: "partner_user" },
] as const;

/** A part of the demo loading beside the others: awaited later, its failure reported there. */
const lane = <T>(work: Promise<T>): Promise<T> => {
  work.catch(() => {});
  return work;
};

export const isDatabaseEmpty = async (db: Db): Promise<boolean> => {
  const [row] = await db.select({ n: count() }).from(hubs);
  return (row?.n ?? 0) === 0;
};

/**
 * Loads the fictional demo hub. Refuses in production and over existing data; every later
 * capability adds its own demo data here.
 */
export const loadDemo = async (
  db: Db,
  opts: { password: string; env: string; log?: (line: string) => void },
): Promise<{ hubId: string }> => {
  if (opts.env === "production") throw new Error("The demo hub is never loaded in production");
  if (!(await isDatabaseEmpty(db)))
    throw new Error("The database already holds data; the demo is only loaded into an empty one");
  const log = opts.log ?? (() => {});
  // The demo accounts share the demo password, which Tutti prints at every start: one argon2
  // hash (~50 ms of CPU, made on libuv's threads while the schools load) serves all four, as
  // four hashes would only tell, through their salts, what the console already says.
  const hashing = hashPassword(opts.password);
  hashing.catch(() => {}); // awaited below
  const hub = await createHub(db, { ...DEMO_HUB, laCodes: ["931", "932"], isDemo: true });
  const actor = systemActor(hub);
  const areaIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const [i, name] of DEMO_AREAS.entries()) {
      const base = i * 10;
      const prefixes =
        name === "City" ? ["NS1", "NS2", "NS3", "NS4"] : [0, 1, 2, 3, 4].map((d) => `NS${base + d}`);
      const [area] = await tx
        .insert(areas)
        .values({
          hubId: hub.id,
          name,
          districts: [`${name === "City" ? "Northshire City" : `${name} Northshire`}`],
          postcodePrefixes: prefixes,
        })
        .returning();
      if (!area) throw new Error("area not created");
      areaIds.set(name, area.id);
      await recordAudit(tx, actor, { action: "create", entity: "area", entityId: area.id, after: { name } });
    }
  });
  const [partner] = await db
    .insert(partners)
    .values({ hubId: hub.id, name: "Northshire Youth Orchestra Trust", kind: "Ensemble" })
    .returning();
  await db.insert(partners).values([
    { hubId: hub.id, name: "Kestwick Arts Centre", kind: "Performance venue" },
    { hubId: hub.id, name: "Hallerby Community Choirs", kind: "Outreach workshops" },
  ]);
  traceStart("demo: hub, areas, partners");
  // What does not depend on the rest loads beside it, each in its own transaction on its own
  // connection (decision 031). Lanes never share two rows a writer locks (the hub's row that
  // the school triggers raise, a topic's version row), so they cannot deadlock.
  const questionnaires = lane(db.transaction((tx) => loadDemoQuestionnaires(tx, actor)));
  log("loading the demo schools");
  const { firstSchoolId, loadMusicData } = await loadDemoSchools(db, actor, areaIds);
  traceStart("demo: schools");
  const musicData = lane(loadMusicData());
  const cpd = lane(db.transaction((tx) => loadDemoCpd(tx, actor)));
  const userIds = new Map<string, string>();
  const setters: string[] = [];
  const passwordHash = await hashing;
  // the four accounts at once (each its own user, membership and audit entry)
  const added = await Promise.all(
    DEMO_USERS.map((u) =>
      addUserToHub(db, actor, {
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        schoolId: u.role === "school_user" ? firstSchoolId : null,
        partnerId: u.role === "partner_user" ? (partner?.id ?? null) : null,
      }),
    ),
  );
  for (const [i, u] of DEMO_USERS.entries()) {
    const id = added[i]?.user.id;
    if (!id) continue;
    userIds.set(u.role, id);
    if (u.role === "hub_admin" || u.role === "hub_staff") setters.push(id);
  }
  // The demo hub staff member is link officer of the City's open schools (the home page's "my
  // schools"), and of the demo school user's school.
  traceStart("demo: users");
  const staffId = userIds.get("hub_staff");
  const cityId = areaIds.get("City");
  if (staffId && cityId) {
    const city = await db
      .select({ id: schools.id })
      .from(schools)
      .where(and(eq(schools.hubId, hub.id), eq(schools.areaId, cityId), eq(schools.status, "open")))
      .orderBy(asc(schools.name))
      .limit(20);
    const ids = [...city.map((c) => c.id), ...(firstSchoolId ? [firstSchoolId] : [])];
    await db.transaction(async (tx) => {
      await tx
        .update(schools)
        .set({ linkOfficerId: staffId })
        .where(and(eq(schools.hubId, hub.id), inArray(schools.id, ids)));
      await recordAuditMany(
        tx,
        actor,
        [...new Set(ids)].map((id) => ({
          action: "update",
          entity: "school",
          entityId: id,
          before: { linkOfficerId: null },
          after: { linkOfficerId: staffId },
        })),
      );
    });
  }
  const moderatorId = userIds.get("hub_admin") ?? null;
  const qualityMark = lane(
    db.transaction((tx) => loadDemoQualityMark(tx, actor, { skipSchoolId: firstSchoolId, moderatorId })),
  );
  await Promise.all([
    db.transaction((tx) => loadDemoRatings(tx, actor, setters)),
    db.transaction((tx) =>
      loadDemoPhases(tx, actor, { demoSchoolId: firstSchoolId, staffId: staffId ?? null }),
    ),
    questionnaires,
    cpd,
    qualityMark,
    musicData,
  ]);
  traceStart("demo: ratings, phases, questionnaires, CPD, quality mark, music figures");
  // the plan's first snapshot measures what is loaded above
  await db.transaction((tx) => loadDemoPlan(tx, actor, userIds.get("hub_staff")));
  traceStart("demo: Plan");
  await Promise.all([
    db.transaction((tx) => loadDemoLeadSchools(tx, actor, firstSchoolId)),
    db.transaction((tx) => loadDemoEngagement(tx, actor, setters, firstSchoolId ?? null)),
  ]);
  traceStart("demo: Lead Schools, engagement");
  return { hubId: hub.id };
};
