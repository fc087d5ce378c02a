import { createRequire } from "node:module";
import type { FastifySerializerCompiler } from "fastify";
import { serializerCompiler as zodSerializerCompiler } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";

/**
 * Response serialisation. Each response schema (zod) is turned once into a JSON Schema and
 * compiled with fast-json-stringify, as Fastify does for its own schemas: it writes only the
 * properties the schema names (nothing a presenter let through by mistake leaves the server)
 * and is several times faster than checking every value with zod, which was a fifth of the CPU
 * of a school-list request. A schema that has no JSON Schema form (dates, transforms) keeps the
 * zod serializer. Inputs are still validated with zod.
 */

type Json = Record<string, unknown>;
const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);

/**
 * `anyOf: [{ type: "string", … }, { type: "null" }]` (zod's nullable) as
 * `{ type: ["string", "null"], … }`, which fast-json-stringify writes directly instead of
 * testing each branch against the value.
 */
const simplify = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplify(v);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((b: Json) => b.type === "null" && Object.keys(b).length === 1);
    const other = anyOf[1 - nullIndex] as Json | undefined;
    if (nullIndex >= 0 && other && typeof other.type === "string" && PRIMITIVES.has(other.type)) {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...other, type: [other.type, "null"] };
    }
  }
  return out;
};

/** The JSON Schema of a zod schema as its output looks, or null when it has none. */
export const responseJsonSchema = (schema: ZodType): Json | null => {
  try {
    const json = z.toJSONSchema(schema, { io: "output", target: "draft-7", unrepresentable: "throw" });
    return simplify(json) as Json;
  } catch {
    return null;
  }
};

type Write = (data: unknown) => string;
type Route = Parameters<FastifySerializerCompiler<ZodType>>[0];

/** fast-json-stringify (and the Ajv it brings), loaded with the first serializer compiled. */
const load = createRequire(import.meta.url);
let fastJson: typeof import("fast-json-stringify") | undefined;

const compile = (route: Route): Write => {
  const json = route.schema instanceof z.ZodType ? responseJsonSchema(route.schema) : null;
  if (!json) return zodSerializerCompiler(route);
  fastJson ??= load("fast-json-stringify") as typeof import("fast-json-stringify");
  return fastJson(json);
};

/**
 * Serializers compiled on first use: compiling the ~300 response schemas of every route (zod to
 * JSON Schema, then fast-json-stringify's code) was ~250 ms of a start-up, and of every test
 * file's app, for routes most runs never call (decision 031). The first response of a route
 * pays its own (~1 ms); `compileAll` compiles what is left (a test proves every schema does).
 */
export const lazySerializers = (): {
  compiler: FastifySerializerCompiler<ZodType>;
  compileAll: () => number;
} => {
  const pending = new Set<() => Write>();
  const compiler: FastifySerializerCompiler<ZodType> = (route) => {
    let write: Write | undefined;
    const ready = (): Write => {
      if (!write) {
        write = compile(route);
        pending.delete(ready);
      }
      return write;
    };
    pending.add(ready);
    return (data) => ready()(data);
  };
  const compileAll = () => {
    const left = [...pending];
    for (const ready of left) ready();
    return left.length;
  };
  return { compiler, compileAll };
};

/** A function writing values of `schema` as JSON, as responses are written; compiled on first use. */
export const jsonSerializer = (schema: ZodType): Write => {
  let write: Write | undefined;
  return (data) => {
    write ??= compile({ schema, method: "GET", url: "", httpStatus: "200" });
    return write(data);
  };
};
