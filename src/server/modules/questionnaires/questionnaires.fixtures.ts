import type { Definition } from "../../../shared/schemas/questionnaires";

/** A small audit: every kind of question, with a condition (fictional wording). */
export const auditDefinition = (): Definition => ({
  sections: [
    {
      id: "provision",
      title: "Music provision",
      questions: [
        { id: "lead", kind: "short_text", label: "Who leads music?", required: true },
        {
          id: "wcet",
          kind: "register_figure",
          label: "Pupils in whole-class ensemble tuition",
          required: true,
          figure: "wcetPupils",
        },
        { id: "choir", kind: "yes_no", label: "Does the school have a choir?", required: true },
        {
          id: "choir-size",
          kind: "number",
          label: "How many pupils sing in it?",
          required: true,
          min: 1,
          max: 500,
          wholeNumber: true,
          condition: { questionId: "choir", equals: "yes" },
        },
        {
          id: "confidence",
          kind: "scale",
          label: "How confident are staff teaching music?",
          required: false,
          levels: [
            { value: 1, label: "Not confident" },
            { value: 2, label: "Somewhat" },
            { value: 3, label: "Very confident" },
          ],
        },
      ],
    },
    {
      id: "plans",
      title: "Plans",
      questions: [
        {
          id: "priorities",
          kind: "multiple_choice",
          label: "Priorities this year",
          required: false,
          options: [
            { value: "singing", label: "Singing" },
            { value: "instruments", label: "Instruments" },
            { value: "cpd", label: "Staff CPD" },
          ],
        },
        {
          id: "phase",
          kind: "single_choice",
          label: "Where is the school on its music journey?",
          required: false,
          options: [
            { value: "starting", label: "Starting out" },
            { value: "developing", label: "Developing" },
          ],
        },
        { id: "visit-date", kind: "date", label: "Preferred visit date", required: false },
        { id: "notes", kind: "long_text", label: "Anything else?", required: false, help: "Optional notes" },
        { id: "plan", kind: "file", label: "Music development plan", required: false },
      ],
    },
  ],
});
