import { academicYearStart, isAcademicYear, previousAcademicYears } from "../../shared/rules/academic-year";
import type { Phase } from "../../shared/rules/phase";
import { createRng, type Rng } from "../../shared/rules/prng";
import type { GiasSchoolRecord } from "../modules/schools/gias/gias-reader";

/**
 * The demo hub's schools: the fictional "Northshire Music Hub" over two fictional local
 * authorities, "931" Northshire (areas North, South, East, West) and "932" Northshire City
 * (area City). Everything is generated from a seed by a pure function: the same seed gives the
 * same schools and figures on every machine. Names of places, schools, trusts and heads are
 * invented or drawn from lists of common names; no real person from the seed documents appears.
 */

// ---------------------------------------------------------------------------------------------
// Public types and constants

export type DemoArea = "City" | "North" | "South" | "East" | "West";

export type DemoLaCode = "931" | "932";

export const DEMO_LOCAL_AUTHORITIES: Readonly<Record<DemoLaCode, string>> = {
  "931": "Northshire",
  "932": "Northshire City",
};

export type DemoSchoolStatus = "open" | "closed" | "proposed";

/** One school as the GIAS register describes it, plus the demo area it was placed in. */
export type DemoSchool = Omit<
  GiasSchoolRecord,
  "laCode" | "laName" | "establishmentNumber" | "laestab" | "typeName" | "typeGroup"
> & {
  laCode: DemoLaCode;
  laName: string;
  establishmentNumber: string;
  laestab: string;
  typeName: string;
  typeGroup: string;
  area: DemoArea;
};

/** One school's music figures for one academic year. */
export type DemoMusicYear = {
  urn: number;
  academicYear: string;
  wcetPupils: number | null;
  wcetTerms: number | null;
  continuingPupils: number | null;
  instrumentPupils: number | null;
  ensemblePupils: number | null;
  singingPupils: number | null;
  gcseEntries: number | null;
  btecEntries: number | null;
  alevelEntries: number | null;
  sendPupilsEngaged: number | null;
  fsmPupilsEngaged: number | null;
  curriculumMinutesKs1: number | null;
  curriculumMinutesKs2: number | null;
  curriculumMinutesKs3: number | null;
  curriculumMinutesKs4: number | null;
  sdpMusic: boolean | null;
};

export type GenerateDemoSchoolsOptions = {
  seed: number;
  /** How many schools, default 400. */
  count?: number;
  /** The current academic year, e.g. "2025/26": music data covers the five years ending with it. */
  currentYear: string;
};

export type DemoSchoolsData = { schools: DemoSchool[]; musicData: DemoMusicYear[] };

/** Number of academic years of music data, ending with the current year. */
export const DEMO_MUSIC_YEARS = 5;

export const DEFAULT_DEMO_SCHOOL_COUNT = 400;

// ---------------------------------------------------------------------------------------------
// Geography: areas, districts, towns, villages, postcode districts, grid references

type TownSpec = {
  name: string;
  postcodeDistrict: string;
  /** The parliamentary constituency the town is in. */
  constituency: string;
  /** Offset of the town centre from the area centre, in metres. */
  dE: number;
  dN: number;
  urban: boolean;
  villages: readonly string[];
};

type AreaSpec = {
  laCode: DemoLaCode;
  /** Share of the hub's schools in this area. */
  weight: number;
  centre: readonly [number, number];
  towns: readonly TownSpec[];
};

const CITY_TOWN = "Northshire City";
const CITY_DISTRICT = "Northshire City";

/** City neighbourhoods: [name, postcode district, dE, dN]. */
const CITY_NEIGHBOURHOODS: readonly (readonly [string, string, number, number])[] = [
  ["Castlegate", "NS1", 0, 0],
  ["Old Quay", "NS1", 1500, -1200],
  ["Highcross", "NS1", -1200, 900],
  ["Brinkhill", "NS2", -500, 3000],
  ["Aldercroft", "NS2", 1800, 2600],
  ["Holmgate", "NS2", -2500, 2200],
  ["Wharfside", "NS3", 3000, -500],
  ["Copperhill", "NS3", 2500, -2800],
  ["Eastmoor", "NS3", 3500, 1500],
  ["Westmoor", "NS4", -3200, -300],
  ["Larkfield", "NS4", -2600, -2700],
  ["Gorsebank", "NS4", -1000, -3200],
];

const COUNTY_AREAS: Readonly<Record<Exclude<DemoArea, "City">, AreaSpec>> = {
  North: {
    laCode: "931",
    weight: 0.19,
    centre: [445000, 421000],
    towns: [
      town("Hallerby", "NS10", "Kestwick and Fellgate", -4000, 1000, true, [
        "Ecclesby",
        "Thornby Moor",
        "Low Hallerby",
      ]),
      town("Kestwick", "NS11", "Kestwick and Fellgate", 2000, 4000, true, [
        "Kestwick Bridge",
        "Upper Raydale",
        "Sowden",
      ]),
      town("Ravensholt", "NS12", "Ravensholt and Aykborough", 6000, -1000, false, [
        "Skelgate",
        "Harlow Fold",
        "Birkby Cross",
      ]),
      town("Fellgate", "NS13", "Kestwick and Fellgate", -1000, 6000, false, [
        "Dunnock Green",
        "Marsby",
        "High Scarth",
      ]),
      town("Aykborough", "NS14", "Ravensholt and Aykborough", -8000, 4500, false, [
        "Gilling Ash",
        "Crowdale",
        "Netherby Fold",
      ]),
    ],
  },
  South: {
    laCode: "931",
    weight: 0.19,
    centre: [445000, 389000],
    towns: [
      town("Ashlow", "NS20", "Ashlow and Tollerby", -3000, -1000, true, [
        "Ashlow Common",
        "Pennington Green",
        "Little Tarrow",
      ]),
      town("Dunsmere", "NS21", "Ashlow and Tollerby", 4000, -3000, false, [
        "Merewick",
        "Calder Ford",
        "Swaleby",
      ]),
      town("Brackenford", "NS22", "Brackenford Vale", -8000, -4500, true, [
        "Brackenford Mill",
        "Ludworth Green",
        "Elsham Cross",
      ]),
      town("Wyckham", "NS23", "Brackenford Vale", 8000, -1000, false, [
        "Wyckham St Peter",
        "Colby Heath",
        "Hartsford",
      ]),
      town("Tollerby", "NS24", "Ashlow and Tollerby", 0, -6000, false, [
        "Tollerby Moor",
        "Greenhowe",
        "Sallowfield",
      ]),
    ],
  },
  East: {
    laCode: "931",
    weight: 0.18,
    centre: [461000, 405000],
    towns: [
      town("Marrowby", "NS30", "Marrowby and Fenholme", 0, 0, true, [
        "Marrowby Fen",
        "Cawfield",
        "Sutton Marr",
      ]),
      town("Oxhaven", "NS31", "Oxhaven and Gullsby", 5500, 4000, true, [
        "Oxhaven Sands",
        "Saltcote",
        "Whelby",
      ]),
      town("Thistlewick", "NS32", "Marrowby and Fenholme", 2500, -6000, false, [
        "Thistlewick End",
        "Brantby",
        "Fennick",
      ]),
      town("Gullsby", "NS33", "Oxhaven and Gullsby", 6000, -2000, false, [
        "Gullsby Ness",
        "Scaldby",
        "Howe Sands",
      ]),
      town("Fenholme", "NS34", "Marrowby and Fenholme", -2500, 6000, false, [
        "Fenholme Drove",
        "Ketby",
        "Amblestone",
      ]),
    ],
  },
  West: {
    laCode: "931",
    weight: 0.17,
    centre: [429000, 405000],
    towns: [
      town("Wendlecombe", "NS40", "Wendlecombe and Stainmoor", 0, 0, true, [
        "Wendle Green",
        "Coldwell Fold",
        "Shapleigh",
      ]),
      town("Harrowdale", "NS41", "Harrowdale and Copperfold", -3500, 5000, true, [
        "Harrowdale Head",
        "Brindle Gill",
        "Stanbury Edge",
      ]),
      town("Lindthorpe", "NS42", "Wendlecombe and Stainmoor", -4500, -4000, false, [
        "Lindthorpe Marsh",
        "Garby",
        "Ottersett",
      ]),
      town("Copperfold", "NS43", "Harrowdale and Copperfold", -6500, 1000, false, [
        "Copperfold Bank",
        "Riddlesby",
        "Yarrowby",
      ]),
      town("Stainmoor", "NS44", "Wendlecombe and Stainmoor", 3000, -6000, false, [
        "Stainmoor Edge",
        "Blackwell Fold",
        "Kirkby Lane",
      ]),
    ],
  },
};

