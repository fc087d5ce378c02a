import { z } from "zod";
import "../messages";

/** The longest name of a person Tutti keeps (users, invitations, contacts). */
export const NAME_MAX = 200;

/** The one JSON error shape every route answers with. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** A field-level problem, as carried in `error.details.fields` for `invalid` errors. */
export const FieldProblem = z.object({ path: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof FieldProblem>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });
