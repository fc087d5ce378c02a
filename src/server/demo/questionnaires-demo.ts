import { checkDefinition } from "../../shared/rules/questionnaire-definition";
import type { Definition } from "../../shared/schemas/questionnaires";
import type { DbOrTx } from "../db/client";
import { questionnairesRepository } from "../modules/questionnaires/questionnaires.repository";
import type { Actor } from "../platform/actor";
import { recordAudit } from "../platform/audit";

export const DEMO_AUDIT_TITLE = "Music audit before a visit";

/** The demo hub's audit questionnaire (fictional wording), with a register figure and a condition. */
export const demoAuditDefinition = (): Definition => ({
  sections: [
    {
      id: "music-at-school",
      title: "Music at your school",
      description:
        "A few questions before the music hub visits, so the visit can start from what you do already.",
      questions: [
        {
          id: "music-lead",
          kind: "short_text",
          label: "Who leads music at the school?",
          help: "Their name and role, for example “Music lead, Year 4 teacher”.",
          required: true,
        },
        {
          id: "wcet-pupils",
          kind: "register_figure",
          label: "Pupils in whole-class ensemble tuition this year",
          help: "Filled in from your school's music data; correct it if it has changed.",
          required: true,
          figure: "wcetPupils",
        },
        { id: "has-choir", kind: "yes_no", label: "Does the school have a choir?", required: true },
        {
          id: "choir-pupils",
          kind: "number",
          label: "How many pupils sing in the choir?",
          required: true,
          min: 1,
          max: 2000,
          wholeNumber: true,
          condition: { questionId: "has-choir", equals: "yes" },
        },
        {
          id: "confidence",
          kind: "scale",
          label: "How confident do class teachers feel teaching music?",
          required: true,
          levels: [
            { value: 1, label: "Not confident" },
            { value: 2, label: "A little confident" },
            { value: 3, label: "Confident" },
            { value: 4, label: "Very confident" },
          ],
        },
      ],
    },
    {
      id: "the-visit",
      title: "The visit",
      questions: [
        {
          id: "focus",
          kind: "multiple_choice",
          label: "What would you like the visit to look at?",
          required: true,
          options: [
            { value: "singing", label: "Singing" },
            { value: "instrumental", label: "Instrumental teaching" },
            { value: "curriculum", label: "The music curriculum" },
            { value: "send", label: "Music for pupils with SEND" },
          ],
        },
        { id: "preferred-date", kind: "date", label: "A date that would suit you", required: false },
        {
          id: "development-plan",
          kind: "file",
          label: "Your music development plan, if you have one",
          help: "PDF, Word or Excel, up to 10 MB.",
          required: false,
        },
        { id: "anything-else", kind: "long_text", label: "Anything else we should know?", required: false },
      ],
    },
  ],
});

/** Adds the demo audit questionnaire, published as version 1, in the caller's transaction. */
export const loadDemoQuestionnaires = async (db: DbOrTx, actor: Actor): Promise<void> => {
  const definition = demoAuditDefinition();
  const problems = checkDefinition(definition);
  if (problems.length) throw new Error(`demo questionnaire: ${problems.map((p) => p.message).join("; ")}`);
  const repo = questionnairesRepository(db);
  const template = await repo.insertTemplate({
    hubId: actor.hubId,
    title: DEMO_AUDIT_TITLE,
    purpose: "audit",
    academicYear: null,
    draft: definition,
    latestVersion: 1,
  });
  const version = await repo.insertVersion({
    hubId: actor.hubId,
    templateId: template.id,
    version: 1,
    definition,
  });
  await recordAudit(db, actor, {
    action: "create",
    entity: "questionnaire_version",
    entityId: version.id,
    after: { templateId: template.id, title: template.title, version: 1 },
  });
};
