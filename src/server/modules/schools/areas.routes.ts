import type { FastifyInstance } from "fastify";

/** Areas: create, rename, rules, bulk assignment. */
export const areasRoutes = async (_fastify: FastifyInstance) => {};