function town(
  name: string,
  postcodeDistrict: string,
  constituency: string,
  dE: number,
  dN: number,
  urban: boolean,
  villages: readonly string[],
): TownSpec {
  return { name, postcodeDistrict, constituency, dE, dN, urban, villages };
}

const CITY_CENTRE: readonly [number, number] = [445000, 405000];
const CITY_WEIGHT = 0.27;

/** District (GIAS `DistrictAdministrative (name)`) of each county area: one per area, so that "district → area" works. */
const countyDistrict = (area: Exclude<DemoArea, "City">): string => `${area} Northshire`;

const GRID = { minEasting: 420000, maxEasting: 470000, minNorthing: 380000, maxNorthing: 430000 } as const;

/** The rules a hub would set up for the demo areas: district → area and postcode district → area. */
export const DEMO_AREA_RULES: Readonly<
  Record<DemoArea, { laCode: DemoLaCode; districts: readonly string[]; postcodeDistricts: readonly string[] }>
> = {
  City: { laCode: "932", districts: [CITY_DISTRICT], postcodeDistricts: ["NS1", "NS2", "NS3", "NS4"] },
  North: countyRules("North"),
  South: countyRules("South"),
  East: countyRules("East"),
  West: countyRules("West"),
};

function countyRules(area: Exclude<DemoArea, "City">): {
  laCode: DemoLaCode;
  districts: readonly string[];
  postcodeDistricts: readonly string[];
} {
  const spec = COUNTY_AREAS[area];
  return {
    laCode: spec.laCode,
    districts: [countyDistrict(area)],
    postcodeDistricts: spec.towns.map((t) => t.postcodeDistrict),
  };
}

type PlaceKind = "city" | "town" | "village";

/** Somewhere a school can be: a city neighbourhood, a town, or a village near a town. */
type Place = {
  name: string;
  kind: PlaceKind;
  area: DemoArea;
  laCode: DemoLaCode;
  town: string;
  locality: string | null;
  district: string;
  constituency: string;
  postcodeDistrict: string;
  easting: number;
  northing: number;
  /** Standard deviation of a school's distance from the place centre, in metres. */
  spread: number;
  urbanTown: boolean;
};

const buildPlaces = (): Place[] => {
  const places: Place[] = [];
  for (const [name, postcodeDistrict, dE, dN] of CITY_NEIGHBOURHOODS) {
    places.push({
      name,
      kind: "city",
      area: "City",
      laCode: "932",
      town: CITY_TOWN,
      locality: name,
      district: CITY_DISTRICT,
      constituency: dN >= 0 ? "Northshire City North" : "Northshire City South",
      postcodeDistrict,
      easting: CITY_CENTRE[0] + dE,
      northing: CITY_CENTRE[1] + dN,
      spread: 700,
      urbanTown: true,
    });
  }
  for (const area of ["North", "South", "East", "West"] as const) {
    const spec = COUNTY_AREAS[area];
    for (const t of spec.towns) {
      const e = spec.centre[0] + t.dE;
      const n = spec.centre[1] + t.dN;
      const common = {
        area,
        laCode: spec.laCode,
        town: t.name,
        district: countyDistrict(area),
        constituency: t.constituency,
        postcodeDistrict: t.postcodeDistrict,
        urbanTown: t.urban,
      };
      places.push({
        ...common,
        name: t.name,
        kind: "town",
        locality: null,
        easting: e,
        northing: n,
        spread: 1000,
      });
      t.villages.forEach((village, i) => {
        // Villages sit on a ring 2–3 km around their post town.
        const angle = (2 * Math.PI * (i + 0.25)) / t.villages.length + t.dE / 1000;
        const radius = 2200 + 400 * i;
        places.push({
          ...common,
          name: village,
          kind: "village",
          locality: village,
          easting: Math.round(e + radius * Math.cos(angle)),
          northing: Math.round(n + radius * Math.sin(angle)),
          spread: 250,
        });
      });
    }
  }
  return places;
};

const PLACES: readonly Place[] = buildPlaces();

// ---------------------------------------------------------------------------------------------
// Vocabulary: school name parts, trusts, people's names, streets

/** Invented or generic English estate and landscape names, as schools are often named. */
const DESCRIPTORS = [
  "Hollin Brook",
  "Oakfield",
  "Beech Hill",
  "Ashgrove",
  "Larkspur",
  "Meadowside",
  "Thornfield",
  "Brookvale",
  "Elm Tree",
  "Fernlea",
  "Foxhill",
  "Greenacre",
  "Hawthorn",
  "Kingsmead",
  "Longcroft",
  "Mayfield",
  "Northgate",
  "Parkside",
  "Queensway",
  "Riverside",
  "Sandbrook",
  "Southfields",
  "Springbank",
  "Stonecross",
  "Highfield",
  "Willowbank",
  "Woodlands",
  "Whitemoor",
  "Redhill",
  "Lowfield",
  "Cherry Tree",
  "Moorside",
  "Greystone",
  "Castle Hill",
  "Windmill Hill",
  "Bracken Edge",
  "Heathcote",
  "Rosewood",
  "Millfield",
  "Birchwood",
  "Lime Tree",
  "Orchard Vale",
  "Sunnybank",
  "Hillcrest",
  "Broadlands",
  "Fairfield",
  "Bluebell",
  "Kingfisher",
  "Skylark",
  "Heron Brook",
  "Badger Hill",
  "Ladybrook",
  "Wren Park",
  "Alder Grove",
  "Holly Bank",
  "Linnet Way",
  "Poplar Mead",
  "Sycamore",
  "Rowan Tree",
  "Marsh Lane",
] as const;

const CE_SAINTS = [
  "Aidan",
  "Mary",
  "Peter",
  "Paul",
  "John",
  "Andrew",
  "Michael",
  "Hild",
  "Cuthbert",
  "Oswald",
  "Chad",
  "Wilfrid",
  "Bede",
  "Margaret",
  "Anne",
  "Luke",
  "Mark",
  "Matthew",
  "James",
  "Thomas",
  "George",
  "Nicholas",
  "Barnabas",
  "Bartholomew",
  "Lawrence",
  "Stephen",
  "Edmund",
  "Helen",
  "Catherine",
] as const;

const RC_SAINTS = [
  "Joseph",
  "Patrick",
  "Teresa",
  "Bernadette",
  "Francis",
  "Augustine",
  "Gregory",
  "Benedict",
  "Vincent",
  "Mary",
  "Anne",
  "Peter",
  "John Fisher",
  "Thomas More",
  "Margaret Clitherow",
  "Edward",
  "Wilfrid",
  "Cuthbert",
  "Bede",
  "Dominic",
  "Clare",
  "Columba",
  "Aloysius",
] as const;

const CE_DEDICATIONS = [
  "Holy Trinity",
  "Christ Church",
  "All Saints",
  "St Mary and St John",
  "St Peter and St Paul",
];
const RC_DEDICATIONS = [
  "Our Lady of Lourdes",
  "Our Lady and St Joseph",
  "Sacred Heart",
  "Holy Family",
  "English Martyrs",
  "Christ the King",
  "Holy Cross",
  "Our Lady of Mercy",
  "Corpus Christi",
];

/** Fictional trusts: [name, the area it works in, or null for hub-wide]. About fifteen. */
const TRUSTS: readonly (readonly [string, DemoArea | null])[] = [
  ["Northshire Learning Trust", null],
  ["Brightwater Academies Trust", null],
  ["Riverside Academies Trust", "City"],
  ["City Lights Education Trust", "City"],
  ["Kestwick Valley Schools Trust", "North"],
  ["Fellside Education Partnership", "North"],
  ["Ashlow and District Academy Trust", "South"],
  ["Southern Vale Learning Partnership", "South"],
  ["Coastline Academies Trust", "East"],
  ["Marrowby Schools Trust", "East"],
  ["Wendlecombe Multi-Academy Trust", "West"],
  ["Harrowdale Learning Trust", "West"],
];
const CATHOLIC_TRUST = "St Hild Catholic Academy Trust";
const DIOCESAN_TRUST = "Diocese of Northshire Academies Trust";
const INCLUSION_TRUST = "Beacon Inclusive Learning Trust";

/** Every trust the generator can name. */
export const DEMO_TRUSTS: readonly string[] = [
  ...TRUSTS.map(([name]) => name),
  CATHOLIC_TRUST,
  DIOCESAN_TRUST,
  INCLUSION_TRUST,
];

