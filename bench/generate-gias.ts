/**
 * Generates a realistic, entirely fictional national GIAS establishment extract for benchmarks:
 *
 *   npx tsx bench/generate-gias.ts --rows 50000 --out bench/out/edubasealldata.csv [--seed 1]
 *
 * Windows-1252, the full 2023 header (140 columns), every value quoted but the URN, dd-mm-yyyy
 * dates, CRLF line ends, sorted by URN, like the real download. About 150 local authorities
 * with real-looking codes and invented names, schools clustered around each LA on the British
 * National Grid, the national mix of phases and types, about a quarter closed, a few accented
 * and curly-apostrophe names. The same seed always gives the same bytes. Output is streamed.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";
import { GIAS_COLUMNS_2023 } from "../src/server/modules/schools/gias/gias-columns.ts";
import { createRng, type Rng } from "../src/shared/rules/prng.ts";

// ---------------------------------------------------------------------------------------------
// Word lists (invented place and family names; no real people).

const PLACE_START: readonly string[] = (
  "Ash Bram Carr Dun Elm Fen Glen Hart Ivy Kings Lang Mar Nor Oak Pen Quar Rush Stan Thorn Up Wyn " +
  "Yar Brad Chel Del Hol Kel Mel Wes Bex Cot Dray Eas Farn Gos Hen Ick Lud Mor Ned Ot Pid Red Sel " +
  "Tad Ul Ven Wat Alder Birch Cran Frog Hazel Lark Moss Rook Sand Wil Brock Clay Fox Hay Lin Mill " +
  "Swan"
).split(" ");
const PLACE_END: readonly string[] = (
  "ford ley bury ham wick ton field mouth stead worth by combe dale minster borough brook well " +
  "hurst cote thorpe den mere gate bridge marsh holme wood cliffe stoke haven"
).split(" ");
const COMPASS = ["North", "South", "East", "West", "Upper", "Lower", "Great", "Little"] as const;
const NATURE: readonly string[] = (
  "Oakwood Willow Meadow Riverside Hillside Beech Rowan Cedar Heather Orchard Springfield Brookside " +
  "Fernhill Larkrise Kestrel Bluebell Hawthorn Primrose Sycamore Woodland Highfield Greenacre " +
  "Lakeside Moorland Parkside"
).split(" ");
const CHURCH = [
  "Holy Trinity",
  "Christ Church",
  "All Saints",
  "Sacred Heart",
  "Holy Family",
  "Holy Cross",
  "Good Shepherd",
  "Emmanuel",
  "Our Lady",
  "Holy Spirit",
  "Trinity",
] as const;
const FIRST_NAMES: readonly string[] = (
  "Alex Amira Ben Chloe Daniel Eleanor Farah George Hannah Imran Jade Kieran Laura Mohammed Nadia " +
  "Oliver Priya Rachel Samuel Tara Usman Victoria William Yasmin Zoe Catherine David Emma Gareth " +
  "Helen James Karen Lucy Mark Natalie Paul Sarah Thomas Claire Michael Joanne"
).split(" ");
const SURNAME_END = ["worth", "combe", "ley", "ton", "by", "field", "well", "more", "stone", "wood"] as const;
const ACCENTED_NAMES = [
  "École Française Saint-Étienne",
  "Lycée Fierté International School",
  "Crèche Les Étoiles Nursery",
  "Pâquerette House School",
  "Noël Meadow Primary School",
  "Ysgol Gynradd Bryn Tâf",
  "Château Vale Preparatory School",
  "FIERTÉ Academy",
] as const;

// ---------------------------------------------------------------------------------------------
// GIAS vocabularies.

type Code = readonly [code: string, name: string];
type TypeDef = readonly [type: Code, group: Code];

const GROUP = {
  colleges: ["1", "Colleges"],
  universities: ["2", "Universities"],
  independent: ["3", "Independent schools"],
  maintained: ["4", "Local authority maintained schools"],
  special: ["5", "Special schools"],
  welsh: ["6", "Welsh schools"],
  other: ["9", "Other types"],
  academies: ["10", "Academies"],
  free: ["11", "Free Schools"],
  online: ["13", "Online provider"],
} as const satisfies Record<string, Code>;

const T = (code: string, name: string, group: Code): TypeDef => [[code, name], group];
const TYPE = {
  community: T("01", "Community school", GROUP.maintained),
  va: T("02", "Voluntary aided school", GROUP.maintained),
  vc: T("03", "Voluntary controlled school", GROUP.maintained),
  foundation: T("05", "Foundation school", GROUP.maintained),
  ctc: T("06", "City technology college", GROUP.independent),
  communitySpecial: T("07", "Community special school", GROUP.special),
  nonMaintainedSpecial: T("08", "Non-maintained special school", GROUP.special),
  independentSpecial: T("10", "Other independent special school", GROUP.independent),
  independent: T("11", "Other independent school", GROUP.independent),
  foundationSpecial: T("12", "Foundation special school", GROUP.special),
  pru: T("14", "Pupil referral unit", GROUP.maintained),
  laNursery: T("15", "Local authority nursery school", GROUP.maintained),
  fe: T("18", "Further education", GROUP.colleges),
  secure: T("24", "Secure units", GROUP.other),
  offshore: T("25", "Offshore schools", GROUP.other),
  serviceChildren: T("26", "Service children's education", GROUP.other),
  misc: T("27", "Miscellaneous", GROUP.other),
  academySponsor: T("28", "Academy sponsor led", GROUP.academies),
  he: T("29", "Higher education institutions", GROUP.universities),
  welsh: T("30", "Welsh establishment", GROUP.welsh),
  sixthFormCentre: T("31", "Sixth form centres", GROUP.colleges),
  specialPost16: T("32", "Special post 16 institution", GROUP.colleges),
  academySpecialSponsor: T("33", "Academy special sponsor led", GROUP.academies),
  academyConverter: T("34", "Academy converter", GROUP.academies),
  free: T("35", "Free schools", GROUP.free),
  freeSpecial: T("36", "Free schools special", GROUP.free),
  bso: T("37", "British schools overseas", GROUP.other),
  freeAp: T("38", "Free schools alternative provision", GROUP.free),
  free1619: T("39", "Free schools 16 to 19", GROUP.free),
  utc: T("40", "University technical college", GROUP.free),
  studio: T("41", "Studio schools", GROUP.free),
  academyApConverter: T("42", "Academy alternative provision converter", GROUP.academies),
  academyApSponsor: T("43", "Academy alternative provision sponsor led", GROUP.academies),
  academySpecialConverter: T("44", "Academy special converter", GROUP.academies),
  academy1619Converter: T("45", "Academy 16-19 converter", GROUP.academies),
  academy1619Sponsor: T("46", "Academy 16 to 19 sponsor led", GROUP.academies),
  childrensCentre: T("47", "Children's centre", GROUP.other),
  childrensCentreLinked: T("48", "Children's centre linked site", GROUP.other),
  online: T("49", "Online provider", GROUP.online),
  otherGovernment: T("56", "Institution funded by other government department", GROUP.other),
} as const satisfies Record<string, TypeDef>;

const PHASE = {
  na: ["0", "Not applicable"],
  nursery: ["1", "Nursery"],
  primary: ["2", "Primary"],
  middlePrimary: ["3", "Middle deemed primary"],
  secondary: ["4", "Secondary"],
  middleSecondary: ["5", "Middle deemed secondary"],
  sixteenPlus: ["6", "16 plus"],
  allThrough: ["7", "All-through"],
} as const satisfies Record<string, Code>;

const REGIONS = [
  { gor: ["A", "North East"], e: 420000, n: 560000, rsc: "North" },
  { gor: ["B", "North West"], e: 360000, n: 420000, rsc: "Lancashire and West Yorkshire" },
  { gor: ["D", "Yorkshire and the Humber"], e: 440000, n: 440000, rsc: "Lancashire and West Yorkshire" },
  { gor: ["E", "East Midlands"], e: 460000, n: 330000, rsc: "East Midlands and the Humber" },
  { gor: ["F", "West Midlands"], e: 390000, n: 290000, rsc: "West Midlands" },
  { gor: ["G", "East of England"], e: 570000, n: 260000, rsc: "East of England and North-East London" },
  { gor: ["H", "London"], e: 530000, n: 180000, rsc: "South-East England and South London" },
  { gor: ["J", "South East"], e: 480000, n: 150000, rsc: "South-East England and South London" },
  { gor: ["K", "South West"], e: 300000, n: 100000, rsc: "South-West England" },
] as const;
type Region = (typeof REGIONS)[number];

const URBAN_RURAL: readonly (readonly [Code, number])[] = [
  [["C1", "(England/Wales) Urban city and town"], 45],
  [["A1", "(England/Wales) Urban major conurbation"], 15],
  [["B1", "(England/Wales) Urban minor conurbation"], 4],
  [["D1", "(England/Wales) Rural town and fringe"], 14],
  [["E1", "(England/Wales) Rural village"], 16],
  [["F1", "(England/Wales) Rural hamlet and isolated dwellings"], 4],
  [["E2", "(England/Wales) Rural village in a sparse setting"], 2],
];

const OFSTED: readonly (readonly [string, number])[] = [
  ["Good", 60],
  ["Outstanding", 15],
  ["Requires improvement", 18],
  ["Inadequate", 3],
  ["Serious Weaknesses", 2],
  ["Special Measures", 2],
];

const SEN_TYPES = [
  "SpLD - Specific Learning Difficulty",
  "MLD - Moderate Learning Difficulty",
  "SLD - Severe Learning Difficulty",
  "PMLD - Profound and Multiple Learning Difficulty",
  "SEMH - Social, Emotional and Mental Health",
  "SLCN - Speech, language and Communication",
  "HI - Hearing Impairment",
  "VI - Visual Impairment",
  "MSI - Multi-Sensory Impairment",
  "PD - Physical Disability",
  "ASD - Autistic Spectrum Disorder",
  "OTH - Other Difficulty/Disability",
] as const;

const CLOSE_REASONS: readonly Code[] = [
  ["01", "Result of Amalgamation/Merger"],
  ["10", "Academy Converter"],
  ["11", "Academy Sponsor Led"],
  ["02", "Closure"],
  ["03", "Merged - expansion of existing school"],
  ["99", "Other"],
];

// ---------------------------------------------------------------------------------------------
// Local authorities.

type LocalAuthority = {
  code: string;
  name: string;
  kind: "london" | "metropolitan" | "unitary" | "county";
  region: Region;
  gss: string;
  e: number;
  n: number;
  spread: number;
  weight: number;
  towns: string[];
  trusts: string[];
  postcodeArea: string;
};

const E_MIN = 130_000;
const E_MAX = 655_000;
const N_MIN = 10_000;
const N_MAX = 660_000;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
/** A normal draw inside [lo, hi], redrawn rather than clamped, so no schools pile up on the edge. */
const inRange = (rng: Rng, mean: number, sd: number, lo: number, hi: number): number => {
  for (let tries = 0; tries < 20; tries++) {
    const x = rng.normal(mean, sd);
    if (x >= lo && x <= hi) return x;
  }
  return clamp(mean, lo, hi);
};

