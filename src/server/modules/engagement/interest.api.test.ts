import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Interest, Phase } from "../../../shared/schemas/phases";
import { engagementInterests, schools } from "../../db/schema/index";
import {
  type Agent,
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { mailsTo } from "../../testing/mail";
import { PUBLIC_INTEREST_PATH } from "./interest.public";
import { NO_OPEN_SCHOOL } from "./interest.service";

const NOW = new Date("2026-03-10T10:00:00Z");
const I = "/api/engagement/interests";
let env: TestEnv;
let hub: TestHub;
let other: TestHub;
let staff: Agent;
let admin: Agent;
let school: Agent;
let partner: Agent;
let otherStaff: Agent;
let otherSchool: Agent;
let urn: number;
let phaseId: string;
let pastPhaseId: string;
const SECOND = 880001;
const CLOSED = 880002;
let otherUrn: number;

beforeAll(async () => {
  env = await createTestEnv({ clock: () => NOW });
  hub = await seedHub(env.db, "interest");
  other = await seedHub(env.db, "interest-other");
  [staff, admin, school, partner, otherStaff, otherSchool] = await Promise.all([
    signInAs(env.app, hub.users.hub_staff.email),
    signInAs(env.app, hub.users.hub_admin.email),
    signInAs(env.app, hub.users.school_user.email),
    signInAs(env.app, hub.users.partner_user.email),
    signInAs(env.app, other.users.hub_staff.email),
    signInAs(env.app, other.users.school_user.email),
  ]);
  const base = { hubId: hub.id, laCode: "931", phase: "primary" as const, source: "manual" as const };
  await env.db.insert(schools).values([
    { ...base, urn: SECOND, name: "Second Fictional Primary", status: "open" },
    { ...base, urn: CLOSED, name: "Closed Fictional Primary", status: "closed" },
  ]);
  const [own] = await env.db.select().from(schools).where(eq(schools.id, hub.schoolId));
  const [theirs] = await env.db.select().from(schools).where(eq(schools.id, other.schoolId));
  urn = own?.urn ?? 0;
  otherUrn = theirs?.urn ?? 0;
  const phase = await staff.post("/api/engagement/phases", {
    name: "Phase 2, 2026/27",
    startsOn: "2026-09-01",
    endsOn: "2027-07-31",
  });
  phaseId = (phase.json() as Phase).id;
  const past = await staff.post("/api/engagement/phases", {
    name: "Pilot",
    startsOn: "2024-09-01",
    endsOn: "2025-07-31",
  });
  pastPhaseId = (past.json() as Phase).id;
});
afterAll(() => env.close());

const publicForm = (body: Record<string, unknown>) =>
  anonymous(env.app).post(PUBLIC_INTEREST_PATH, {
    hub: hub.slug,
    urn: SECOND,
    kind: "be_visited",
    contactName: "Pat Example",
    contactEmail: "Pat.Example@second.example.test",
    ...body,
  });

describe("a school user expresses interest", () => {
  let visitInterest: Interest;

  it("for their own school, with themselves as the contact by default", async () => {
    const res = await school.post(I, { kind: "be_visited", message: "We would love a visit" });
    expect(res.statusCode).toBe(201);
    visitInterest = res.json();
    expect(visitInterest).toMatchObject({
      urn,
      kind: "be_visited",
      status: "pending",
      source: "school_user",
      contactName: "school_user of interest",
      contactEmail: hub.users.school_user.email,
      message: "We would love a visit",
      phase: null,
    });
  });

  it("refuses a second pending interest of the same kind with a clear 409, but takes the other kind", async () => {
    const again = await school.post(I, { kind: "be_visited" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      "This school has already expressed interest to be visited in the next phase; the hub has not answered it yet",
    );
    const support = await school.post(I, {
      kind: "support_others",
      contactName: "Music Lead",
      contactEmail: "lead@interest-school.example.test",
    });
    expect(support.statusCode).toBe(201);
  });

  it("refuses two parallel duplicates: exactly one is stored", async () => {
    const twin = await signInAs(env.app, other.users.school_user.email);
    const results = await Promise.all([
      twin.post(I, { kind: "be_visited" }),
      twin.post(I, { kind: "be_visited" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const stored = await env.db
      .select()
      .from(engagementInterests)
      .where(eq(engagementInterests.schoolId, other.schoolId));
    expect(stored).toHaveLength(1);
  });

  it("refuses hub staff and partners (403) and bad input (400)", async () => {
    expect((await staff.post(I, { kind: "be_visited" })).statusCode).toBe(403);
    expect((await partner.post(I, { kind: "be_visited" })).statusCode).toBe(403);
    const bad = await school.post(I, { kind: "everything" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("Choose what the school is interested in");
    expect((await school.post(I, { kind: "support_others", contactEmail: "not-mail" })).statusCode).toBe(400);
  });

  it("shows a school user only their own school's interests, and hub staff all of the hub's, filtered", async () => {
    const mine = (await school.get(I)).json();
    expect(mine.total).toBe(2);
    expect((await otherSchool.get(I)).json().items.map((i: Interest) => i.urn)).toEqual([otherUrn]);
    const all = (await staff.get(`${I}?kind=be_visited&status=pending`)).json();
    expect(all.items.map((i: Interest) => i.id)).toEqual([visitInterest.id]);
    expect((await otherStaff.get(I)).body).not.toContain(hub.users.school_user.email);
    expect((await partner.get(I)).statusCode).toBe(403);
    expect((await staff.get(`${I}?status=maybe`)).statusCode).toBe(400);
  });

  it("hub staff accept it into a phase: the school joins the phase and its contact is told by e-mail", async () => {
    const res = await staff.post(`${I}/${visitInterest.id}/accept`, { phaseId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "accepted",
      phase: { id: phaseId, name: "Phase 2, 2026/27" },
    });
    const phase: Phase = (await staff.get(`/api/engagement/phases/${phaseId}`)).json();
    expect(phase.schoolList).toEqual([expect.objectContaining({ urn, joinedVia: "interest" })]);
    const [mail] = await mailsTo(env.db, hub.users.school_user.email, hub.id);
    expect(mail?.subject).toBe("Your interest for School of interest is accepted (Hub interest)");
    expect(mail?.text).toContain("the school is now part of Phase 2, 2026/27");
  });

  it("refuses to answer an interest twice (409), and hides it from another hub (404)", async () => {
    const twice = await admin.post(`${I}/${visitInterest.id}/decline`, { reason: "Changed our minds" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe("This expression of interest was accepted already");
    expect((await otherStaff.post(`${I}/${visitInterest.id}/accept`, {})).statusCode).toBe(404);
    expect((await school.post(`${I}/${visitInterest.id}/accept`, {})).statusCode).toBe(403);
  });

  it("a new interest of the kind is taken again once the first was answered", async () => {
    expect((await school.post(I, { kind: "be_visited" })).statusCode).toBe(201);
  });
});

describe("the public form", () => {
  let publicInterest: Interest;

  it("takes the hub's short name, a URN and a contact, and tells the caller nothing else", async () => {
    const res = await publicForm({});
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ received: true, kind: "be_visited" });
    const list = (await staff.get(`${I}?status=pending&kind=be_visited`)).json();
    publicInterest = list.items.find((i: Interest) => i.urn === SECOND);
    expect(publicInterest).toMatchObject({
      source: "public_form",
      contactName: "Pat Example",
      contactEmail: "pat.example@second.example.test",
    });
    expect(await mailsTo(env.db, "pat.example@second.example.test")).toEqual([]);
  });

  it("refuses an unknown, closed or other hub's URN with the same 400, naming no school", async () => {
    for (const u of [123, CLOSED, otherUrn]) {
      const res = await publicForm({ urn: u, contactEmail: "someone@example.test" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(NO_OPEN_SCHOOL);
      expect(res.body).not.toMatch(/Closed Fictional|School of interest-other/);
    }
  });

  it("refuses an unknown hub (404), a duplicate (409) and bad input (400)", async () => {
    expect((await publicForm({ hub: "no-such-hub" })).statusCode).toBe(404);
    expect((await publicForm({})).statusCode).toBe(409);
    const bad = await publicForm({ urn: "twelve", contactEmail: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      "urn",
      "contactEmail",
    ]);
  });

  it("works as a plain HTML form post, answering a page", async () => {
    const form = new URLSearchParams({
      hub: hub.slug,
      urn: String(SECOND),
      kind: "support_others",
      contactName: "Pat Example",
      contactEmail: "pat@second.example.test",
      message: "",
    });
    const res = await env.app.inject({
      method: "POST",
      url: PUBLIC_INTEREST_PATH,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("has received your school's interest to support other schools");
    form.set("urn", String(CLOSED));
    const refused = await env.app.inject({
      method: "POST",
      url: PUBLIC_INTEREST_PATH,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("We could not find an open school with that URN");
    expect(refused.body).toContain(`href="/h/${hub.slug}/interest"`);
  });

  it("refuses a post from another site (Origin check)", async () => {
    const res = await env.app.inject({
      method: "POST",
      url: PUBLIC_INTEREST_PATH,
      headers: { origin: "https://elsewhere.example.test" },
      payload: {
        hub: hub.slug,
        urn: SECOND,
        kind: "be_visited",
        contactName: "X",
        contactEmail: "x@example.test",
      },
    });
    expect(res.statusCode).toBe(403);
  });

  it("serves the form page publicly", async () => {
    const res = await anonymous(env.app).get(`/h/${hub.slug}/interest`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`action="${PUBLIC_INTEREST_PATH}"`);
    expect(res.body).toContain('<label for="urn">');
    expect(res.headers["referrer-policy"]).toBe("same-origin");
    expect((await anonymous(env.app).get("/h/no-such-hub/interest")).statusCode).toBe(404);
    const profile = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}`);
    expect(profile.json().pages).toContainEqual(expect.objectContaining({ href: `/h/${hub.slug}/interest` }));
  });

  it("declining needs a reason, which the contact is told by e-mail", async () => {
    const none = await staff.post(`${I}/${publicInterest.id}/decline`, { reason: " " });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe("Give a reason");
    const res = await staff.post(`${I}/${publicInterest.id}/decline`, {
      reason: "Our visits are full this year",
    });
    expect(res.json()).toMatchObject({ status: "declined", decisionReason: "Our visits are full this year" });
    const [mail] = await mailsTo(env.db, "pat.example@second.example.test", hub.id);
    expect(mail?.text).toContain("Our visits are full this year");
  });

  it("refuses accepting into an ended phase or another hub's phase", async () => {
    const fresh = await publicForm({ contactEmail: "again@second.example.test" });
    expect(fresh.statusCode).toBe(201);
    const pending = (await staff.get(`${I}?status=pending&kind=be_visited`)).json();
    const id = pending.items.find((i: Interest) => i.urn === SECOND).id;
    const ended = await staff.post(`${I}/${id}/accept`, { phaseId: pastPhaseId });
    expect(ended.statusCode).toBe(400);
    expect(ended.json().error.message).toBe("That phase has ended: choose a current or later one");
    const theirs = await otherStaff.post("/api/engagement/phases", {
      name: "Theirs",
      startsOn: "2026-09-01",
      endsOn: "2027-07-31",
    });
    const foreign = await staff.post(`${I}/${id}/accept`, { phaseId: theirs.json().id });
    expect(foreign.statusCode).toBe(400);
    expect((await staff.post(`${I}/${id}/accept`, {})).json()).toMatchObject({
      status: "accepted",
      phase: null,
    });
  });

  it("exports the list as formula-safe CSV for hub staff only", async () => {
    await school.post(I, { kind: "support_others", message: "=HYPERLINK(1)" }).catch(() => undefined);
    const res = await staff.get(`${I}/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body).toContain("Received,URN,School,Interest,Status");
    expect(res.body).toContain("Pat Example");
    expect(res.body).not.toMatch(/,=HYPERLINK/);
    expect((await school.get(`${I}/export.csv`)).statusCode).toBe(403);
  });

  it("limits how often one address may post", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) codes.push((await publicForm({ urn: 1 })).statusCode);
    expect(codes).toContain(429);
  });
});