/** Common first names (not any person's in particular). */
const FEMALE_FIRST_NAMES = [
  "Emma",
  "Claire",
  "Rachel",
  "Helen",
  "Joanne",
  "Nicola",
  "Louise",
  "Lisa",
  "Kate",
  "Catherine",
  "Rebecca",
  "Victoria",
  "Amanda",
  "Julie",
  "Karen",
  "Gemma",
  "Laura",
  "Hannah",
  "Charlotte",
  "Lucy",
  "Anna",
  "Jennifer",
  "Alison",
  "Fiona",
  "Michelle",
  "Samantha",
  "Natalie",
  "Amy",
  "Sophie",
  "Elizabeth",
  "Joanna",
  "Kirsty",
  "Jane",
  "Ruth",
  "Priya",
  "Aisha",
  "Fatima",
  "Nadia",
  "Siobhan",
  "Bethan",
] as const;

const MALE_FIRST_NAMES = [
  "David",
  "James",
  "Andrew",
  "Mark",
  "Paul",
  "Richard",
  "Stephen",
  "Michael",
  "Simon",
  "Matthew",
  "Daniel",
  "Christopher",
  "Robert",
  "Peter",
  "Thomas",
  "Jonathan",
  "Neil",
  "Gareth",
  "Ian",
  "Martin",
  "Benjamin",
  "Adam",
  "Craig",
  "Lee",
  "Stuart",
  "Tom",
  "Sanjay",
  "Imran",
  "Rajesh",
  "Hassan",
  "Owen",
  "Rhys",
  "Liam",
  "Sean",
] as const;

/** Common British surnames. */
const LAST_NAMES = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Robinson",
  "Wright",
  "Thompson",
  "Evans",
  "Walker",
  "White",
  "Roberts",
  "Green",
  "Hall",
  "Wood",
  "Jackson",
  "Clarke",
  "Patel",
  "Khan",
  "Lewis",
  "Harris",
  "Martin",
  "Cooper",
  "King",
  "Baker",
  "Harrison",
  "Morgan",
  "Allen",
  "Hughes",
  "Ward",
  "Turner",
  "Hill",
  "Moore",
  "Clark",
  "Scott",
  "Young",
  "Mitchell",
  "Carter",
  "Phillips",
  "Shaw",
  "Bennett",
  "Hussain",
  "Ali",
  "Kaur",
  "Singh",
  "Begum",
  "Chapman",
  "Marshall",
  "Holmes",
  "Fletcher",
  "Atkinson",
  "Bailey",
  "Watson",
  "Parker",
  "Kelly",
  "Collins",
  "Murphy",
  "Price",
  "Cox",
  "Richardson",
  "Dixon",
  "Foster",
  "Gray",
  "Mason",
  "Ellis",
  "Webb",
  "Knight",
  "Fox",
  "Barker",
  "Simpson",
  "Lawson",
  "Hunt",
  "Stevens",
  "Butler",
  "Reid",
  "Wells",
  "Chambers",
] as const;

const STREETS = [
  "Church Lane",
  "School Lane",
  "Mill Road",
  "Station Road",
  "High Street",
  "Park Avenue",
  "Victoria Road",
  "Moor Lane",
  "Green Lane",
  "Chapel Street",
  "Queen Street",
  "North Road",
  "Beech Grove",
  "Oak Avenue",
  "Meadow Way",
  "Orchard Close",
  "Westfield Road",
  "Cross Lane",
  "Back Lane",
  "Brook Street",
  "Manor Road",
  "Hall Lane",
  "Vicarage Lane",
  "Albert Road",
  "Gladstone Street",
  "Castle Street",
  "Bridge Street",
  "Kings Road",
  "Elm Road",
  "Hawthorn Drive",
  "Sandy Lane",
  "Long Lane",
  "Heath Road",
  "Whitegate",
  "Farm Road",
  "Abbey Road",
  "Priory Road",
  "St John's Road",
  "Garden Street",
  "Ferry Lane",
] as const;

/** GIAS `SEN1 (name)` … `SEN13 (name)` values. */
const SEN_TYPES = {
  asd: "ASD - Autistic Spectrum Disorder",
  hi: "HI - Hearing Impairment",
  mld: "MLD - Moderate Learning Difficulty",
  msi: "MSI - Multi-Sensory Impairment",
  oth: "OTH - Other Difficulty/Disability",
  pd: "PD - Physical Disability",
  pmld: "PMLD - Profound and Multiple Learning Difficulty",
  semh: "SEMH - Social, Emotional and Mental Health",
  slcn: "SLCN - Speech, language and Communication",
  sld: "SLD - Severe Learning Difficulty",
  spld: "SpLD - Specific Learning Difficulty",
  vi: "VI - Visual Impairment",
} as const;

const URBAN = {
  cityAndTown: "(England/Wales) Urban city and town",
  townAndFringe: "(England/Wales) Rural town and fringe",
  village: "(England/Wales) Rural village",
  hamlet: "(England/Wales) Rural hamlet and isolated dwellings",
} as const;

const GROUP = {
  maintained: "Local authority maintained schools",
  academies: "Academies",
  free: "Free Schools",
  special: "Special schools",
  independent: "Independent schools",
} as const;

const SIXTH_FORM = {
  has: "Has a sixth form",
  hasNot: "Does not have a sixth form",
  na: "Not applicable",
} as const;

// ---------------------------------------------------------------------------------------------
// Kinds of school and their shares

type Kind =
  | "primary"
  | "secondary"
  | "special"
  | "alternative_provision"
  | "all_through"
  | "nursery"
  | "sixteen_plus"
  | "independent";

/** Shares of the hub's establishments by kind (England-like for a mixed city and county hub). */
const KIND_SHARES: readonly (readonly [Kind, number])[] = [
  ["primary", 0.78],
  ["secondary", 0.16],
  ["special", 0.03],
  ["alternative_provision", 0.015],
  ["all_through", 0.005],
  ["nursery", 0.005],
  ["sixteen_plus", 0.0025],
  ["independent", 0.0025],
];

const CLOSED_SHARE = 0.03;
const PROPOSED_SHARE = 0.01;
const PROPOSED_TO_CLOSE_SHARE = 0.005;

