import type { FastifyInstance } from "fastify";

/** Attendance, feedback, claims, invoices, reach and settings. */
export const cpdRecordRoutes = async (_fastify: FastifyInstance) => {};
