import type { FastifyInstance } from "fastify";

/** Imports of GIAS extracts and music data. */
export const schoolImportsRoutes = async (_fastify: FastifyInstance) => {};
