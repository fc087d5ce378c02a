import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../shared/schemas/auth";
import { isPublicPath } from "./modules/public/public.routes";
import { type Agent, anonymous, createTestEnv, seedHub, signInAs, type TestEnv } from "./testing/harness";
import type { MatrixCase, MatrixFixture } from "./testing/matrix";

// Every module declares its routes' cases in `*.matrix.ts`; this file proves them all.
const modules = import.meta.glob<{ matrix: MatrixCase[] }>("./modules/**/*.matrix.ts", { eager: true });
const cases = Object.values(modules).flatMap((m) => m.matrix);

let env: TestEnv;
let f: MatrixFixture;
const agents = new Map<string, Agent>();

beforeAll(async () => {
  env = await createTestEnv();
  f = { own: await seedHub(env.db, "own"), other: await seedHub(env.db, "other") };
  for (const role of ROLES) {
    agents.set(`own:${role}`, await signInAs(env.app, f.own.users[role].email));
    agents.set(`other:${role}`, await signInAs(env.app, f.other.users[role].email));
  }
});
afterAll(() => env.close());

const agent = (hub: "own" | "other", role: Role): Agent => {
  const a = agents.get(`${hub}:${role}`);
  if (!a) throw new Error("no agent");
  return a;
};

// Public pages (/api/public/…) need no sign-in and have no roles: public-routes.api.test.ts lists
// every one of them from the same route table and proves none leaks a private field.
it("covers every API route the app registers", () => {
  const covered = new Set(cases.map((c) => c.route));
  const missing = env.app.routeList
    .filter((r) => r.url.startsWith("/api/") && !isPublicPath(r.url))
    .map((r) => `${r.method} ${r.url}`)
    .filter((r) => !covered.has(r));
  expect(missing).toEqual([]);
});

// Response serializers compile on first use (platform/serializer.ts): every route's must compile.
it("compiles the response serializer of every route", () => {
  expect(env.app.compileSerializers()).toBeGreaterThan(200);
  expect(env.app.compileSerializers()).toBe(0);
});

describe.each(cases.filter((c) => !c.public))("$route", (c) => {
  it("refuses anonymous callers with 401", async () => {
    const res = await anonymous(env.app).request(c.request(f));
    expect(res.statusCode).toBe(401);
    expect(Object.keys(res.json())).toEqual(["error"]);
    for (const s of c.secrets?.(f) ?? []) expect(res.body).not.toContain(s);
  });

  it.each([...ROLES])("as %s in its own hub", async (role: Role) => {
    const res = await agent("own", role).request(c.request(f));
    if (c.allowed.includes(role)) {
      expect([401, 403]).not.toContain(res.statusCode);
      expect(res.statusCode).toBeLessThan(500);
    } else {
      expect(res.statusCode).toBe(c.refused?.[role] ?? 403);
      expect(Object.keys(res.json())).toEqual(["error"]);
      for (const s of c.secrets?.(f) ?? []) expect(res.body).not.toContain(s);
    }
  });

  if (c.crossHub !== "not_applicable") {
    it.each([...c.allowed])("as %s of another hub: nothing of this hub", async (role: Role) => {
      const res = await agent("other", role).request(c.request(f));
      if (c.crossHub === "not_found") expect(res.statusCode).toBe(404);
      expect(res.statusCode).toBeLessThan(500);
      for (const s of c.secrets?.(f) ?? []) expect(res.body).not.toContain(s);
    });
  }
});