/** Split `total` into whole parts by share, the remainders going to the largest fractions. */
const apportion = <T>(total: number, shares: readonly (readonly [T, number])[]): [T, number][] => {
  const sum = shares.reduce((acc, [, s]) => acc + s, 0);
  const exact = shares.map(([key, s]) => [key, (total * s) / sum] as const);
  const parts: [T, number][] = exact.map(([key, x]) => [key, Math.floor(x)]);
  let left = total - parts.reduce((acc, [, n]) => acc + n, 0);
  const order = exact
    .map(([, x], i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    const part = parts[i];
    if (part) {
      part[1] += 1;
      left -= 1;
    }
  }
  return parts;
};

// ---------------------------------------------------------------------------------------------
// Small helpers

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();
const round1 = (x: number): number => Math.round(x * 10) / 10;
/** A log-normal draw within [lo, hi], redrawn (not clamped) so that no value piles up at a bound. */
const logNormal = (rng: Rng, median: number, sigma: number, lo: number, hi: number): number => {
  for (let attempt = 0; attempt < 20; attempt++) {
    const x = median * Math.exp(rng.normal(0, sigma));
    if (x >= lo && x <= hi) return x;
  }
  return clamp(median, lo, hi);
};

const shuffle = <T>(rng: Rng, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
};

const isoDate = (year: number, month: number, day: number): string =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

const lastDayOfMonth = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A school day (Monday–Friday, not in August) between two ISO dates. */
const isTermTimeWeekday = (d: Date): boolean => {
  const weekday = d.getUTCDay();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (weekday === 0 || weekday === 6) return false;
  if (month === 8 || (month === 7 && day > 20) || (month === 12 && day > 18) || (month === 1 && day < 5))
    return false;
  return true;
};

/** A term-time weekday between two ISO dates (the last draw is kept if none is found). */
const schoolDayBetween = (rng: Rng, from: string, to: string): string => {
  const a = Date.parse(`${from}T00:00:00Z`);
  const days = Math.max(1, Math.floor((Date.parse(`${to}T00:00:00Z`) - a) / 86_400_000));
  let d = new Date(a + rng.int(0, days - 1) * 86_400_000);
  for (let attempt = 0; attempt < 20 && !isTermTimeWeekday(d); attempt++) {
    d = new Date(a + rng.int(0, days - 1) * 86_400_000);
  }
  return d.toISOString().slice(0, 10);
};

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** Inward-code letters: the Royal Mail never uses C, I, K, M, O or V there. */
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ".split("");

// ---------------------------------------------------------------------------------------------
// One school

type Church = "CE" | "RC" | null;

type Draft = Omit<DemoSchool, "urn"> & {
  kind: Kind;
  subPhase: "primary" | "infant" | "junior" | null;
  church: Church;
  place: Place;
  /** The part of the name before the type word, for pairing an infant with a junior school. */
  stem: string;
  orderKey: number;
};

type GeneratorState = {
  rng: Rng;
  currentStart: number;
  names: Set<string>;
  postcodes: Set<string>;
  establishmentNumbers: Set<string>;
  phones: string[];
  /** Infant schools still looking for a junior partner, by area. */
  unpairedInfants: Map<DemoArea, Draft[]>;
};

const pickArea = (rng: Rng): DemoArea =>
  rng.weighted<DemoArea>([
    ["City", CITY_WEIGHT],
    ["North", COUNTY_AREAS.North.weight],
    ["South", COUNTY_AREAS.South.weight],
    ["East", COUNTY_AREAS.East.weight],
    ["West", COUNTY_AREAS.West.weight],
  ]);

const pickPlace = (rng: Rng, area: DemoArea, villagesAllowed: boolean): Place => {
  const candidates = PLACES.filter((p) => p.area === area && (villagesAllowed || p.kind !== "village"));
  return rng.weighted(
    candidates.map(
      (p) => [p, p.kind === "village" ? 1 : p.kind === "town" ? (p.urbanTown ? 3.2 : 2.2) : 1] as const,
    ),
  );
};

const pickType = (rng: Rng, kind: Kind, academy: boolean): { typeName: string; typeGroup: string } => {
  switch (kind) {
    case "primary":
    case "secondary":
    case "all_through":
      if (academy) {
        const typeName = rng.weighted([
          ["Academy converter", kind === "primary" ? 0.7 : 0.62],
          ["Academy sponsor led", kind === "primary" ? 0.22 : 0.26],
          ["Free schools", kind === "all_through" ? 0.4 : 0.1],
        ] as const);
        return { typeName, typeGroup: typeName === "Free schools" ? GROUP.free : GROUP.academies };
      }
      return {
        typeName: rng.weighted([
          ["Community school", kind === "primary" ? 0.55 : 0.5],
          ["Voluntary controlled school", kind === "primary" ? 0.15 : 0.05],
          ["Voluntary aided school", kind === "primary" ? 0.18 : 0.25],
          ["Foundation school", kind === "primary" ? 0.12 : 0.2],
        ] as const),
        typeGroup: GROUP.maintained,
      };
    case "special":
      if (academy) {
        const typeName = rng.weighted([
          ["Academy special converter", 0.6],
          ["Academy special sponsor led", 0.2],
          ["Free schools special", 0.2],
        ] as const);
        return { typeName, typeGroup: typeName === "Free schools special" ? GROUP.free : GROUP.academies };
      }
      return {
        typeName: rng.weighted([
          ["Community special school", 0.8],
          ["Foundation special school", 0.2],
        ] as const),
        typeGroup: GROUP.special,
      };
    case "alternative_provision":
      if (academy) {
        const typeName = rng.weighted([
          ["Academy alternative provision converter", 0.5],
          ["Academy alternative provision sponsor led", 0.3],
          ["Free schools alternative provision", 0.2],
        ] as const);
        return { typeName, typeGroup: typeName.startsWith("Free") ? GROUP.free : GROUP.academies };
      }
      return { typeName: "Pupil referral unit", typeGroup: GROUP.maintained };
    case "nursery":
      return { typeName: "Local authority nursery school", typeGroup: GROUP.maintained };
    case "sixteen_plus": {
      const typeName = rng.weighted([
        ["Free schools 16 to 19", 0.6],
        ["Academy 16-19 converter", 0.4],
      ] as const);
      return { typeName, typeGroup: typeName.startsWith("Free") ? GROUP.free : GROUP.academies };
    }
    case "independent":
      return { typeName: "Other independent school", typeGroup: GROUP.independent };
  }
};

/** Share of each kind that is an academy or free school (England-like). */
const ACADEMY_SHARE: Readonly<Record<Kind, number>> = {
  primary: 0.34,
  secondary: 0.78,
  special: 0.45,
  alternative_provision: 0.35,
  all_through: 1,
  nursery: 0,
  sixteen_plus: 1,
  independent: 0,
};

const PHASE_OF_KIND: Readonly<Record<Kind, Phase>> = {
  primary: "primary",
  secondary: "secondary",
  special: "special",
  alternative_provision: "alternative_provision",
  all_through: "all_through",
  nursery: "nursery",
  sixteen_plus: "sixteen_plus",
  independent: "not_applicable",
};

const churchOf = (rng: Rng, kind: Kind, typeName: string): Church => {
  if (typeName === "Voluntary aided school") return rng.chance(kind === "primary" ? 0.55 : 0.7) ? "RC" : "CE";
  if (typeName === "Voluntary controlled school") return "CE";
  if (typeName === "Academy converter")
    return rng.weighted<Church>([
      ["CE", 0.18],
      ["RC", 0.1],
      [null, 0.72],
    ]);
  return null;
};

/** "St Aidan's", "St James'", "St John Fisher" (a saint with a surname takes no possessive). */
const saintly = (saint: string): string =>
  saint.includes(" ") ? `St ${saint}` : saint.endsWith("s") ? `St ${saint}'` : `St ${saint}'s`;

const saintStem = (rng: Rng, church: "CE" | "RC"): string => {
  if (church === "CE") {
    return rng.chance(0.8) ? saintly(rng.pick(CE_SAINTS)) : rng.pick(CE_DEDICATIONS);
  }
  return rng.chance(0.7) ? saintly(rng.pick(RC_SAINTS)) : rng.pick(RC_DEDICATIONS);
};

const churchLabel = (rng: Rng, church: "CE" | "RC"): string =>
  church === "CE"
    ? rng.weighted([
        ["CE", 0.6],
        ["Church of England", 0.3],
        ["C of E", 0.1],
      ] as const)
    : rng.weighted([
        ["Catholic", 0.8],
        ["RC", 0.2],
      ] as const);

type NameInput = {
  kind: Kind;
  subPhase: Draft["subPhase"];
  typeName: string;
  church: Church;
  place: Place;
  hasNursery: boolean;
  sixthForm: boolean;
  pairedStem: string | null;
};

/** A candidate name and its stem. Callers retry until the name is unused. */
const proposeName = (rng: Rng, input: NameInput): { name: string; stem: string } => {
  const { kind, subPhase, typeName, church, place } = input;
  const academy = typeName.startsWith("Academy") || typeName.startsWith("Free");
  const placeOrDescriptor = (placeShare: number): string =>
    rng.chance(placeShare) ? place.name : rng.pick(DESCRIPTORS);

  switch (kind) {
    case "primary": {
      const word = subPhase === "infant" ? "Infant" : subPhase === "junior" ? "Junior" : "Primary";
      let suffix: string;
      if (academy) {
        suffix = rng.weighted([
          [`${word} Academy`, 0.5],
          [`${word} School`, 0.35],
          ["Academy", subPhase === "primary" ? 0.15 : 0],
        ] as const);
        if (typeName === "Free schools" && rng.chance(0.4)) suffix = `${word} Free School`;
      } else if (input.hasNursery && subPhase !== "junior" && rng.chance(0.3)) {
        suffix = `${word} and Nursery School`;
      } else if (typeName === "Community school" && subPhase === "primary" && rng.chance(0.15)) {
        suffix = "Community Primary School";
      } else {
        suffix = `${word} School`;
      }
      if (church) {
        const stem = input.pairedStem ?? (rng.chance(0.7) ? saintStem(rng, church) : place.name);
        return { name: `${stem} ${churchLabel(rng, church)} ${suffix}`, stem };
      }
      const stem = input.pairedStem ?? placeOrDescriptor(place.kind === "village" ? 0.75 : 0.45);
      return { name: `${stem} ${suffix}`, stem };
    }
    case "secondary": {
      if (church) {
        const stem = saintStem(rng, church);
        const label = churchLabel(rng, church);
        const suffix = rng.weighted([
          ["High School", 0.45],
          ["School", 0.2],
          [academy ? "Academy" : "College", 0.35],
        ] as const);
        return { name: `${stem} ${label} ${suffix}`, stem };
      }
      const stem = placeOrDescriptor(0.55);
      const suffix = academy
        ? rng.weighted([
            ["Academy", 0.5],
            ["School", 0.12],
            ["High School", 0.12],
            ["College", 0.1],
            [typeName === "Free schools" ? "Free School" : "Academy", 0.08],
            [input.sixthForm ? "School and Sixth Form" : "Academy", 0.08],
          ] as const)
        : rng.weighted([
            ["High School", 0.45],
            ["School", 0.2],
            ["Community College", 0.15],
            ["Community School", 0.1],
            ["Secondary School", 0.1],
          ] as const);
      const the = academy && rng.chance(0.1) ? "The " : "";
      return { name: `${the}${stem} ${suffix}`, stem };
    }
    case "special": {
      const stem = rng.chance(0.8) ? rng.pick(DESCRIPTORS) : place.name;
      const suffix = academy
        ? rng.weighted([
            ["Academy", 0.5],
            ["School", 0.5],
          ] as const)
        : rng.weighted([
            ["School", 0.65],
            ["Special School", 0.2],
            ["Specialist School", 0.15],
          ] as const);
      const the = rng.chance(0.15) ? "The " : "";
      return { name: `${the}${stem} ${suffix}`, stem };
    }
    case "alternative_provision": {
      if (typeName === "Pupil referral unit") {
        const stem = place.kind === "city" ? CITY_TOWN : place.town;
        const suffix = rng.weighted([
          ["Pupil Referral Unit", 0.4],
          ["Learning Centre", 0.3],
          ["Tuition Service", 0.15],
          ["Short Stay School", 0.15],
        ] as const);
        return { name: `${stem} ${suffix}`, stem };
      }
      const stem = rng.pick(DESCRIPTORS);
      return { name: `${stem} ${rng.pick(["Academy", "Learning Centre", "Centre"] as const)}`, stem };
    }
    case "all_through": {
      const stem = placeOrDescriptor(0.5);
      return { name: `${stem} ${rng.pick(["Academy", "All-Through School", "School"] as const)}`, stem };
    }
    case "nursery": {
      const stem = placeOrDescriptor(0.6);
      return { name: `${stem} Nursery School`, stem };
    }
    case "sixteen_plus": {
      const stem = place.kind === "city" ? CITY_TOWN : place.town;
      return {
        name: `${stem} ${rng.pick(["Sixth Form", "Sixth Form Academy", "Sixth Form College"] as const)}`,
        stem,
      };
    }
    case "independent": {
      const stem = rng.chance(0.6) ? rng.pick(DESCRIPTORS) : place.name;
      return {
        name: `${stem} ${rng.pick(["Preparatory School", "Hall School", "House School"] as const)}`,
        stem,
      };
    }
  }
};

const uniqueName = (state: GeneratorState, input: NameInput): { name: string; stem: string } => {
  const { rng, names } = state;
  let last = proposeName(rng, input);
  for (let attempt = 0; attempt < 25 && names.has(last.name); attempt++) {
    last = proposeName(rng, { ...input, pairedStem: attempt < 3 ? input.pairedStem : null });
  }
  if (names.has(last.name))
    last = { ...last, name: `${last.name}, ${input.place.locality ?? input.place.town}` };
  for (let n = 2; names.has(last.name); n++)
    last = { ...last, name: `${last.name.replace(/ \(\d+\)$/, "")} (${n})` };
  names.add(last.name);
  return last;
};

/** A free establishment number in [lo, hi] for the LA, GIAS style (the range says the kind). */
const establishmentNumber = (state: GeneratorState, laCode: DemoLaCode, lo: number, hi: number): string => {
  const { rng, establishmentNumbers: used } = state;
  const free = (n: number): boolean => !used.has(`${laCode}${n}`);
  let n = rng.int(lo, hi);
  for (let attempt = 0; attempt < 40 && !free(n); attempt++) n = rng.int(lo, hi);
  if (!free(n)) {
    n = lo;
    while (n <= hi && !free(n)) n++;
  }
  if (n > hi) {
    n = 1000;
    while (n <= 9999 && !free(n)) n++;
    if (n > 9999) throw new RangeError(`No establishment numbers left in LA ${laCode}`);
  }
  used.add(`${laCode}${n}`);
  return String(n);
};

const establishmentRange = (kind: Kind, typeName: string): readonly [number, number] => {
  switch (kind) {
    case "nursery":
      return [1000, 1099];
    case "alternative_provision":
      return [1100, 1199];
    case "primary":
      return typeName === "Voluntary aided school" ? [3300, 3999] : [2000, 3299];
    case "secondary":
      return typeName === "Voluntary aided school" ? [4600, 4799] : [4000, 4599];
    case "all_through":
    case "sixteen_plus":
      return [4000, 4599];
    case "special":
      return [7000, 7099];
    case "independent":
      return [6000, 6999];
  }
};

const postcode = (state: GeneratorState, district: string): string => {
  const { rng, postcodes } = state;
  const propose = (): string =>
    `${district} ${rng.int(1, 9)}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`;
  let code = propose();
  for (let attempt = 0; attempt < 30 && postcodes.has(code); attempt++) code = propose();
  postcodes.add(code);
  return code;
};

const ages = (
  rng: Rng,
  kind: Kind,
  subPhase: Draft["subPhase"],
): { low: number; high: number; nursery: boolean; sixth: boolean } => {
  switch (kind) {
    case "primary": {
      const nursery = subPhase !== "junior" && rng.chance(0.3);
      if (subPhase === "infant") return { low: nursery ? 3 : 4, high: 7, nursery, sixth: false };
      if (subPhase === "junior") return { low: 7, high: 11, nursery: false, sixth: false };
      return { low: nursery ? 3 : 4, high: 11, nursery, sixth: false };
    }
    case "secondary": {
      const sixth = rng.chance(0.55);
      return { low: 11, high: sixth ? 18 : 16, nursery: false, sixth };
    }
    case "special": {
      const [low, high] = rng.weighted([
        [[2, 19], 0.35],
        [[4, 19], 0.25],
        [[11, 19], 0.2],
        [[4, 11], 0.15],
        [[11, 16], 0.05],
      ] as const);
      return { low, high, nursery: low < 4, sixth: high > 16 };
    }
    case "alternative_provision": {
      const [low, high] = rng.weighted([
        [[11, 16], 0.6],
        [[5, 16], 0.25],
        [[5, 11], 0.15],
      ] as const);
      return { low, high, nursery: false, sixth: false };
    }
    case "all_through": {
      const low = rng.chance(0.4) ? 3 : 4;
      return { low, high: 18, nursery: low === 3, sixth: true };
    }
    case "nursery":
      return { low: 2, high: 5, nursery: true, sixth: false };
    case "sixteen_plus":
      return { low: 16, high: 19, nursery: false, sixth: true };
    case "independent": {
      const allAge = rng.chance(0.5);
      return { low: 3, high: allAge ? 18 : 11, nursery: true, sixth: allAge };
    }
  }
};

const pupilsFor = (
  rng: Rng,
  kind: Kind,
  subPhase: Draft["subPhase"],
  place: Place,
  sixth: boolean,
): number => {
  switch (kind) {
    case "primary": {
      const villageFactor = place.kind === "village" ? 0.68 : place.kind === "city" ? 1.15 : 1;
      const median = (subPhase === "infant" ? 210 : subPhase === "junior" ? 275 : 300) * villageFactor;
      return Math.round(logNormal(rng, median, 0.38, 100, 650));
    }
    case "secondary":
      return Math.round(logNormal(rng, sixth ? 1150 : 950, 0.28, 600, 1800));
    case "special":
      return Math.round(logNormal(rng, 125, 0.4, 40, 320));
    case "alternative_provision":
      return Math.round(logNormal(rng, 40, 0.45, 12, 120));
    case "all_through":
      return rng.int(1200, 1900);
    case "nursery":
      return rng.int(60, 130);
    case "sixteen_plus":
      return rng.int(250, 800);
    case "independent":
      return rng.int(150, 500);
  }
};

const fsmFor = (
  rng: Rng,
  kind: Kind,
  place: Place,
  townDeprivation: ReadonlyMap<string, number>,
): number | null => {
  if (kind === "independent") return null;
  const base = place.area === "City" ? 31 : 16.5;
  const local = townDeprivation.get(place.kind === "city" ? place.name : place.town) ?? 0;
  const adjust: Readonly<Record<Kind, number>> = {
    primary: 0,
    secondary: -2,
    special: 13,
    alternative_provision: 22,
    all_through: -1,
    nursery: 2,
    sixteen_plus: -5,
    independent: 0,
  };
  const village = place.kind === "village" ? -4 : 0;
  const x = rng.normal(base + local + adjust[kind] + village, 6.5);
  // Very few schools have almost no pupils on free meals: spread the low tail instead of piling it up.
  return round1(x < 3 ? uniform(rng, 1.5, 4.5) : Math.min(x, 68));
};

const headJobTitle = (rng: Rng, kind: Kind, academy: boolean): string => {
  if (kind === "alternative_provision" && !academy) {
    return rng.weighted([
      ["Headteacher", 0.7],
      ["Teacher in Charge", 0.3],
    ] as const);
  }
  if (kind === "independent") return rng.chance(0.5) ? "Head" : "Headmistress";
  if (academy) {
    const principal = kind === "primary" ? 0.25 : 0.45;
    return rng.weighted([
      ["Headteacher", 0.9 - principal],
      ["Principal", principal],
      ["Executive Principal", 0.04],
      ["Head of School", 0.04],
      ["Acting Headteacher", 0.02],
    ] as const);
  }
  return rng.weighted([
    ["Headteacher", 0.88],
    ["Executive Headteacher", 0.05],
    ["Head of School", 0.04],
    ["Acting Headteacher", 0.03],
  ] as const);
};

const head = (
  rng: Rng,
  kind: Kind,
  academy: boolean,
): Pick<DemoSchool, "headTitle" | "headFirstName" | "headLastName" | "headJobTitle"> => {
  const femaleShare: Readonly<Record<Kind, number>> = {
    primary: 0.75,
    secondary: 0.4,
    special: 0.65,
    alternative_provision: 0.5,
    all_through: 0.4,
    nursery: 0.95,
    sixteen_plus: 0.45,
    independent: 0.5,
  };
  const female = rng.chance(femaleShare[kind]);
  const headTitle = female
    ? rng.weighted([
        ["Mrs", 0.55],
        ["Ms", 0.25],
        ["Miss", 0.15],
        ["Dr", 0.05],
      ] as const)
    : rng.weighted([
        ["Mr", 0.95],
        ["Dr", 0.05],
      ] as const);
  let jobTitle = headJobTitle(rng, kind, academy);
  if (jobTitle === "Headmistress" && !female) jobTitle = "Headmaster";
  return {
    headTitle,
    headFirstName: female ? rng.pick(FEMALE_FIRST_NAMES) : rng.pick(MALE_FIRST_NAMES),
    headLastName: rng.pick(LAST_NAMES),
    headJobTitle: jobTitle,
  };
};

const trustFor = (rng: Rng, kind: Kind, church: Church, area: DemoArea): string => {
  if (church === "RC" && rng.chance(0.9)) return CATHOLIC_TRUST;
  if (church === "CE" && rng.chance(0.7)) return DIOCESAN_TRUST;
  if ((kind === "special" || kind === "alternative_provision") && rng.chance(0.6)) return INCLUSION_TRUST;
  return rng.weighted(
    TRUSTS.map(([name, trustArea]) => [name, trustArea === area ? 3 : trustArea ? 0 : 1] as const),
  );
};

const senProvisionFor = (rng: Rng, kind: Kind): string[] => {
  if (kind === "special") {
    const primary = rng.weighted([
      [[SEN_TYPES.sld, SEN_TYPES.pmld], 0.35],
      [[SEN_TYPES.asd, SEN_TYPES.slcn], 0.3],
      [[SEN_TYPES.mld, SEN_TYPES.spld], 0.2],
      [[SEN_TYPES.semh], 0.15],
    ] as const);
    const extras = shuffle(rng, [
      SEN_TYPES.asd,
      SEN_TYPES.pd,
      SEN_TYPES.msi,
      SEN_TYPES.hi,
      SEN_TYPES.vi,
      SEN_TYPES.slcn,
    ]);
    return [...new Set([...primary, ...extras.slice(0, rng.int(0, 3))])];
  }
  if (kind === "alternative_provision")
    return rng.chance(0.3) ? [SEN_TYPES.semh, SEN_TYPES.oth] : [SEN_TYPES.semh];
  if ((kind === "primary" || kind === "secondary" || kind === "all_through") && rng.chance(0.08)) {
    return [
      rng.weighted([
        [SEN_TYPES.asd, 0.45],
        [SEN_TYPES.slcn, 0.2],
        [SEN_TYPES.hi, 0.15],
        [SEN_TYPES.vi, 0.1],
        [SEN_TYPES.pd, 0.1],
      ] as const),
    ];
  }
  return [];
};

const ofsted = (
  rng: Rng,
  kind: Kind,
  openDate: string | null,
  until: string,
  currentStart: number,
): { rating: string | null; date: string | null } => {
  if (kind === "independent") return { rating: null, date: null };
  const rating = rng.weighted([
    ["Outstanding", 0.15],
    ["Good", 0.66],
    ["Requires improvement", 0.14],
    ["Serious Weaknesses", 0.02],
    ["Special Measures", 0.01],
    [null, 0.02],
  ] as const);
  if (rating === null) return { rating: null, date: null };
  // Outstanding schools were long exempt from routine inspection, so their last visit can be old.
  const yearsBack = rating === "Outstanding" ? rng.int(1, 11) : rng.int(1, 5);
  let from = isoDate(currentStart - yearsBack, 9, 1);
  let to = isoDate(currentStart - yearsBack + 1, 7, 20);
  if (to > until) to = until;
  if (openDate) {
    // A new URN is inspected afresh, usually within three years of opening.
    const earliest = addDays(openDate, 240);
    if (earliest >= until) return { rating: null, date: null };
    if (earliest > from) from = earliest;
  }
  if (from >= to) {
    from = openDate ? addDays(openDate, 240) : addDays(until, -1000);
    to = until;
  }
  return { rating, date: schoolDayBetween(rng, from, to) };
};

const openDateFor = (rng: Rng, typeName: string, kind: Kind, currentStart: number): string | null => {
  if (typeName === "Academy converter" || typeName.includes("converter")) {
    const first = Math.min(2011, currentStart - 1);
    const year = rng.weighted(
      Array.from({ length: currentStart - first }, (_, i) => [first + i, i < 8 ? 3 : 1.2] as const),
    );
    return isoDate(year, rng.int(1, 12), 1);
  }
  if (typeName.includes("sponsor led"))
    return isoDate(rng.int(2009, currentStart - 1), rng.pick([1, 4, 9, 9, 9]), 1);
  if (typeName.startsWith("Free schools")) return isoDate(rng.int(2012, currentStart - 1), 9, 1);
  if (typeName === "Pupil referral unit") return isoDate(rng.int(2007, 2016), rng.pick([4, 9]), 1);
  if (kind === "independent") return rng.chance(0.5) ? isoDate(rng.int(1950, 2005), 9, 1) : null;
  return rng.chance(0.25) ? isoDate(rng.int(1960, 2012), rng.pick([1, 4, 9, 9]), 1) : null;
};

const draftSchool = (
  state: GeneratorState,
  kind: Kind,
  status: DemoSchoolStatus,
  proposedToClose: boolean,
  townDeprivation: ReadonlyMap<string, number>,
): Draft => {
  const { rng, currentStart } = state;
  let subPhase: Draft["subPhase"] = null;
  if (kind === "primary") {
    subPhase = rng.weighted([
      ["primary", 0.77],
      ["infant", 0.12],
      ["junior", 0.11],
    ] as const);
  }

  // A junior school usually shares a site and a name with an infant school.
  let partner: Draft | null = null;
  let area = pickArea(rng);
  if (subPhase === "junior" && rng.chance(0.8)) {
    const waiting = [...state.unpairedInfants.values()].flat();
    if (waiting.length > 0) {
      partner = rng.pick(waiting);
      area = partner.area;
      const list = state.unpairedInfants.get(area) ?? [];
      state.unpairedInfants.set(
        area,
        list.filter((d) => d !== partner),
      );
    }
  }
  const villagesAllowed = kind === "primary" || (kind === "nursery" && rng.chance(0.2));
  const place = partner ? partner.place : pickPlace(rng, area, villagesAllowed);

  // Closed schools are mostly maintained schools that became academies; proposed ones are new academies.
  const academy =
    status === "closed" ? rng.chance(0.1) : status === "proposed" ? true : rng.chance(ACADEMY_SHARE[kind]);
  const { typeName, typeGroup } = pickType(rng, kind, academy);
  const isAcademy = typeGroup === GROUP.academies || typeGroup === GROUP.free;
  const church = churchOf(rng, kind, typeName);
  const age = ages(rng, kind, subPhase);
  const { name, stem } = uniqueName(state, {
    kind,
    subPhase,
    typeName,
    church,
    place,
    hasNursery: age.nursery,
    sixthForm: age.sixth,
    pairedStem: partner && partner.church === church ? partner.stem : null,
  });

  const laCode = place.laCode;
  const estab = establishmentNumber(state, laCode, ...establishmentRange(kind, typeName));

  // Dates
  const currentStartIso = isoDate(currentStart, 9, 1);
  let openDate: string | null = openDateFor(rng, typeName, kind, currentStart);
  let closeDate: string | null = null;
  let giasStatus = "Open";
  if (status === "proposed") {
    openDate = rng.chance(0.7)
      ? isoDate(currentStart + 1, 9, 1)
      : isoDate(currentStart + 1, rng.pick([1, 4]), 1);
    giasStatus = "Proposed to open";
  } else if (status === "closed") {
    const year = rng.int(currentStart - 5, currentStart - 1);
    closeDate = lastDayOfMonth(year, rng.pick([3, 7, 8, 8, 8, 12]));
    if (openDate && openDate >= closeDate) openDate = null;
    giasStatus = "Closed";
  } else if (proposedToClose) {
    closeDate = isoDate(currentStart + 1, 8, 31);
    giasStatus = "Open, but proposed to close";
  }

  const pupils = status === "open" ? pupilsFor(rng, kind, subPhase, place, age.sixth) : null;
  const percentFsm = status === "open" ? fsmFor(rng, kind, place, townDeprivation) : null;

  // Address and location
  const near = partner && partner.easting !== null && partner.northing !== null ? partner : null;
  const easting = Math.round(
    clamp(
      near ? (near.easting ?? 0) + rng.int(-120, 120) : rng.normal(place.easting, place.spread),
      GRID.minEasting,
      GRID.maxEasting,
    ),
  );
  const northing = Math.round(
    clamp(
      near ? (near.northing ?? 0) + rng.int(-120, 120) : rng.normal(place.northing, place.spread),
      GRID.minNorthing,
      GRID.maxNorthing,
    ),
  );
  const street = partner?.street ?? rng.pick(STREETS);
  const code = partner?.postcode ?? postcode(state, place.postcodeDistrict);
  const urbanRural =
    place.kind === "village"
      ? rng.chance(0.8)
        ? URBAN.village
        : URBAN.hamlet
      : place.kind === "town" && !place.urbanTown && rng.chance(0.55)
        ? URBAN.townAndFringe
        : URBAN.cityAndTown;

  const phone =
    status === "proposed" || rng.chance(0.03)
      ? null
      : (state.phones.pop() ?? `01632 960${String(rng.int(0, 999)).padStart(3, "0")}`);
  const website = status === "proposed" || rng.chance(0.04) ? null : `https://www.${slug(name)}.example.org`;

  const headFields =
    status === "open" && rng.chance(0.985)
      ? head(rng, kind, isAcademy)
      : { headTitle: null, headFirstName: null, headLastName: null, headJobTitle: null };

  const inspection =
    status === "proposed"
      ? { rating: null, date: null }
      : ofsted(
          rng,
          kind,
          openDate,
          closeDate && closeDate < currentStartIso ? closeDate : currentStartIso,
          currentStart,
        );

  const sixthForm =
    kind === "secondary" || kind === "all_through" || kind === "sixteen_plus" || kind === "independent"
      ? age.sixth
        ? SIXTH_FORM.has
        : SIXTH_FORM.hasNot
      : kind === "special" && age.sixth
        ? SIXTH_FORM.has
        : SIXTH_FORM.na;

  const orderRank = status === "proposed" ? 2 : isAcademy && status === "open" ? 1 : 0;
  const openOrder = openDate ? Date.parse(`${openDate}T00:00:00Z`) / 86_400_000 / 100_000 : 0;

  return {
    kind,
    subPhase,
    church,
    place,
    stem,
    orderKey: orderRank * 10 + (orderRank === 1 ? openOrder : rng.next()),
    area: place.area,
    laCode,
    laName: DEMO_LOCAL_AUTHORITIES[laCode],
    establishmentNumber: estab,
    laestab: `${laCode}${estab}`,
    name,
    typeName,
    typeGroup,
    phase: PHASE_OF_KIND[kind],
    status,
    giasStatus,
    openDate,
    closeDate,
    statutoryLowAge: age.low,
    statutoryHighAge: age.high,
    sixthForm,
    pupils,
    percentFsm,
    trust: isAcademy ? trustFor(rng, kind, church, place.area) : null,
    street,
    locality: place.locality,
    address3: null,
    town: place.town,
    county: laCode === "931" ? "Northshire" : null,
    postcode: code,
    website,
    phone,
    ...headFields,
    district: place.district,
    constituency: place.constituency,
    urbanRural,
    easting,
    northing,
    ofstedRating: inspection.rating,
    ofstedDate: inspection.date,
    senProvision: senProvisionFor(rng, kind),
  };
};

// ---------------------------------------------------------------------------------------------
// Music data

/** Share of open schools that return figures, by year index (oldest first): rising. */
const COVERAGE_BY_YEAR = [0.78, 0.83, 0.87, 0.9, 0.93] as const;

type KeyStages = { ks1: boolean; ks2: boolean; ks3: boolean; ks4: boolean; ks5: boolean };

const keyStages = (low: number, high: number): KeyStages => ({
  ks1: low <= 5 && high >= 7,
  ks2: low <= 9 && high >= 10,
  ks3: low <= 12 && high >= 14,
  ks4: low <= 14 && high >= 16,
  ks5: high >= 18,
});

/** Curriculum minutes a week: a school's habit, drifting up towards the national hour. */
const minutesTrack = (rng: Rng, years: number, choices: readonly number[]): number[] => {
  let m = rng.pick(choices);
  const out: number[] = [];
  for (let i = 0; i < years; i++) {
    if (i > 0) {
      if (m < 60 && rng.chance(0.25)) m += 5;
      else if (rng.chance(0.04)) m = Math.max(30, m - 5);
    }
    out.push(m);
  }
  return out;
};

const musicForSchool = (
  rng: Rng,
  school: Draft & { urn: number },
  years: readonly string[],
): DemoMusicYear[] => {
  const pupils = school.pupils;
  const low = school.statutoryLowAge;
  const high = school.statutoryHighAge;
  if (
    school.status !== "open" ||
    school.kind === "independent" ||
    pupils === null ||
    low === null ||
    high === null
  ) {
    return [];
  }
  const ks = keyStages(low, high);
  const kind = school.kind;
  const fsm = school.percentFsm;
  const cap = (x: number): number => clamp(Math.round(x), 0, pupils);
  const fsmCap = fsm === null ? 0 : Math.floor((pupils * fsm) / 100);
  // Poorer intakes take up paid-for tuition less: the equity gap the hub wants to see.
  const equity = fsm === null ? 1 : clamp(1.15 - fsm / 100, 0.7, 1.1);

  const primaryLike = kind === "primary" || kind === "all_through";
  const secondaryLike = kind === "secondary" || kind === "all_through";

  // Year-group size, for WCET classes and exam cohorts.
  const yearGroups = (() => {
    if (kind === "primary") return high - Math.max(low, 4) + (low <= 3 ? 0.5 : 0);
    if (kind === "secondary") return 5 + (ks.ks5 ? 1.2 : 0);
    if (kind === "all_through") return 12 + (low <= 3 ? 0.5 : 0) + 1.2;
    if (kind === "sixteen_plus") return 2;
    return Math.max(1, high - low);
  })();
  const yearGroup = pupils / yearGroups;

  // The school's habits, constant across years.
  const lowResponder = rng.chance(0.1);
  const wcetEligible = primaryLike || (kind === "special" && ks.ks2);
  const wcetYear2 = school.subPhase === "infant";
  const wcetFrom = wcetEligible
    ? rng.weighted([
        [0, wcetYear2 ? 0.3 : kind === "special" ? 0.35 : 0.74],
        [1, 0.06],
        [2, 0.05],
        [3, 0.04],
        [4, 0.03],
        [99, wcetYear2 ? 0.5 : 0.08],
      ] as const)
    : 99;
  const wcetStopsAt = rng.chance(0.05) ? rng.int(1, 4) : 99;
  const wcetClass =
    yearGroup < 22
      ? yearGroup * uniform(rng, 1.6, 2) // a mixed-age class in a small school
      : Math.min(60, yearGroup * uniform(rng, 0.85, 1.05));
  const continuationRate = uniform(rng, 0.1, 0.4);
  const instrumentRate = equity * (secondaryLike ? uniform(rng, 0.04, 0.13) : uniform(rng, 0.02, 0.09));
  const ensembleRate = equity * uniform(rng, 0.03, 0.12);
  const singingBase =
    kind === "primary" || kind === "all_through"
      ? uniform(rng, 0.1, 0.35)
      : kind === "secondary"
        ? uniform(rng, 0.02, 0.07)
        : kind === "special" || kind === "nursery"
          ? uniform(rng, 0.25, 0.6)
          : uniform(rng, 0, 0.05);
  const singingGrowth = uniform(rng, 0.015, 0.05);
  const sendRate = kind === "special" ? uniform(rng, 0.6, 0.95) : uniform(rng, 0.015, 0.06);
  const offersGcse = secondaryLike && ks.ks4 && rng.chance(0.88);
  const gcseRate = uniform(rng, 0.03, 0.11);
  const offersBtec =
    (secondaryLike && ks.ks4 && rng.chance(0.25)) || (kind === "sixteen_plus" && rng.chance(0.6));
  const btecRate = uniform(rng, 0.02, 0.07);
  const hasSixth = (secondaryLike || kind === "sixteen_plus") && ks.ks5;
  const offersAlevel = hasSixth && rng.chance(kind === "sixteen_plus" ? 0.9 : 0.65);
  const alevelRate = uniform(rng, 0.01, 0.05);
  const sdpBias = uniform(rng, -0.2, 0.25);

  const ks12Minutes = minutesTrack(rng, years.length, [40, 45, 45, 50, 50, 55, 60, 60]);
  const ks3Minutes = minutesTrack(
    rng,
    years.length,
    kind === "alternative_provision" ? [30, 40, 45, 60] : [30, 45, 50, 50, 55, 60, 60, 60],
  );
  const ks4Minutes = minutesTrack(rng, years.length, [100, 120, 120, 150, 150, 180]);

  const rows: DemoMusicYear[] = [];
  let sdp = false;
  years.forEach((academicYear, i) => {
    const yearEnd = isoDate(Number(academicYear.slice(0, 4)) + 1, 8, 31);
    if (school.openDate && school.openDate > yearEnd) return;
    const coverage = (COVERAGE_BY_YEAR[i] ?? 0.9) * (lowResponder ? 0.55 : 1.04);
    if (!rng.chance(Math.min(0.99, coverage))) return;

    const noise = (): number => uniform(rng, 0.88, 1.12);
    const growth = 1 + 0.04 * i;

    let wcetPupils: number | null = null;
    let wcetTerms: number | null = null;
    let continuingPupils: number | null = null;
    if (wcetEligible) {
      const runs = i >= wcetFrom && i < wcetStopsAt;
      wcetPupils = runs ? cap(Math.min(60, wcetClass * uniform(rng, 0.95, 1.05))) : 0;
      wcetTerms = runs
        ? rng.weighted([
            [1, Math.max(0.02, 0.1 - 0.02 * i)],
            [2, Math.max(0.05, 0.2 - 0.03 * i)],
            [3, 0.7 + 0.05 * i],
          ] as const)
        : 0;
      continuingPupils = runs ? cap(wcetPupils * clamp(continuationRate * noise(), 0.1, 0.4)) : 0;
    }

    const instrumentPupils =
      kind === "nursery" ? 0 : cap((continuingPupils ?? 0) + pupils * instrumentRate * growth * noise());
    const ensemblePupils = cap(pupils * ensembleRate * growth * noise());
    const singingPupils = cap(pupils * clamp((singingBase + singingGrowth * i) * noise(), 0, 0.95));

    const cohort = kind === "sixteen_plus" ? pupils / 2 : yearGroup;
    const gcseEntries = secondaryLike && ks.ks4 ? (offersGcse ? cap(cohort * gcseRate * noise()) : 0) : null;
    const btecEntries =
      (secondaryLike && ks.ks4) || kind === "sixteen_plus"
        ? offersBtec
          ? cap(cohort * btecRate * noise())
          : 0
        : null;
    const alevelEntries = hasSixth
      ? offersAlevel
        ? cap(Math.max(1, cohort * 0.6 * alevelRate * noise()))
        : 0
      : null;

    const engaged = Math.max(wcetPupils ?? 0, instrumentPupils, ensemblePupils, singingPupils);
    const sendPupilsEngaged = rng.chance(0.04)
      ? null
      : cap(pupils * sendRate * Math.min(1, growth * noise()));
    const fsmPupilsEngaged =
      fsm === null || rng.chance(0.04)
        ? null
        : Math.min(fsmCap, Math.round(((engaged * fsm) / 100) * uniform(rng, 0.6, 1.1)));

    const teachesKs1 = ks.ks1 && (primaryLike || kind === "special");
    const teachesKs2 = ks.ks2 && (primaryLike || kind === "special");
    const teachesKs3 = ks.ks3 && (secondaryLike || kind === "special" || kind === "alternative_provision");

    const sdpChance = clamp(0.3 + 0.08 * i + sdpBias, 0.05, 0.95);
    sdp = sdp ? rng.chance(0.95) : rng.chance(sdpChance);

    rows.push({
      urn: school.urn,
      academicYear,
      wcetPupils,
      wcetTerms,
      continuingPupils,
      instrumentPupils,
      ensemblePupils,
      singingPupils,
      gcseEntries,
      btecEntries,
      alevelEntries,
      sendPupilsEngaged,
      fsmPupilsEngaged,
      curriculumMinutesKs1: teachesKs1 ? (ks12Minutes[i] ?? null) : null,
      curriculumMinutesKs2: teachesKs2 ? (ks12Minutes[i] ?? null) : null,
      curriculumMinutesKs3: teachesKs3 ? (ks3Minutes[i] ?? null) : null,
      curriculumMinutesKs4: offersGcse ? (ks4Minutes[i] ?? null) : null,
      sdpMusic: rng.chance(0.04) ? null : sdp,
    });
  });
  return rows;
};

// ---------------------------------------------------------------------------------------------
// The generator

/**
 * The demo hub's schools and five years of their music data, from a seed. Pure: the same
 * options always give the same output.
 */
export const generateDemoSchools = (opts: GenerateDemoSchoolsOptions): DemoSchoolsData => {
  const count = opts.count ?? DEFAULT_DEMO_SCHOOL_COUNT;
  if (!Number.isInteger(count) || count < 0 || count > 100_000) {
    throw new RangeError(`count must be a whole number from 0 to 100000: got ${count}`);
  }
  if (!isAcademicYear(opts.currentYear)) {
    throw new RangeError(`currentYear must look like 2025/26: got "${opts.currentYear}"`);
  }
  if (!Number.isFinite(opts.seed)) throw new RangeError(`seed must be a number: got ${opts.seed}`);

  const currentStart = Number(academicYearStart(opts.currentYear).slice(0, 4));
  const rng = createRng(opts.seed);
  // A separate stream for the figures, so that tuning them never moves the schools.
  const musicRng = createRng((opts.seed ^ 0x5bd1e995) >>> 0);

  const state: GeneratorState = {
    rng,
    currentStart,
    names: new Set(),
    postcodes: new Set(),
    establishmentNumbers: new Set(),
    phones: shuffle(
      rng,
      Array.from({ length: 1000 }, (_, i) => `01632 960${String(i).padStart(3, "0")}`),
    ),
    unpairedInfants: new Map(),
  };

  // How deprived each town or neighbourhood is, relative to its area: FSM rates cluster.
  const townDeprivation = new Map<string, number>();
  for (const p of PLACES) {
    if (p.kind !== "village") townDeprivation.set(p.name, rng.normal(0, p.kind === "city" ? 7 : 4));
  }

  // Exact numbers of each kind and status, in a shuffled order.
  const kinds = shuffle(
    rng,
    apportion(count, KIND_SHARES).flatMap(([kind, n]) => Array.from({ length: n }, () => kind)),
  );
  const closed = Math.round(count * CLOSED_SHARE);
  const proposed = Math.round(count * PROPOSED_SHARE);
  const proposedToClose = Math.round(count * PROPOSED_TO_CLOSE_SHARE);
  // New and closing schools are mainstream; the rarer kinds stay open.
  const mainstream = kinds.flatMap((k, i) => (k === "primary" || k === "secondary" ? [i] : []));
  const chosen = shuffle(rng, mainstream);
  const statusAt = new Map<number, DemoSchoolStatus>();
  for (const i of chosen.slice(0, closed)) statusAt.set(i, "closed");
  for (const i of chosen.slice(closed, closed + proposed)) statusAt.set(i, "proposed");
  const closingAt = new Set(
    chosen
      .slice(closed + proposed, closed + proposed + proposedToClose)
      .filter((i) => kinds[i] === "primary"),
  );

  const drafts = kinds.map((kind, i) => {
    const draft = draftSchool(state, kind, statusAt.get(i) ?? "open", closingAt.has(i), townDeprivation);
    if (draft.subPhase === "infant" && draft.status === "open") {
      state.unpairedInfants.set(draft.area, [...(state.unpairedInfants.get(draft.area) ?? []), draft]);
    }
    return draft;
  });

  // URNs: older establishments first, then academies by opening date, then proposed ones.
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.orderKey - b.d.orderKey || a.i - b.i)
    .map(({ d }) => d);
  let urn = 140000;
  const withUrns = ordered.map((d, i) => {
    urn += i === 0 ? 1 : rng.int(1, 5);
    return { ...d, urn };
  });

  const years = previousAcademicYears(opts.currentYear, DEMO_MUSIC_YEARS);
  const musicData = withUrns.flatMap((school) => musicForSchool(musicRng, school, years));

  const schools = withUrns.map(
    ({
      kind: _kind,
      subPhase: _subPhase,
      church: _church,
      place: _place,
      stem: _stem,
      orderKey: _orderKey,
      ...school
    }) => school,
  );
  return { schools, musicData };
};
