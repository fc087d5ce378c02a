import fastJson from "fast-json-stringify";
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

/** A function writing values of `schema` as JSON, as responses are written. */
export const jsonSerializer = (schema: ZodType): ((data: unknown) => string) =>
  serializerCompiler({ schema, method: "GET", url: "", httpStatus: "200" });

export const serializerCompiler: FastifySerializerCompiler<ZodType> = (route) => {
  const json = route.schema instanceof z.ZodType ? responseJsonSchema(route.schema) : null;
  if (!json) return zodSerializerCompiler(route);
  return fastJson(json);
};
