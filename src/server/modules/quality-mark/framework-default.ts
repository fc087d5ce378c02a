import type { QmFramework, QmLevel, QmStandard, QmTheme } from "../../../shared/rules/quality-mark";

/**
 * The framework a hub starts with (its own words can replace it): four levels, each with one
 * standard per theme, building on the level below. Tutti's own wording, fictional guidance.
 */
type Row = [theme: QmTheme, title: string, guidance: string, evidence: string];

const ROWS: Record<QmLevel, Row[]> = {
  bronze: [
    [
      "curriculum",
      "Every class has a weekly music lesson",
      "Music is timetabled for every class, following a planned sequence.",
      "A timetable or curriculum map",
    ],
    [
      "singing",
      "Pupils sing together regularly",
      "Singing happens in assemblies and classrooms at least weekly.",
      "An assembly plan or a short recording",
    ],
    [
      "instrumental_ensemble",
      "Pupils can learn an instrument",
      "The school tells families how to take up an instrument.",
      "A letter or web page for families",
    ],
    [
      "inclusion",
      "Music is open to every pupil",
      "Costs are not a barrier for pupils eligible for free school meals.",
      "The charging and remissions policy",
    ],
    [
      "leadership",
      "Someone leads music",
      "A named member of staff leads music and has time to do so.",
      "The music lead's name and role",
    ],
    [
      "partnership",
      "The school works with the hub",
      "The school knows its hub contact and takes part in at least one offer.",
      "A record of a hub activity",
    ],
    [
      "progression",
      "Pupils' progress is noticed",
      "Teachers note what pupils can do in music at the end of each year.",
      "An example of assessment notes",
    ],
  ],
  silver: [
    [
      "curriculum",
      "The curriculum builds year on year",
      "Lessons build knowledge and skills in a planned order across the school.",
      "A progression map",
    ],
    [
      "singing",
      "A choir meets every week",
      "At least one choir or singing group meets weekly, open to all.",
      "The choir's register",
    ],
    [
      "instrumental_ensemble",
      "Pupils play in an ensemble",
      "Pupils learning instruments play together in school at least termly.",
      "An ensemble programme",
    ],
    [
      "inclusion",
      "Pupils with SEND take part fully",
      "Lessons and groups are adapted so pupils with SEND take part.",
      "Examples of adaptations",
    ],
    [
      "leadership",
      "A music development plan is in place",
      "The school has a current music development plan, shared with governors.",
      "The music development plan",
    ],
    [
      "partnership",
      "Pupils hear live music",
      "Pupils hear live performance at least once a year.",
      "A concert or visit record",
    ],
    [
      "progression",
      "Next steps are signposted",
      "Pupils who show interest are told about next steps beyond school.",
      "A signposting letter",
    ],
  ],
  gold: [
    [
      "curriculum",
      "Music is taught by confident staff",
      "Staff who teach music take part in training each year.",
      "A training record",
    ],
    [
      "singing",
      "Singing reaches the community",
      "Pupils sing at events beyond the school at least yearly.",
      "An event programme",
    ],
    [
      "instrumental_ensemble",
      "Ensembles at more than one level",
      "Ensembles serve beginners and more experienced players.",
      "Ensemble lists",
    ],
    [
      "inclusion",
      "Participation is monitored",
      "The school checks which groups take part and acts on gaps.",
      "Participation figures by group",
    ],
    [
      "leadership",
      "Leaders review music's impact",
      "Senior leaders review music's impact each year and set priorities.",
      "A review note",
    ],
    [
      "partnership",
      "The school works with other schools",
      "The school shares practice or performs with other schools.",
      "A joint project record",
    ],
    [
      "progression",
      "Progress is tracked and acted on",
      "Progress in music is tracked and used to plan teaching.",
      "A tracking summary",
    ],
  ],
  platinum: [
    [
      "leadership",
      "The school supports other schools",
      "The school helps other schools develop their music.",
      "A record of support given",
    ],
    [
      "partnership",
      "The school is a partner in the hub's plan",
      "The school contributes to the hub's local plan.",
      "A plan contribution",
    ],
    [
      "inclusion",
      "Inclusive practice is shared",
      "The school shares its inclusive practice beyond its walls.",
      "A shared resource",
    ],
    [
      "progression",
      "Pupils progress into further music",
      "Pupils go on to further music-making after leaving.",
      "Destination figures",
    ],
  ],
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 30);

export const defaultFramework = (): QmFramework => ({
  levels: (Object.keys(ROWS) as QmLevel[]).map((code) => ({
    code,
    label: code[0]?.toUpperCase() + code.slice(1),
    standards: ROWS[code].map(
      ([theme, title, guidance, evidenceExpected]): QmStandard => ({
        id: `${code[0]}-${slug(title)}`,
        theme,
        title,
        guidance,
        evidenceExpected,
      }),
    ),
  })),
});
