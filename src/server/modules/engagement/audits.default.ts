import type { Definition, Question, ScaleLevel } from "../../../shared/schemas/questionnaires";

export const DEFAULT_AUDIT_TITLE = "Pre-visit music audit";

/** The four labelled levels every "how well" question of the default audit uses. */
const LEVELS: ScaleLevel[] = [
  { value: 1, label: "Not in place yet" },
  { value: 2, label: "Starting out" },
  { value: 3, label: "Working well" },
  { value: 4, label: "A real strength" },
];

const scale = (id: string, label: string, help?: string): Question => ({
  id,
  kind: "scale",
  label,
  required: true,
  levels: LEVELS,
  ...(help ? { help } : {}),
});
const yesNo = (id: string, label: string, required = true): Question => ({
  id,
  kind: "yes_no",
  label,
  required,
});
const notes = (id: string, label: string): Question => ({ id, kind: "long_text", label, required: false });
const count = (id: string, label: string, max = 5000): Question => ({
  id,
  kind: "number",
  label,
  required: true,
  min: 0,
  max,
  wholeNumber: true,
});

/**
 * The default pre-visit audit (decision 024). Its sections follow the areas a supportive
 * conversation covers; a visit report's judgements refer to these section titles. Written
 * afresh for Tutti; a hub copies and edits it like any questionnaire (edits publish a new
 * version, so answers already given keep the wording they were given against).
 */
export const defaultAuditDefinition = (): Definition => ({
  sections: [
    {
      id: "curriculum",
      title: "Curriculum and timetable time",
      description: "How music sits in the school week.",
      questions: [
        {
          id: "minutes-per-week",
          kind: "number",
          label: "Roughly how many minutes of class music does a typical pupil have each week?",
          required: true,
          min: 0,
          max: 600,
          wholeNumber: true,
        },
        yesNo("every-year-group", "Is music taught in every year group, every term?"),
        {
          id: "scheme",
          kind: "single_choice",
          label: "Which scheme of work does the school mostly follow?",
          required: true,
          options: [
            { value: "own", label: "Our own" },
            { value: "published", label: "A published scheme" },
            { value: "hub", label: "The hub's suggested curriculum" },
            { value: "none", label: "No set scheme" },
          ],
        },
        scale("curriculum-quality", "How well planned and sequenced is the music curriculum?"),
      ],
    },
    {
      id: "singing",
      title: "Singing",
      questions: [
        yesNo("weekly-singing", "Do all pupils sing together at least once a week?"),
        scale("singing-culture", "How strong is the culture of singing across the school?"),
        notes("singing-notes", "Anything to add about singing (assemblies, choirs, performances)?"),
      ],
    },
    {
      id: "teaching",
      title: "Whole-class and instrumental teaching",
      questions: [
        yesNo("wcet", "Does at least one class have whole-class instrumental lessons this year?"),
        count("pupils-lessons", "How many pupils have small-group or individual instrumental lessons?"),
        scale("progression-routes", "After whole-class lessons, how clear is the route to carry on playing?"),
      ],
    },
    {
      id: "ensembles",
      title: "Ensembles and co-curricular music",
      questions: [
        count("ensembles", "How many regular ensembles, choirs or bands does the school run?", 100),
        yesNo("hub-ensembles", "Do pupils take part in the hub's area ensembles or events?"),
        scale("performances", "How often do pupils get to perform, and to hear live music?"),
      ],
    },
    {
      id: "inclusion",
      title: "Inclusion and SEND",
      questions: [
        scale("send-access", "How well can pupils with SEND take part fully in music?"),
        yesNo("pupil-premium", "Does the school help disadvantaged pupils with the cost of lessons?"),
        notes("inclusion-notes", "What gets in the way of any pupil taking part?"),
      ],
    },
    {
      id: "assessment",
      title: "Assessment and progression",
      questions: [
        scale("assessment", "How well does the school know the progress pupils make in music?"),
        yesNo("records", "Are pupils' achievements in music recorded and passed on at transition?"),
      ],
    },
    {
      id: "leadership",
      title: "Leadership and the school development plan",
      questions: [
        {
          id: "music-lead",
          kind: "short_text",
          label: "Who leads music, and what is their role?",
          required: true,
        },
        yesNo("in-sdp", "Is music in the school development plan?"),
        yesNo("music-plan", "Does the school publish a music development plan?"),
        scale("senior-support", "How strongly do senior leaders support music?"),
      ],
    },
    {
      id: "cpd",
      title: "Staff skills and CPD",
      questions: [
        scale("teacher-confidence", "How confident do class teachers feel teaching music?"),
        yesNo("cpd-this-year", "Has any member of staff had music training this year?"),
        notes("cpd-wanted", "What training would help your staff most?"),
      ],
    },
    {
      id: "partnerships",
      title: "Partnerships",
      questions: [
        scale("partners", "How well does the school work with the hub and other music partners?"),
        yesNo("support-others", "Would the school be willing to support other schools with music?", false),
        notes("visit-hopes", "What would you most like the visit to help with?"),
      ],
    },
  ],
});
