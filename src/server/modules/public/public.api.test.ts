import { and, eq } from "drizzle-orm";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, hubs } from "../../db/schema/index";
import { registerCalendarProvider } from "../../platform/calendar";
import {
  anonymous,
  createTestEnv,
  seedHub,
  signInAs,
  type TestEnv,
  type TestHub,
} from "../../testing/harness";
import { registerPublicPage } from "./public-pages";

let env: TestEnv;
let hub: TestHub;
let bare: TestHub;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  env = await createTestEnv({ clock: () => new Date("2026-12-02T09:00:00Z") });
  hub = await seedHub(env.db, "pub");
  bare = await seedHub(env.db, "bare");
  await env.db
    .update(hubs)
    .set({
      areaServed: "Northshire & the City of <Eastby>",
      publicEmail: "hello@northshire-hub.example.test",
      brandColour: "#7a1f5c",
    })
    .where(eq(hubs.id, hub.id));
  cleanups.push(
    registerPublicPage({
      key: "test-cpd",
      title: "CPD catalogue",
      href: (slug) => `/h/${slug}/cpd`,
      available: async (_db, hubId) => hubId === hub.id,
    }),
    registerCalendarProvider({
      name: "test-public",
      events: async (_db, scope) =>
        scope.kind === "public" && scope.hubId === hub.id
          ? [
              {
                uid: "concert-1@tutti",
                sequence: 0,
                status: "confirmed",
                start: new Date("2027-03-06T19:00:00Z"),
                end: new Date("2027-03-06T21:00:00Z"),
                summary: "Massed choirs concert",
                updatedAt: new Date("2026-11-01T00:00:00Z"),
              },
            ]
          : [],
    }),
  );
});
afterAll(async () => {
  for (const c of cleanups) c();
  await env.close();
});

describe("GET /api/public/hubs/:slug", () => {
  it("gives anyone the hub's public profile and its available public pages", async () => {
    const res = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      slug: hub.slug,
      name: "Hub pub",
      areaServed: "Northshire & the City of <Eastby>",
      contactEmail: "hello@northshire-hub.example.test",
      colour: "#7a1f5c",
      pages: [
        {
          key: "calendar",
          title: "Calendar of events (subscribe in your calendar program)",
          href: `/api/public/hubs/${hub.slug}/calendar.ics`,
        },
        { key: "test-cpd", title: "CPD catalogue", href: `/h/${hub.slug}/cpd` },
      ],
    });
  });

  it("leaves out what a hub has not made public, and pages it has nothing on", async () => {
    const body = (await anonymous(env.app).get(`/api/public/hubs/${bare.slug}`)).json();
    expect(body).toMatchObject({ areaServed: null, contactEmail: null, colour: "#1f4e79" });
    expect(body.pages.map((p: { key: string }) => p.key)).toEqual(["calendar"]);
  });

  it("is cacheable: Cache-Control public, an ETag, and 304 when the copy is current", async () => {
    const res = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}`);
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    const tag = String(res.headers.etag);
    expect(tag).toMatch(/^".+"$/);
    const again = await anonymous(env.app).request({
      method: "GET",
      url: `/api/public/hubs/${hub.slug}`,
      headers: { "if-none-match": tag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    await env.db.update(hubs).set({ name: "Hub pub renamed" }).where(eq(hubs.id, hub.id));
    const changed = await anonymous(env.app).request({
      method: "GET",
      url: `/api/public/hubs/${hub.slug}`,
      headers: { "if-none-match": tag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().name).toBe("Hub pub renamed");
    await env.db.update(hubs).set({ name: "Hub pub" }).where(eq(hubs.id, hub.id));
  });

  it("answers 404 (not cached) for an unknown hub and 400 for an address that cannot be one", async () => {
    const res = await anonymous(env.app).get("/api/public/hubs/no-such-hub");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: "not_found", message: "Hub was not found" } });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect((await anonymous(env.app).get("/api/public/hubs/Not_A_Slug")).statusCode).toBe(400);
  });

  it("is rate-limited per address", async () => {
    const url = `/api/public/hubs/${bare.slug}`;
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++)
      statuses.push((await env.app.inject({ method: "GET", url, remoteAddress: "198.51.100.9" })).statusCode);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    expect((await env.app.inject({ method: "GET", url, remoteAddress: "198.51.100.10" })).statusCode).toBe(
      200,
    );
  });
});

describe("GET /api/public/hubs/:slug/calendar.ics", () => {
  it("serves the hub's public events in London time", async () => {
    const res = await anonymous(env.app).get(`/api/public/hubs/${hub.slug}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.body).toContain("X-WR-CALNAME:Hub pub");
    const events = Object.values(ical.sync.parseICS(res.body)).filter((c) => c?.type === "VEVENT");
    expect(events).toHaveLength(1);
    expect(res.body).toContain("DTSTART;TZID=Europe/London:20270306T190000");
    const other = await anonymous(env.app).get(`/api/public/hubs/${bare.slug}/calendar.ics`);
    expect(other.body).not.toContain("Massed choirs");
  });

  it("answers 404 for an unknown hub", async () => {
    expect((await anonymous(env.app).get("/api/public/hubs/no-such-hub/calendar.ics")).statusCode).toBe(404);
  });
});