const regionByGor = (letter: string): Region => REGIONS.find((r) => r.gor[0] === letter) ?? REGIONS[0];

const buildLocalAuthorities = (rng: Rng): LocalAuthority[] => {
  const usedNames = new Set<string>();
  const placeName = (): string => {
    for (;;) {
      const name = `${rng.pick(PLACE_START)}${rng.pick(PLACE_END)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const codes: { code: number; kind: LocalAuthority["kind"]; region: Region }[] = [];
  const add = (from: number, to: number, kind: LocalAuthority["kind"], gor: string | null): void => {
    for (let code = from; code <= to; code++) {
      codes.push({
        code,
        kind,
        region: gor === null ? rng.pick(REGIONS.filter((r) => r.gor[0] !== "H")) : regionByGor(gor),
      });
    }
  };
  add(201, 213, "london", "H");
  add(301, 320, "london", "H");
  add(330, 336, "metropolitan", "F");
  add(340, 344, "metropolitan", "B");
  add(350, 359, "metropolitan", "B");
  add(370, 373, "metropolitan", "D");
  add(380, 384, "metropolitan", "D");
  add(390, 394, "metropolitan", "A");
  // Unitaries (800–896) and counties (908–938): a seeded selection, to about 150 LAs in all.
  const rest = [
    ...Array.from({ length: 97 }, (_, i) => ({ code: 800 + i, kind: "unitary" as const })),
    ...Array.from({ length: 31 }, (_, i) => ({ code: 908 + i, kind: "county" as const })),
  ].filter(() => rng.chance(81 / 128));
  for (const { code, kind } of rest) add(code, code, kind, null);

  const gssCounter = { london: 0, metropolitan: 0, unitary: 0, county: 0 };
  const gssPrefix = { london: "E09", metropolitan: "E08", unitary: "E06", county: "E10" };
  return codes.map(({ code, kind, region }) => {
    const base = placeName();
    const centreSd = kind === "london" ? 7_000 : kind === "metropolitan" ? 25_000 : 55_000;
    gssCounter[kind]++;
    return {
      code: String(code),
      name:
        kind === "county"
          ? `${base}shire`
          : kind === "london"
            ? base
            : rng.chance(0.2)
              ? `City of ${base}`
              : base,
      kind,
      region,
      gss: `${gssPrefix[kind]}${String(gssCounter[kind]).padStart(6, "0")}`,
      e: Math.round(clamp(rng.normal(region.e, centreSd), E_MIN + 20_000, E_MAX - 20_000)),
      n: Math.round(clamp(rng.normal(region.n, centreSd), N_MIN + 20_000, N_MAX - 20_000)),
      spread:
        kind === "london"
          ? rng.int(2_000, 3_500)
          : kind === "metropolitan"
            ? rng.int(4_000, 7_000)
            : kind === "unitary"
              ? rng.int(4_000, 9_000)
              : rng.int(18_000, 32_000),
      weight: kind === "county" ? rng.int(5, 9) : kind === "unitary" ? rng.int(1, 3) : rng.int(2, 3),
      towns: Array.from({ length: kind === "county" ? rng.int(8, 16) : rng.int(2, 6) }, () =>
        rng.chance(0.15) ? `${rng.pick(COMPASS)} ${placeName()}` : placeName(),
      ),
      trusts: Array.from({ length: rng.int(4, 14) }, () => {
        const stem = rng.chance(0.5) ? placeName() : rng.pick(NATURE);
        return rng.pick([
          `THE ${stem.toUpperCase()} LEARNING TRUST`,
          `${stem.toUpperCase()} ACADEMIES TRUST`,
          `${stem.toUpperCase()} MULTI ACADEMY TRUST`,
          `${stem.toUpperCase()} EDUCATION PARTNERSHIP`,
        ]);
      }),
      postcodeArea: `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`,
    };
  });
};

// ---------------------------------------------------------------------------------------------
// Kinds of establishment and their national mix (weights per 50,000 rows).

type Kind =
  | "primary"
  | "secondary"
  | "special"
  | "ap"
  | "nursery"
  | "independent"
  | "sixteenPlus"
  | "allThrough"
  | "middle"
  | "welsh"
  | "childrensCentre"
  | "other";

const KIND_MIX: readonly (readonly [Kind, number])[] = [
  ["primary", 22_400],
  ["secondary", 4_530],
  ["special", 1_330],
  ["ap", 470],
  ["nursery", 600],
  ["independent", 7_700],
  ["sixteenPlus", 1_800],
  ["allThrough", 400],
  ["middle", 450],
  ["welsh", 2_000],
  ["childrensCentre", 5_000],
  ["other", 3_320],
];

const CLOSED_SHARE: Record<Kind, number> = {
  primary: 0.25,
  secondary: 0.25,
  special: 0.25,
  ap: 0.25,
  nursery: 0.3,
  independent: 0.25,
  sixteenPlus: 0.25,
  allThrough: 0.15,
  middle: 0.45,
  welsh: 0.2,
  childrensCentre: 0.4,
  other: 0.25,
};

const TYPE_MIX: Record<Kind, readonly (readonly [TypeDef, number])[]> = {
  primary: [
    [TYPE.community, 35],
    [TYPE.va, 10],
    [TYPE.vc, 8],
    [TYPE.foundation, 4],
    [TYPE.academyConverter, 28],
    [TYPE.academySponsor, 10],
    [TYPE.free, 5],
  ],
  secondary: [
    [TYPE.community, 12],
    [TYPE.va, 5],
    [TYPE.foundation, 5],
    [TYPE.academyConverter, 45],
    [TYPE.academySponsor, 22],
    [TYPE.free, 6],
    [TYPE.utc, 2],
    [TYPE.studio, 2],
    [TYPE.ctc, 1],
  ],
  special: [
    [TYPE.communitySpecial, 45],
    [TYPE.foundationSpecial, 5],
    [TYPE.academySpecialConverter, 25],
    [TYPE.academySpecialSponsor, 8],
    [TYPE.freeSpecial, 7],
    [TYPE.nonMaintainedSpecial, 5],
    [TYPE.specialPost16, 2],
    [TYPE.independentSpecial, 3],
  ],
  ap: [
    [TYPE.pru, 55],
    [TYPE.academyApConverter, 20],
    [TYPE.academyApSponsor, 15],
    [TYPE.freeAp, 10],
  ],
  nursery: [[TYPE.laNursery, 1]],
  independent: [[TYPE.independent, 1]],
  sixteenPlus: [
    [TYPE.fe, 35],
    [TYPE.sixthFormCentre, 20],
    [TYPE.academy1619Converter, 15],
    [TYPE.free1619, 20],
    [TYPE.academy1619Sponsor, 10],
  ],
  allThrough: [
    [TYPE.academyConverter, 40],
    [TYPE.academySponsor, 25],
    [TYPE.free, 25],
    [TYPE.community, 10],
  ],
  middle: [
    [TYPE.community, 40],
    [TYPE.academyConverter, 40],
    [TYPE.vc, 20],
  ],
  welsh: [[TYPE.welsh, 1]],
  childrensCentre: [
    [TYPE.childrensCentre, 4],
    [TYPE.childrensCentreLinked, 1],
  ],
  other: [
    [TYPE.he, 10],
    [TYPE.online, 3],
    [TYPE.bso, 25],
    [TYPE.offshore, 2],
    [TYPE.secure, 3],
    [TYPE.serviceChildren, 2],
    [TYPE.otherGovernment, 5],
    [TYPE.misc, 50],
  ],
};

const isAcademyOrFree = (group: Code): boolean => group === GROUP.academies || group === GROUP.free;
const isStateFunded = (group: Code): boolean =>
  group === GROUP.maintained || group === GROUP.special || isAcademyOrFree(group);

// ---------------------------------------------------------------------------------------------
// One row.

const pad2 = (n: number): string => String(n).padStart(2, "0");
const dmy = (rng: Rng, fromYear: number, toYear: number): string =>
  `${pad2(rng.int(1, 28))}-${pad2(rng.int(1, 12))}-${rng.int(fromYear, toYear)}`;
const q = (value: string | number): string => {
  const s = String(value);
  return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
};
const slug = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/[^A-Za-z0-9 ]/g, "")
    .trim()
    .toLowerCase()
    .replace(/ +/g, "-");

const COLUMN_INDEX = new Map(GIAS_COLUMNS_2023.map((c, i) => [c, i]));
const EMPTY_ROW = GIAS_COLUMNS_2023.map(() => '""');
const SEN_FIRST = GIAS_COLUMNS_2023.indexOf("SEN1 (name)");
let valueColumns: number[] | null = null;

type RowContext = {
  rng: Rng;
  la: LocalAuthority;
  urn: number;
  kind: Kind;
  establishmentNumbers: Map<string, number>;
  surnames: readonly string[];
};

type GeneratedRow = { line: string; phase: string; closed: boolean };

const nextEstablishmentNumber = (ctx: RowContext, base: number, size: number): string => {
  const key = `${ctx.la.code}:${base}`;
  const used = ctx.establishmentNumbers.get(key) ?? 0;
  ctx.establishmentNumbers.set(key, used + 1);
  return String(base + ((used * 7 + 1) % size));
};

const schoolName = (rng: Rng, kind: Kind, type: TypeDef, town: string, phase: Code): string => {
  if (rng.chance(0.004)) return rng.pick(ACCENTED_NAMES);
  const church = type === TYPE.va || type === TYPE.vc;
  const place = rng.chance(0.5) ? town : rng.pick(NATURE);
  switch (kind) {
    case "primary":
      if (church) {
        const apostrophe = rng.chance(0.05) ? "’" : "'"; // GIAS has the odd curly apostrophe
        return rng.chance(0.5)
          ? `${rng.pick(CHURCH)} CE Primary School`
          : `${rng.pick(CHURCH)} Catholic Primary School, ${town}`.replace(
              "Our Lady",
              `Our Lady${apostrophe}s`,
            );
      }
      if (isAcademyOrFree(type[1]))
        return `${place} ${rng.pick(["Primary Academy", "Academy", "Primary School"])}`;
      return rng.weighted([
        [`${place} Primary School`, 6],
        [`${place} Infant School`, 1],
        [`${place} Junior School`, 1],
        [`${place} Community Primary School`, 2],
      ]);
    case "secondary":
      if (type === TYPE.utc) return `${town} University Technical College`;
      if (type === TYPE.studio) return `${town} Studio School`;
      if (church) return `${rng.pick(CHURCH)} ${rng.pick(["Catholic High School", "CE Academy", "School"])}`;
      return rng.weighted([
        [`${place} High School`, 4],
        [`${place} Academy`, 4],
        [`${place} School`, 2],
        [`${town} Grammar School`, 1],
        [`${place} Community College`, 1],
      ]);
    case "special":
      return rng.pick([
        `${place} School`,
        `${rng.pick(NATURE)} Special School`,
        `${place} Academy`,
        `${place} House`,
      ]);
    case "ap":
      return rng.pick([
        `${town} Pupil Referral Unit`,
        `${place} Centre`,
        `${place} Academy`,
        `${town} Short Stay School`,
      ]);
    case "nursery":
      return rng.pick([`${place} Nursery School`, `${town} Children's Centre and Nursery School`]);
    case "independent":
      return rng.pick([
        `${place} School`,
        `${place} Preparatory School`,
        `${place} College`,
        `${place} House School`,
        `${place} Montessori School`,
        `${place} Day Nursery and School`,
      ]);
    case "sixteenPlus":
      return type === TYPE.fe
        ? `${town} College`
        : rng.pick([`${town} Sixth Form College`, `${place} 16-19 Academy`]);
    case "allThrough":
      return rng.pick([`${place} All-Through School`, `${place} Academy`, `${town} School`]);
    case "middle":
      return `${place} Middle School`;
    case "welsh":
      return rng.pick([`Ysgol ${town}`, `Ysgol Gynradd ${town}`, `${town} Comprehensive School`]);
    case "childrensCentre":
      return `${place} Children's Centre`;
    case "other":
      if (type === TYPE.he) return `University of ${town}`;
      if (type === TYPE.bso) return `British School of ${town}`;
      if (type === TYPE.online) return `${place} Online School`;
      if (type === TYPE.secure) return `${town} Secure Children's Home`;
      return `${place} ${phase[1] === "Not applicable" ? "Learning Centre" : "School"}`;
  }
};

const generateRow = (ctx: RowContext): GeneratedRow => {
  const { rng, la, kind } = ctx;
  const type = rng.weighted(TYPE_MIX[kind]);
  const [typeCode, group] = type;
  const stateFunded = isStateFunded(group);
  const academy = isAcademyOrFree(group);

  // Phase, ages, size.
  let phase: Code = PHASE.na;
  let low = 0;
  let high = 0;
  let pupilMean = 0;
  let pupilSd = 0;
  let estBase = 9000;
  let estSize = 1000;
  let sixthForm: Code = ["9", "Not applicable"];
  switch (kind) {
    case "primary":
      phase = PHASE.primary;
      [low, high] = rng.weighted([
        [[4, 11], 70],
        [[3, 11], 20],
        [[4, 7], 5],
        [[7, 11], 5],
      ] as const);
      [pupilMean, pupilSd, estBase, estSize] = [290, 120, 2000, 2000];
      sixthForm = ["2", "Does not have a sixth form"];
      break;
    case "secondary":
      phase = PHASE.secondary;
      sixthForm = rng.chance(0.55) ? ["1", "Has a sixth form"] : ["2", "Does not have a sixth form"];
      [low, high] = [11, sixthForm[0] === "1" ? 18 : 16];
      [pupilMean, pupilSd, estBase, estSize] = [1050, 350, 4000, 2000];
      break;
    case "special":
      phase = rng.weighted<Code>([
        [PHASE.na, 60],
        [PHASE.primary, 12],
        [PHASE.secondary, 18],
        [PHASE.allThrough, 10],
      ]);
      [low, high] = rng.pick([
        [2, 19],
        [3, 11],
        [11, 19],
        [4, 19],
      ] as const);
      [pupilMean, pupilSd, estBase, estSize] = [130, 55, 7000, 1000];
      break;
    case "ap":
      phase = rng.weighted<Code>([
        [PHASE.na, 55],
        [PHASE.secondary, 35],
        [PHASE.primary, 10],
      ]);
      [low, high] = rng.pick([
        [11, 16],
        [5, 16],
        [4, 11],
      ] as const);
      [pupilMean, pupilSd, estBase, estSize] = [45, 25, 1100, 100];
      break;
    case "nursery":
      phase = PHASE.nursery;
      [low, high] = rng.pick([
        [2, 5],
        [3, 5],
      ] as const);
      [pupilMean, pupilSd, estBase, estSize] = [95, 30, 1000, 100];
      break;
    case "independent":
      phase = rng.weighted<Code>([
        [PHASE.na, 70],
        [PHASE.allThrough, 10],
        [PHASE.primary, 10],
        [PHASE.secondary, 10],
      ]);
      [low, high] = rng.pick([
        [3, 18],
        [2, 11],
        [11, 18],
        [7, 16],
        [4, 13],
      ] as const);
      [pupilMean, pupilSd, estBase, estSize] = [320, 260, 6000, 1000];
      break;
    case "sixteenPlus":
      phase = PHASE.sixteenPlus;
      [low, high] = type === TYPE.fe ? [16, 99] : [16, 19];
      [pupilMean, pupilSd, estBase, estSize] = [900, 600, 8000, 1000];
      sixthForm = ["1", "Has a sixth form"];
      break;
    case "allThrough":
      phase = PHASE.allThrough;
      [low, high] = rng.pick([
        [3, 18],
        [4, 18],
        [4, 19],
      ] as const);
      [pupilMean, pupilSd, estBase, estSize] = [1400, 400, 4000, 2000];
      sixthForm = ["1", "Has a sixth form"];
      break;
    case "middle":
      phase = rng.chance(0.5) ? PHASE.middlePrimary : PHASE.middleSecondary;
      [low, high] = phase === PHASE.middlePrimary ? [8, 12] : [9, 13];
      [pupilMean, pupilSd, estBase, estSize] = [420, 120, 2000, 3000];
      sixthForm = ["2", "Does not have a sixth form"];
      break;
    case "welsh":
      phase = PHASE.na;
      break;
    case "childrensCentre":
      phase = PHASE.na;
      [low, high] = [0, 5];
      break;
    case "other":
      phase = PHASE.na;
      break;
  }

  // Status and dates.
  const closed = rng.chance(CLOSED_SHARE[kind]);
  const status: Code = closed
    ? ["2", "Closed"]
    : rng.weighted([
        [["1", "Open"], 975],
        [["3", "Open, but proposed to close"], 20],
        [["4", "Proposed to open"], 5],
      ] as const);
  const proposed = status[0] === "4";
  const openDate = proposed
    ? dmy(rng, 2025, 2026)
    : academy
      ? dmy(rng, 2010, 2024)
      : rng.chance(0.3)
        ? dmy(rng, 1950, 2009)
        : "";
  const closeDate = closed ? dmy(rng, 2000, 2024) : status[0] === "3" ? dmy(rng, 2025, 2025) : "";
  const live = !closed && !proposed;

  // People and places.
  const town = rng.pick(la.towns);
  const name = schoolName(rng, kind, type, town, phase);
  const pupils =
    live && pupilMean > 0 && kind !== "childrensCentre"
      ? Math.max(kind === "ap" ? 3 : 10, Math.round(rng.normal(pupilMean, pupilSd)))
      : null;
  const fsmPct = pupils !== null && stateFunded ? clamp(rng.normal(23, 12), 0, 85) : null;
  const boys = pupils === null ? null : Math.round(pupils * clamp(rng.normal(0.51, 0.03), 0, 1));
  const headTitle = rng.weighted([
    ["Mr", 35],
    ["Mrs", 35],
    ["Ms", 15],
    ["Miss", 10],
    ["Dr", 5],
  ]);
  const hasHead = live && kind !== "childrensCentre" && rng.chance(0.96);
  const easting = Math.round(inRange(rng, la.e, la.spread, E_MIN, E_MAX));
  const northing = Math.round(inRange(rng, la.n, la.spread, N_MIN, N_MAX));
  const hasLocation = rng.chance(0.99);
  const urbanRural = la.kind === "london" ? (URBAN_RURAL[1]?.[0] ?? ["", ""]) : rng.weighted(URBAN_RURAL);
  const district =
    la.kind === "county" ? town.replace(/^(North|South|East|West|Upper|Lower|Great|Little) /, "") : la.name;
  const constituency = rng.chance(0.5) ? `${town} and ${rng.pick(la.towns)}` : `${town} ${rng.pick(COMPASS)}`;
  const trust = academy ? rng.pick(la.trusts) : "";
  const religious: Code =
    type === TYPE.va || type === TYPE.vc
      ? name.includes("Catholic")
        ? ["03", "Roman Catholic"]
        : ["02", "Church of England"]
      : stateFunded
        ? ["00", "Does not apply"]
        : ["99", "None"];
  const ofsted = live && stateFunded && rng.chance(0.92) ? rng.weighted(OFSTED) : "";
  const senCount = kind === "special" ? rng.int(1, 4) : stateFunded && rng.chance(0.06) ? rng.int(1, 2) : 0;
  const sen: string[] = [];
  while (sen.length < senCount) {
    const s = rng.pick(SEN_TYPES);
    if (!sen.includes(s)) sen.push(s);
  }
  const resourced = kind !== "special" && senCount > 0;
  const postcode = `${la.postcodeArea}${rng.int(1, 30)} ${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`;
  const ward = `${town} ${rng.pick(["Central", "North", "South", "East", "West", "Park", "Green"])}`;
  const msoa = `${district} ${String(rng.int(1, 40)).padStart(3, "0")}`;
  const establishmentNumber =
    kind === "other" || kind === "childrensCentre" ? "" : nextEstablishmentNumber(ctx, estBase, estSize);
  const street = `${rng.int(1, 120)} ${rng.pick(NATURE)} ${rng.pick(["Road", "Lane", "Avenue", "Street", "Way", "Close"])}`;
  const website = rng.chance(0.8) && !closed ? `www.${slug(name)}.example.sch.uk` : "";

  const values = {
    "LA (code)": la.code,
    "LA (name)": la.name,
    EstablishmentNumber: establishmentNumber,
    EstablishmentName: name,
    "TypeOfEstablishment (code)": typeCode[0],
    "TypeOfEstablishment (name)": typeCode[1],
    "EstablishmentTypeGroup (code)": group[0],
    "EstablishmentTypeGroup (name)": group[1],
    "EstablishmentStatus (code)": status[0],
    "EstablishmentStatus (name)": status[1],
    "ReasonEstablishmentOpened (code)": academy ? "10" : "00",
    "ReasonEstablishmentOpened (name)": academy ? "Academy Converter" : "Not applicable",
    OpenDate: openDate,
    "ReasonEstablishmentClosed (code)": closed ? rng.pick(CLOSE_REASONS)[0] : "00",
    "ReasonEstablishmentClosed (name)": "Not applicable",
    CloseDate: closeDate,
    "PhaseOfEducation (code)": phase[0],
    "PhaseOfEducation (name)": phase[1],
    StatutoryLowAge: high > 0 ? low : "",
    StatutoryHighAge: high > 0 ? high : "",
    "Boarders (code)": "1",
    "Boarders (name)": "No boarders",
    "NurseryProvision (name)": kind === "primary" && low === 3 ? "Has Nursery Classes" : "No Nursery Classes",
    "OfficialSixthForm (code)": sixthForm[0],
    "OfficialSixthForm (name)": sixthForm[1],
    "Gender (code)": "3",
    "Gender (name)": "Mixed",
    "ReligiousCharacter (code)": religious[0],
    "ReligiousCharacter (name)": religious[1],
    "ReligiousEthos (name)": religious[0] === "02" || religious[0] === "03" ? religious[1] : "Does not apply",
    "Diocese (code)": religious[0] === "02" || religious[0] === "03" ? `CE${la.code.slice(1)}` : "0000",
    "Diocese (name)":
      religious[0] === "02" || religious[0] === "03" ? `Diocese of ${la.name}` : "Not applicable",
    "AdmissionsPolicy (code)": stateFunded ? "1" : "0",
    "AdmissionsPolicy (name)": stateFunded ? "Non-selective" : "Not applicable",
    SchoolCapacity: pupils === null ? "" : Math.round(pupils * clamp(rng.normal(1.08, 0.1), 0.8, 1.6)),
    "SpecialClasses (code)": resourced ? "1" : "2",
    "SpecialClasses (name)": resourced ? "Has Special Classes" : "No Special Classes",
    CensusDate: pupils === null ? "" : "19-01-2023",
    NumberOfPupils: pupils ?? "",
    NumberOfBoys: boys ?? "",
    NumberOfGirls: pupils === null || boys === null ? "" : pupils - boys,
    PercentageFSM: fsmPct === null ? "" : fsmPct.toFixed(1),
    "TrustSchoolFlag (code)": academy ? "5" : "0",
    "TrustSchoolFlag (name)": academy ? "Supported by a multi-academy trust" : "Not applicable",
    "Trusts (code)": academy ? String(1000 + (la.trusts.indexOf(trust) + 1) * 37 + Number(la.code)) : "",
    "Trusts (name)": trust,
    "SchoolSponsorFlag (name)":
      academy && type === TYPE.academySponsor ? "Linked to a sponsor" : "Not applicable",
    "SchoolSponsors (name)": academy && type === TYPE.academySponsor ? trust.replace(/ TRUST$/, "") : "",
    "FederationFlag (name)": "Not under a federation",
    UKPRN: live && kind !== "childrensCentre" ? 10_000_000 + ((ctx.urn * 7919) % 9_000_000) : "",
    "FurtherEducationType (name)": type === TYPE.fe ? "General Further Education College" : "Not applicable",
    OfstedLastInsp: ofsted === "" ? "" : dmy(rng, 2012, 2023),
    "OfstedSpecialMeasures (code)": "0",
    "OfstedSpecialMeasures (name)": "Not applicable",
    LastChangedDate: dmy(rng, 2022, 2023),
    Street: street,
    Locality: rng.chance(0.3) ? `${rng.pick(NATURE)} Estate` : "",
    Address3: "",
    Town: town,
    "County (name)": la.kind === "county" ? la.name : "",
    Postcode: postcode,
    SchoolWebsite: website,
    TelephoneNum: live ? `01632 960${String(rng.int(0, 999)).padStart(3, "0")}` : "",
    "HeadTitle (name)": hasHead ? headTitle : "",
    HeadFirstName: hasHead ? rng.pick(FIRST_NAMES) : "",
    HeadLastName: hasHead ? rng.pick(ctx.surnames) : "",
    HeadPreferredJobTitle: hasHead
      ? rng.weighted([
          [academy ? "Principal" : "Headteacher", 75],
          ["Head of School", 10],
          ["Executive Headteacher", 8],
          ["Acting Headteacher", 7],
        ])
      : "",
    "BSOInspectorateName (name)": "Not applicable",
    "TeenMoth (name)": "Not applicable",
    "CCF (name)": "Not applicable",
    "SENPRU (name)": "Not applicable",
    "EBD (name)": "Not applicable",
    "FTProv (name)": "",
    "EdByOther (name)": "Not applicable",
    "Section41Approved (name)": kind === "independent" && rng.chance(0.05) ? "Approved" : "Not applicable",
    "TypeOfResourcedProvision (name)": resourced
      ? rng.pick(["Resourced provision", "SEN unit"])
      : "Not applicable",
    ResourcedProvisionOnRoll: resourced ? rng.int(4, 20) : "",
    ResourcedProvisionCapacity: resourced ? rng.int(8, 24) : "",
    "GOR (code)": la.region.gor[0],
    "GOR (name)": la.region.gor[1],
    "DistrictAdministrative (code)": la.gss.replace(/^E10/, "E07"),
    "DistrictAdministrative (name)": district,
    "AdministrativeWard (code)": `E05${String(10_000 + ((ctx.urn * 31) % 90_000)).padStart(6, "0")}`,
    "AdministrativeWard (name)": ward,
    "ParliamentaryConstituency (code)": `E14${String(1000 + (ctx.urn % 600)).padStart(6, "0")}`,
    "ParliamentaryConstituency (name)": constituency,
    "UrbanRural (code)": urbanRural[0],
    "UrbanRural (name)": urbanRural[1],
    "GSSLACode (name)": la.gss,
    Easting: hasLocation ? easting : "",
    Northing: hasLocation ? northing : "",
    "MSOA (name)": msoa,
    "LSOA (name)": `${msoa}${String.fromCharCode(65 + rng.int(0, 5))}`,
    "InspectorateName (name)": stateFunded ? "Not applicable" : rng.pick(["ISI", "Ofsted", "Not applicable"]),
    SENStat: pupils === null ? "" : Math.round(pupils * (kind === "special" ? 0.95 : 0.03)),
    SENNoStat: pupils === null ? "" : Math.round(pupils * (kind === "special" ? 0.03 : 0.12)),
    PropsName: kind === "independent" ? `${town.replace(/^.* /, "")} Schools Ltd` : "",
    "PreviousLA (code)": "999",
    "PreviousLA (name)": "Not applicable",
    "OfstedRating (name)": ofsted,
    "RSCRegion (name)": la.region.rsc,
    "Country (name)": "United Kingdom",
    UPRN: hasLocation ? 100_000_000_000 + ctx.urn * 13 : "",
    "QABName (code)": "0",
    "QABName (name)": "Not applicable",
    "EstablishmentAccredited (code)": "0",
    "EstablishmentAccredited (name)": "Not applicable",
    CHNumber: academy ? String(7_000_000 + ctx.urn).padStart(8, "0") : "",
    "MSOA (code)": `E02${String(ctx.urn % 7000).padStart(6, "0")}`,
    "LSOA (code)": `E01${String(ctx.urn % 33000).padStart(6, "0")}`,
    FSM: fsmPct === null || pupils === null ? "" : Math.round((pupils * fsmPct) / 100),
  };
  const cells = EMPTY_ROW.slice();
  cells[0] = String(ctx.urn); // GIAS leaves the URN unquoted
  // `values` is one object literal, so its keys come in the same order for every row: map them
  // to column positions once, then copy by position (much faster than a lookup per value).
  valueColumns ??= Object.keys(values).map((column) => {
    const index = COLUMN_INDEX.get(column);
    if (index === undefined) throw new Error(`generate-gias: unknown column ${column}`);
    return index;
  });
  const list = Object.values(values);
  for (let k = 0; k < list.length; k++) {
    const value = list[k];
    const index = valueColumns[k];
    if (value !== undefined && value !== "" && index !== undefined) cells[index] = q(value);
  }
  sen.forEach((s, i) => {
    cells[SEN_FIRST + i] = q(s);
  });
  return { line: cells.join(","), phase: phase[1], closed };
};

// ---------------------------------------------------------------------------------------------

export type GiasGenerationStats = {
  rows: number;
  localAuthorities: number;
  closed: number;
  byKind: Partial<Record<Kind, number>>;
};

export type GenerateGiasOptions = {
  rows: number;
  seed?: number;
  /** Rows per yielded chunk (default 500). */
  rowsPerChunk?: number;
  /** Filled in as rows are generated. */
  stats?: GiasGenerationStats;
};

/** The extract as text lines (no line ends), the header first. */
export function* generateGiasLines(opts: GenerateGiasOptions): Generator<string> {
  if (!Number.isInteger(opts.rows) || opts.rows < 0 || opts.rows > 800_000) {
    throw new RangeError("rows must be a whole number from 0 to 800,000");
  }
  const rng = createRng(opts.seed ?? 1);
  const las = buildLocalAuthorities(rng);
  const laWeights = las.map((la) => [la, la.weight] as const);
  const surnames = Array.from({ length: 400 }, () => `${rng.pick(PLACE_START)}${rng.pick(SURNAME_END)}`);
  if (opts.stats) opts.stats.localAuthorities = las.length;

  yield GIAS_COLUMNS_2023.map((c) => q(c)).join(",");

  // URNs ascend from 100000 with small random gaps, like the real register sorted by URN.
  const maxStep = Math.max(1, Math.min(3, Math.floor((2 * 899_000) / Math.max(1, opts.rows)) - 1));
  const firstLa = las[0];
  if (firstLa === undefined) throw new Error("generate-gias: no local authorities");
  const ctx: RowContext = {
    rng,
    la: firstLa,
    urn: 100_000,
    kind: "primary",
    establishmentNumbers: new Map(),
    surnames,
  };
  for (let i = 0; i < opts.rows; i++) {
    ctx.urn += rng.int(1, maxStep);
    ctx.la = rng.weighted(laWeights);
    ctx.kind = rng.weighted(KIND_MIX);
    const row = generateRow(ctx);
    if (opts.stats) {
      opts.stats.rows++;
      if (row.closed) opts.stats.closed++;
      opts.stats.byKind[ctx.kind] = (opts.stats.byKind[ctx.kind] ?? 0) + 1;
    }
    yield row.line;
  }
}

/** The extract as Windows-1252 bytes, a few hundred rows per chunk, CRLF line ends. */
export function* generateGiasChunks(opts: GenerateGiasOptions): Generator<Buffer> {
  const perChunk = opts.rowsPerChunk ?? 500;
  let batch: string[] = [];
  for (const line of generateGiasLines(opts)) {
    batch.push(line);
    if (batch.length >= perChunk) {
      yield iconv.encode(`${batch.join("\r\n")}\r\n`, "win1252");
      batch = [];
    }
  }
  if (batch.length > 0) yield iconv.encode(`${batch.join("\r\n")}\r\n`, "win1252");
}

export const emptyGenerationStats = (): GiasGenerationStats => ({
  rows: 0,
  localAuthorities: 0,
  closed: 0,
  byKind: {},
});

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "50000" },
      out: { type: "string", default: "bench/out/edubasealldata.csv" },
      seed: { type: "string", default: "1" },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  if (!Number.isInteger(rows) || !Number.isInteger(seed)) {
    throw new Error("usage: npx tsx bench/generate-gias.ts --rows 50000 --out FILE [--seed 1]");
  }
  const out = resolve(values.out);
  await mkdir(dirname(out), { recursive: true });

  const started = performance.now();
  const stats = emptyGenerationStats();
  const file = createWriteStream(out);
  let bytes = 0;
  for (const chunk of generateGiasChunks({ rows, seed, stats })) {
    bytes += chunk.length;
    if (!file.write(chunk)) await once(file, "drain");
  }
  file.end();
  await finished(file);
  const ms = performance.now() - started;

  const mix = Object.entries(stats.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  console.log(`wrote ${out}`);
  console.log(
    `${stats.rows} rows, ${(bytes / 1e6).toFixed(1)} MB, ${stats.localAuthorities} LAs, ` +
      `${((100 * stats.closed) / Math.max(1, stats.rows)).toFixed(1)}% closed, in ${Math.round(ms)} ms`,
  );
  console.log(`mix: ${mix}`);
};

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
