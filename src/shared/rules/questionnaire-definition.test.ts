import { describe, expect, it } from "vitest";
import type { Definition, Question } from "../schemas/questionnaires";
import { checkDefinition, sameDefinition } from "./questionnaire-definition";
import { answerCell, exportQuestions, responseExportRow } from "./questionnaire-export";

const q = (id: string, kind: Question["kind"], extra: Partial<Question> = {}): Question => ({
  id,
  kind,
  label: id.toUpperCase(),
  required: false,
  ...extra,
});
const def = (...questions: Question[]): Definition => ({ sections: [{ id: "s", title: "S", questions }] });
const options = [
  { value: "a", label: "Alpha" },
  { value: "b", label: "Beta" },
];

describe("checkDefinition", () => {
  it("accepts a sound definition", () => {
    expect(
      checkDefinition(
        def(
          q("yn", "yes_no"),
          q("c", "single_choice", { options, condition: { questionId: "yn", equals: "yes" } }),
        ),
      ),
    ).toEqual([]);
  });

  it("names every problem that stops publishing, with its path", () => {
    const problems = checkDefinition({
      sections: [
        {
          id: "s",
          title: "First",
          questions: [
            q("one", "single_choice", { options: [{ value: "a", label: "A" }] }),
            q("scale", "scale", {
              levels: [
                { value: 1, label: "x" },
                { value: 1, label: "y" },
              ],
            }),
            q("n", "number", { min: 5, max: 1 }),
            q("fig", "register_figure"),
            q("later", "short_text", { condition: { questionId: "after", equals: "yes" } }),
            q("text-cond", "short_text", { condition: { questionId: "n", equals: "3" } }),
            q("bad-yn", "short_text", { condition: { questionId: "one", equals: "zz" } }),
            q("after", "yes_no"),
            q("after", "yes_no"),
          ],
        },
        { id: "s", title: "Empty", questions: [] },
      ],
    });
    expect(problems).toEqual([
      { path: "sections", message: "Two sections have the key “s”" },
      { path: "sections", message: "Two questions have the key “after”" },
      { path: "sections.0.questions.0.options", message: "“ONE” needs at least two options" },
      { path: "sections.0.questions.1.levels", message: "“SCALE” has two levels with the same value" },
      { path: "sections.0.questions.2.max", message: "“N”: the highest value is below the lowest" },
      { path: "sections.0.questions.3.figure", message: "“FIG”: choose which figure to prefill" },
      {
        path: "sections.0.questions.4.condition",
        message: "“LATER” can only depend on a question asked before it",
      },
      {
        path: "sections.0.questions.5.condition",
        message: "“TEXT-COND” can only depend on a yes/no or choice question",
      },
      { path: "sections.0.questions.6.condition", message: "“BAD-YN”: choose one of the options of “ONE”" },
      { path: "sections.1.questions", message: "The section “Empty” has no questions" },
    ]);
    expect(checkDefinition({ sections: [] })).toEqual([
      { path: "sections", message: "Add at least one question" },
    ]);
  });

  it("treats definitions differing only in key order (or absent keys) as the same", () => {
    const a: Definition = def({ id: "x", kind: "short_text", label: "X", required: true });
    const b: Definition = def({ required: true, label: "X", kind: "short_text", id: "x", help: undefined });
    expect(sameDefinition(a, b)).toBe(true);
    expect(sameDefinition(a, def({ id: "x", kind: "short_text", label: "Y", required: true }))).toBe(false);
  });
});

describe("export columns", () => {
  it("keeps one column per question key across versions, newest wording first, older-only questions after", () => {
    const v2 = def(q("b", "short_text", { label: "B now" }), q("c", "yes_no"));
    const v1 = def(q("a", "short_text"), q("b", "short_text", { label: "B then" }));
    expect(exportQuestions([v2, v1]).map((x) => x.label)).toEqual(["B now", "C", "A"]);
  });

  it("writes answers in words", () => {
    expect(answerCell(q("c", "multiple_choice", { options }), ["a", "b"])).toBe("Alpha; Beta");
    expect(answerCell(q("c", "single_choice", { options }), "b")).toBe("Beta");
    expect(answerCell(q("y", "yes_no"), "no")).toBe("No");
    expect(answerCell(q("s", "scale", { levels: [{ value: 4, label: "Good" }] }), 4)).toBe("4 – Good");
    expect(
      answerCell(q("f", "file"), { fileId: "00000000-0000-4000-8000-000000000001", name: "plan.pdf" }),
    ).toBe("plan.pdf");
    expect(answerCell(q("n", "number"), undefined)).toBeNull();
    expect(
      responseExportRow([q("n", "number")], {
        schoolName: "Fenwick Primary",
        schoolUrn: 300001,
        status: "submitted",
        version: 2,
        submittedAt: new Date("2026-06-30T23:30:00Z"),
        answers: { n: 7 },
      }),
    ).toEqual(["Fenwick Primary", 300001, "Submitted", 2, "01/07/2026", 7]);
  });
});
