import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError, errorMessage } from "../api/client";

/**
 * Puts the server's field problems (`details.fields`) beside their fields, and returns the message
 * for the form's top alert (null when every problem found its field).
 */
export const applyServerErrors = <T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldNames: ReadonlyArray<Path<T>>,
): string | null => {
  if (!(error instanceof ApiError) || error.fields.length === 0) return errorMessage(error);
  const unplaced: string[] = [];
  for (const problem of error.fields) {
    const name = fieldNames.find((f) => f === problem.path);
    if (name) setError(name, { type: "server", message: problem.message });
    else unplaced.push(problem.message);
  }
  if (unplaced.length === 0) return null;
  return unplaced.length === error.fields.length
    ? `${error.message}: ${unplaced.join("; ")}`
    : unplaced.join("; ");
};
