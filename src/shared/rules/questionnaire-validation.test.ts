import { describe, expect, it } from "vitest";
import type { Definition, Question } from "../schemas/questionnaires";
import { visibleAnswers, visibleQuestionIds } from "./questionnaire-conditions";
import { validateAnswers } from "./questionnaire-validation";

const q = (id: string, kind: Question["kind"], extra: Partial<Question> = {}): Question => ({
  id,
  kind,
  label: id,
  required: true,
  ...extra,
});
const def = (...questions: Question[]): Definition => ({ sections: [{ id: "s", title: "S", questions }] });
const options = [
  { value: "a", label: "A" },
  { value: "b", label: "B" },
];

describe("conditions", () => {
  const d = def(
    q("choir", "yes_no"),
    q("size", "number", { condition: { questionId: "choir", equals: "yes" } }),
    q("room", "short_text", { condition: { questionId: "size", equals: "x" } }),
    q("kinds", "multiple_choice", { options, required: false }),
    q("why-b", "long_text", { condition: { questionId: "kinds", equals: "b" } }),
    q("then", "short_text", { condition: { questionId: "why-b", equals: "never" } }),
  );

  it("shows a question when the one it depends on has the value, or includes it", () => {
    expect([...visibleQuestionIds(d, {})]).toEqual(["choir", "kinds"]);
    expect(visibleQuestionIds(d, { choir: "yes" }).has("size")).toBe(true);
    expect(visibleQuestionIds(d, { choir: "no" }).has("size")).toBe(false);
    expect(visibleQuestionIds(d, { kinds: ["a", "b"] }).has("why-b")).toBe(true);
    expect(visibleQuestionIds(d, { kinds: ["a"] }).has("why-b")).toBe(false);
  });

  it("hides a question whose condition hangs on a hidden question, even with a stale answer", () => {
    const d2 = def(
      q("a", "yes_no"),
      q("b", "single_choice", { options, condition: { questionId: "a", equals: "yes" } }),
      q("c", "short_text", { condition: { questionId: "b", equals: "a" } }),
    );
    expect(visibleQuestionIds(d2, { a: "no", b: "a" }).has("c")).toBe(false);
    expect(visibleQuestionIds(d2, { a: "yes", b: "a" }).has("c")).toBe(true);
    expect(visibleAnswers(d2, { a: "no", b: "a", c: "x" })).toEqual({ a: "no" });
  });
});

describe("validateAnswers", () => {
  it("asks for a required question only when it is shown, and only on submit", () => {
    const d = def(
      q("choir", "yes_no"),
      q("size", "number", { condition: { questionId: "choir", equals: "yes" } }),
    );
    expect(validateAnswers(d, {})).toEqual({ choir: "Answer this question" });
    expect(validateAnswers(d, {}, "draft")).toEqual({});
    expect(validateAnswers(d, { choir: "no" })).toEqual({});
    expect(validateAnswers(d, { choir: "yes" })).toEqual({ size: "Answer this question" });
    expect(validateAnswers(d, { choir: "yes", size: "  " as unknown as number })).toEqual({
      size: "Answer this question",
    });
  });

  it("checks a hidden question's answer not at all", () => {
    const d = def(
      q("choir", "yes_no"),
      q("size", "number", { max: 5, condition: { questionId: "choir", equals: "yes" } }),
    );
    expect(validateAnswers(d, { choir: "no", size: 99 })).toEqual({});
    expect(validateAnswers(d, { choir: "yes", size: 99 })).toEqual({ size: "Enter a number no more than 5" });
  });

  it("checks each kind in our own words", () => {
    const d = def(
      q("short", "short_text"),
      q("one", "single_choice", { options }),
      q("many", "multiple_choice", { options }),
      q("scale", "scale", {
        levels: [
          { value: 1, label: "Low" },
          { value: 2, label: "High" },
        ],
      }),
      q("yn", "yes_no"),
      q("when", "date"),
      q("n", "number", { min: 0, max: 10, wholeNumber: true }),
      q("fig", "register_figure", { figure: "wcetPupils" }),
      q("file", "file"),
    );
    expect(
      validateAnswers(d, {
        short: "x".repeat(301),
        one: "c",
        many: ["a", "z"],
        scale: 3,
        yn: "maybe",
        when: "2026-02-29",
        n: 2.5,
        fig: -1,
        file: "plan.pdf",
      }),
    ).toEqual({
      short: "Keep this answer under 300 characters (it has 301)",
      one: "Choose one of the options",
      many: "Choose only from the options",
      scale: "Choose one of the levels",
      yn: "Answer yes or no",
      when: "Enter a real date, for example 14/03/2026",
      n: "Enter a whole number",
      fig: "Enter a number of at least 0",
      file: "Upload a file",
    });
    expect(
      validateAnswers(d, {
        short: "Ms Teal",
        one: "a",
        many: ["a", "b"],
        scale: 2,
        yn: "yes",
        when: "2028-02-29",
        n: 10,
        fig: 0,
        file: { fileId: "00000000-0000-4000-8000-000000000001", name: "plan.pdf" },
      }),
    ).toEqual({});
  });

  it("names answers to questions the version does not have", () => {
    expect(validateAnswers(def(q("a", "short_text", { required: false })), { b: "x" })).toEqual({
      b: "This questionnaire has no such question",
    });
  });
});