describe("GET /h/:slug", () => {
  it("is a plain HTML page with the hub's name, details and links, escaped, without scripts", async () => {
    const res = await anonymous(env.app).get(`/h/${hub.slug}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.body).toContain('<html lang="en-GB">');
    expect(res.body).toContain("<h1>Hub pub</h1>");
    expect(res.body).toContain("Northshire &amp; the City of &lt;Eastby&gt;");
    expect(res.body).toContain('<a href="mailto:hello@northshire-hub.example.test">');
    expect(res.body).toContain(`<a href="/api/public/hubs/${hub.slug}/calendar.ics">`);
    expect(res.body).toContain(`<a href="/h/${hub.slug}/cpd">CPD catalogue</a>`);
    expect(res.body).not.toContain("<script");
  });

  it("answers 404 for an unknown hub", async () => {
    const res = await anonymous(env.app).get("/h/no-such-hub");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain("<h1>Page not found</h1>");
  });
});

describe("a hub admin chooses what the public page shows (PATCH /api/hubs/current)", () => {
  it("sets the area served, the public address and the colour, audited, and the public page follows", async () => {
    const admin = await signInAs(env.app, bare.users.hub_admin.email);
    const res = await admin.patch("/api/hubs/current", {
      areaServed: "Bareshire",
      publicEmail: "Music@Bare-Hub.example.test",
      brandColour: "#2A6F4E",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      areaServed: "Bareshire",
      publicEmail: "music@bare-hub.example.test",
      brandColour: "#2a6f4e",
    });
    const page = (await anonymous(env.app).get(`/api/public/hubs/${bare.slug}`)).json();
    expect(page).toMatchObject({
      areaServed: "Bareshire",
      contactEmail: "music@bare-hub.example.test",
      colour: "#2a6f4e",
    });
    const [entry] = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, bare.id), eq(auditLog.action, "update")));
    expect(entry?.after).toMatchObject({ publicEmail: "music@bare-hub.example.test" });

    const cleared = await admin.patch("/api/hubs/current", { publicEmail: "" });
    expect(cleared.json().publicEmail).toBeNull();
    expect((await anonymous(env.app).get(`/h/${bare.slug}`)).body).not.toContain("bare-hub.example.test");
  });

  it("refuses a colour that is not one, in our words", async () => {
    const admin = await signInAs(env.app, bare.users.hub_admin.email);
    const res = await admin.patch("/api/hubs/current", { brandColour: "red" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe("A colour looks like #1f4e79");
  });
});
