import { describe, expect, it } from "vitest";
import { describePath, readTemplateFile } from "./questionnaire-import";
import { auditDefinition } from "./questionnaires.fixtures";

const file = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: "tutti-questionnaire",
    formatVersion: 1,
    title: "Music audit",
    purpose: "audit",
    academicYear: null,
    definition: auditDefinition(),
    ...over,
  });

describe("readTemplateFile", () => {
  it("reads a file exported by Tutti", () => {
    const read = readTemplateFile(file());
    expect(read.ok && read.value.definition).toEqual(auditDefinition());
  });

  it("refuses what is not JSON, not ours, or from a later format, in our words", () => {
    expect(readTemplateFile("{ not json")).toMatchObject({
      ok: false,
      message: "The file is not JSON: choose a questionnaire file exported from Tutti",
    });
    expect(readTemplateFile(file({ formatVersion: 2 }))).toMatchObject({
      ok: false,
      message: "FormatVersion: This questionnaire file is from a version of Tutti we cannot read",
    });
    expect(readTemplateFile(file({ definition: "none" }))).toMatchObject({
      ok: false,
      message: "Definition has the wrong kind of value",
    });
    expect(readTemplateFile(file({ title: undefined }))).toMatchObject({
      ok: false,
      message: "Title: A questionnaire needs a title",
    });
  });

  it("describes a path for people", () => {
    expect(describePath(["definition", "sections", 0, "questions", 2, "options", 1, "label"])).toBe(
      "Definition, Section 1, question 3, option 2, label",
    );
  });
});
