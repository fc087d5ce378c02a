import type { Answers, AnswerValue, Definition, Question } from "../schemas/questionnaires";

/** Every question of a definition, in order, with the index of its section. */
export const allQuestions = (definition: Definition): Question[] =>
  definition.sections.flatMap((s) => s.questions);

/** Whether an answer matches a condition's value: equal, or (for multiple choice) included. */
const matches = (answer: AnswerValue | undefined, equals: string): boolean => {
  if (Array.isArray(answer)) return answer.includes(equals);
  return typeof answer === "string" && answer === equals;
};

/**
 * The ids of the questions shown for these answers. A question with a condition is shown when
 * the question it depends on is itself shown and its answer is (or includes) the value; a
 * condition on an unknown question hides the question. Conditions only look backwards (the
 * definition check refuses others), so one pass in order decides every question.
 */
export const visibleQuestionIds = (definition: Definition, answers: Answers): Set<string> => {
  const visible = new Set<string>();
  for (const q of allQuestions(definition)) {
    const c = q.condition;
    if (!c || (visible.has(c.questionId) && matches(answers[c.questionId], c.equals))) visible.add(q.id);
  }
  return visible;
};

/** The answers with those of hidden questions left out: what a submitted response keeps. */
export const visibleAnswers = (definition: Definition, answers: Answers): Answers => {
  const visible = visibleQuestionIds(definition, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => visible.has(id)));
};
