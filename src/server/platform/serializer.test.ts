import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonSerializer, lazySerializers, responseJsonSchema } from "./serializer";

const serialize = (schema: z.ZodType, data: unknown): string => jsonSerializer(schema)(data);

const Item = z.object({
  id: z.uuid(),
  name: z.string(),
  pupils: z.number().int().nullable(),
  town: z.string().nullable(),
  tags: z.array(z.string()),
});

describe("response serializer", () => {
  it("writes only the properties the schema names", () => {
    const out = serialize(z.object({ items: z.array(Item) }), {
      items: [
        {
          id: "00000000-0000-4000-8000-000000000001",
          name: "Ashby Primary",
          pupils: 210,
          town: null,
          tags: ["wcet"],
          passwordHash: "secret",
        },
      ],
      internal: true,
    });
    expect(JSON.parse(out)).toEqual({
      items: [
        {
          id: "00000000-0000-4000-8000-000000000001",
          name: "Ashby Primary",
          pupils: 210,
          town: null,
          tags: ["wcet"],
        },
      ],
    });
  });

  it("writes nullable numbers and strings as null or as themselves", () => {
    const out = serialize(Item, {
      id: "00000000-0000-4000-8000-000000000002",
      name: "B",
      pupils: null,
      town: "Kestwick",
      tags: [],
    });
    expect(JSON.parse(out)).toMatchObject({ pupils: null, town: "Kestwick" });
  });

  it("refuses to answer without a required property", () => {
    expect(() =>
      serialize(Item, { id: "00000000-0000-4000-8000-000000000003", pupils: 1, town: null, tags: [] }),
    ).toThrow(/name/);
  });

  it("keeps zod for a schema with no JSON Schema form, and still strips unknown properties", () => {
    const WithDate = z.object({ at: z.date(), name: z.string() });
    expect(responseJsonSchema(WithDate)).toBeNull();
    const out = serialize(WithDate, { at: new Date("2026-01-02T03:04:05Z"), name: "x", extra: 1 });
    expect(JSON.parse(out)).toEqual({ at: "2026-01-02T03:04:05.000Z", name: "x" });
  });

  it("turns zod's nullable primitives into type lists", () => {
    const json = responseJsonSchema(Item) as { properties: Record<string, { type: unknown }> };
    expect(json.properties.pupils?.type).toEqual(["integer", "null"]);
    expect(json.properties.town?.type).toEqual(["string", "null"]);
  });

  it("compiles a route's serializer on its first response, and compileAll compiles the rest", () => {
    const { compiler, compileAll } = lazySerializers();
    const route = (schema: z.ZodType) => compiler({ schema, method: "GET", url: "/t", httpStatus: "200" });
    const first = route(Item);
    const second = route(z.object({ name: z.string() }));
    const broken = route(z.object({ n: z.number() }));
    // nothing compiled yet: three wait
    const used = first({
      id: "00000000-0000-4000-8000-000000000004",
      name: "A",
      pupils: 1,
      town: null,
      tags: [],
    });
    expect(JSON.parse(used)).toMatchObject({ name: "A" });
    expect(compileAll()).toBe(2); // the two not yet used
    expect(compileAll()).toBe(0);
    expect(second({ name: "B", secret: 1 })).toBe('{"name":"B"}');
    expect(() => broken({})).toThrow(/n/);
  });

  it("jsonSerializer writes as the route serializer does", () => {
    const write = jsonSerializer(z.object({ name: z.string(), town: z.string().nullable() }));
    expect(write({ name: "C", town: null, extra: true })).toBe('{"name":"C","town":null}');
  });
});
