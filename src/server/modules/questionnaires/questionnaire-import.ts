import type { z } from "zod";
import { checkDefinition } from "../../../shared/rules/questionnaire-definition";
import type { FieldProblem } from "../../../shared/schemas/common";
import { TemplateExport } from "../../../shared/schemas/questionnaires";

type Issue = z.core.$ZodRawIssue;

/** Our own words for what the schema did not word itself (its own messages win). */
const ownWords = (iss: Issue): string => {
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined ? "is missing" : "has the wrong kind of value";
    case "too_big":
      return "is too long or too large";
    case "too_small":
      return "is too short or too small";
    case "invalid_value":
      return "is not one of the values we know";
    case "unrecognized_keys":
      return "has fields we do not know";
    default:
      return "is not valid";
  }
};

/** "sections.0.questions.2.kind" → "Section 1, question 3, kind". */
export const describePath = (path: readonly PropertyKey[]): string => {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (
      (key === "sections" || key === "questions" || key === "options" || key === "levels") &&
      typeof next === "number"
    ) {
      const noun = { sections: "Section", questions: "question", options: "option", levels: "level" }[key];
      parts.push(`${noun} ${next + 1}`);
      i++;
    } else parts.push(String(key));
  }
  const text = parts.join(", ");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "The file";
};

export type ImportOutcome =
  | { ok: true; value: TemplateExport }
  | { ok: false; message: string; fields: FieldProblem[] };

/**
 * Reads a questionnaire file exported by any hub's Tutti: JSON, of our format, with a
 * definition that could be published. Every refusal is in our own words, with where it is.
 */
export const readTemplateFile = (text: string): ImportOutcome => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: "The file is not JSON: choose a questionnaire file exported from Tutti",
      fields: [],
    };
  }
  const parsed = TemplateExport.safeParse(json, { error: (iss) => ownWords(iss) });
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 20).map((iss) => {
      const where = describePath(iss.path);
      const mine = iss.message.charAt(0) === iss.message.charAt(0).toLowerCase();
      return {
        path: iss.path.join("."),
        message: mine ? `${where} ${iss.message}` : `${where}: ${iss.message}`,
      };
    });
    return { ok: false, message: fields[0]?.message ?? "The file is not a questionnaire", fields };
  }
  const problems = checkDefinition(parsed.data.definition);
  const first = problems[0];
  if (first)
    return {
      ok: false,
      message: `The questionnaire in the file cannot be used: ${first.message}`,
      fields: problems,
    };
  return { ok: true, value: parsed.data };
};
