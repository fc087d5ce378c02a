import type { FastifyInstance } from "fastify";

/** The schools register's routes (list, profile, contacts, music data, export, map, link officers). */
export const schoolsRoutes = async (_fastify: FastifyInstance) => {};
