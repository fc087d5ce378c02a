import { describe, expect, it } from "vitest";
import { academicYearStart, previousAcademicYears } from "../../shared/rules/academic-year";
import { normalisePhase, PHASE_LABELS } from "../../shared/rules/phase";
import {
  DEMO_AREA_RULES,
  DEMO_LOCAL_AUTHORITIES,
  DEMO_TRUSTS,
  type DemoArea,
  type DemoMusicYear,
  type DemoSchool,
  generateDemoSchools,
} from "./schools-demo";

const CURRENT_YEAR = "2025/26";
const SEEDS = [2026, 1, 42] as const;
const runs = new Map(SEEDS.map((seed) => [seed, generateDemoSchools({ seed, currentYear: CURRENT_YEAR })]));
const run = (seed: (typeof SEEDS)[number]) => {
  const data = runs.get(seed);
  if (!data) throw new Error(`no run for seed ${seed}`);
  return data;
};

const share = (schools: DemoSchool[], pred: (s: DemoSchool) => boolean): number =>
  schools.filter(pred).length / schools.length;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

const numbers = (xs: (number | null)[]): number[] => xs.filter((x): x is number => x !== null);

const outward = (postcode: string | null): string => (postcode ?? "").split(" ")[0] ?? "";

/** Names of real people, and real places, found in /work/shared/seeds: never in demo data. */
const BLOCKLIST = [
  "Sharon Jagdev-Powell",
  "Jagdev-Powell",
  "Jagdev",
  "Sarah Share",
  "John Packer",
  "Packer",
  "John Cleveland",
  "Leicester",
  "Leicestershire",
  "Derbyshire",
  "Gloucestershire",
  "Cheltenham",
  "Wigston",
  "Shepshed",
  "Charnwood",
];

const PUPIL_FIELDS = [
  "wcetPupils",
  "continuingPupils",
  "instrumentPupils",
  "ensemblePupils",
  "singingPupils",
  "gcseEntries",
  "btecEntries",
  "alevelEntries",
  "sendPupilsEngaged",
  "fsmPupilsEngaged",
] as const satisfies readonly (keyof DemoMusicYear)[];

const PRIMARY_ONLY = [
  "wcetPupils",
  "wcetTerms",
  "continuingPupils",
  "curriculumMinutesKs1",
  "curriculumMinutesKs2",
] as const;
const SECONDARY_ONLY = [
  "gcseEntries",
  "btecEntries",
  "alevelEntries",
  "curriculumMinutesKs3",
  "curriculumMinutesKs4",
] as const;

describe("generateDemoSchools: determinism", () => {
  it("gives identical output for the same seed", () => {
    const again = generateDemoSchools({ seed: 2026, currentYear: CURRENT_YEAR });
    expect(again).toEqual(run(2026));
    expect(JSON.stringify(again)).toBe(JSON.stringify(run(2026)));
  });

  it("gives different output for a different seed", () => {
    const a = run(2026);
    const b = run(1);
    expect(a.schools.map((s) => s.name)).not.toEqual(b.schools.map((s) => s.name));
    expect(a.musicData).not.toEqual(b.musicData);
  });

  it("refuses a malformed year or count", () => {
    expect(() => generateDemoSchools({ seed: 1, currentYear: "2025/27" })).toThrow(RangeError);
    expect(() => generateDemoSchools({ seed: 1, currentYear: CURRENT_YEAR, count: -1 })).toThrow(RangeError);
    expect(() => generateDemoSchools({ seed: 1, currentYear: CURRENT_YEAR, count: 2.5 })).toThrow(RangeError);
  });

  it("honours count, including small and empty hubs", () => {
    expect(generateDemoSchools({ seed: 5, currentYear: CURRENT_YEAR, count: 37 }).schools).toHaveLength(37);
    expect(generateDemoSchools({ seed: 5, currentYear: CURRENT_YEAR, count: 0 })).toEqual({
      schools: [],
      musicData: [],
    });
  });
});

describe.each(SEEDS)("generateDemoSchools(seed %i): the register", (seed) => {
  const { schools } = run(seed);
  const open = schools.filter((s) => s.status === "open");

  it("makes 400 schools by default in England-like proportions", () => {
    expect(schools).toHaveLength(400);
    expect(share(schools, (s) => s.phase === "primary")).toBeGreaterThanOrEqual(0.75);
    expect(share(schools, (s) => s.phase === "primary")).toBeLessThanOrEqual(0.81);
    expect(share(schools, (s) => s.phase === "secondary")).toBeGreaterThanOrEqual(0.14);
    expect(share(schools, (s) => s.phase === "secondary")).toBeLessThanOrEqual(0.18);
    expect(share(schools, (s) => s.phase === "special")).toBeGreaterThanOrEqual(0.02);
    expect(share(schools, (s) => s.phase === "special")).toBeLessThanOrEqual(0.04);
    expect(share(schools, (s) => s.phase === "alternative_provision")).toBeGreaterThanOrEqual(0.01);
    expect(share(schools, (s) => s.phase === "alternative_provision")).toBeLessThanOrEqual(0.02);
    for (const phase of ["all_through", "nursery", "sixteen_plus"] as const) {
      expect(schools.some((s) => s.phase === phase)).toBe(true);
    }
    expect(share(schools, (s) => s.status === "closed")).toBeCloseTo(0.03, 2);
    expect(share(schools, (s) => s.status === "proposed")).toBeCloseTo(0.01, 2);
  });

  it("puts about 40% of schools in one of about fifteen trusts, and only academies", () => {
    const inTrust = share(schools, (s) => s.trust !== null);
    expect(inTrust).toBeGreaterThanOrEqual(0.33);
    expect(inTrust).toBeLessThanOrEqual(0.48);
    expect(DEMO_TRUSTS.length).toBeGreaterThanOrEqual(13);
    expect(DEMO_TRUSTS.length).toBeLessThanOrEqual(17);
    for (const s of schools) {
      if (s.trust !== null) {
        expect(DEMO_TRUSTS).toContain(s.trust);
        expect(["Academies", "Free Schools"]).toContain(s.typeGroup);
      }
    }
  });

  it("gives every school a unique 6-digit URN and a consistent LAEstab", () => {
    const urns = schools.map((s) => s.urn);
    expect(new Set(urns).size).toBe(schools.length);
    expect(urns).toEqual([...urns].sort((a, b) => a - b));
    const laestabs = new Set<string>();
    for (const s of schools) {
      expect(Number.isInteger(s.urn) && s.urn >= 100000 && s.urn <= 999999).toBe(true);
      expect(s.establishmentNumber).toMatch(/^\d{4}$/);
      expect(s.laestab).toBe(`${s.laCode}${s.establishmentNumber}`);
      expect(s.laName).toBe(DEMO_LOCAL_AUTHORITIES[s.laCode]);
      laestabs.add(s.laestab);
    }
    expect(laestabs.size).toBe(schools.length);
    expect(new Set(schools.map((s) => s.name)).size).toBe(schools.length);
  });

  it("places every school in an area, with the postcode district, district and LA of that area", () => {
    const byDistrict = new Map<string, DemoArea>();
    const byPostcode = new Map<string, DemoArea>();
    for (const [area, rule] of Object.entries(DEMO_AREA_RULES) as [
      DemoArea,
      (typeof DEMO_AREA_RULES)[DemoArea],
    ][]) {
      for (const d of rule.districts) byDistrict.set(d, area);
      for (const p of rule.postcodeDistricts) byPostcode.set(p, area);
    }
    for (const s of schools) {
      expect(["City", "North", "South", "East", "West"]).toContain(s.area);
      expect(s.postcode).toMatch(/^NS\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/);
      expect(byPostcode.get(outward(s.postcode))).toBe(s.area);
      expect(byDistrict.get(s.district ?? "")).toBe(s.area);
      expect(s.laCode).toBe(DEMO_AREA_RULES[s.area].laCode);
      expect(s.laCode === "932").toBe(s.area === "City");
    }
    // City NS1–NS4, North NS10–NS14, South NS20–NS24, East NS30–NS34, West NS40–NS44.
    const first: Record<DemoArea, number> = { City: 1, North: 10, South: 20, East: 30, West: 40 };
    for (const s of schools) {
      const n = Number(outward(s.postcode).slice(2));
      const lo = first[s.area];
      expect(n >= lo && n <= lo + (s.area === "City" ? 3 : 4)).toBe(true);
    }
    for (const area of ["City", "North", "South", "East", "West"] as const) {
      expect(schools.filter((s) => s.area === area).length).toBeGreaterThan(40);
    }
  });

  it("clusters grid references by area inside the hub's box", () => {
    for (const s of schools) {
      expect(s.easting).not.toBeNull();
      expect(s.northing).not.toBeNull();
      expect(s.easting ?? 0).toBeGreaterThanOrEqual(420000);
      expect(s.easting ?? 0).toBeLessThanOrEqual(470000);
      expect(s.northing ?? 0).toBeGreaterThanOrEqual(380000);
      expect(s.northing ?? 0).toBeLessThanOrEqual(430000);
    }
    const centre = (area: DemoArea) => {
      const inArea = schools.filter((s) => s.area === area);
      return {
        e: mean(numbers(inArea.map((s) => s.easting))),
        n: mean(numbers(inArea.map((s) => s.northing))),
      };
    };
    const city = centre("City");
    expect(centre("North").n).toBeGreaterThan(city.n + 8000);
    expect(centre("South").n).toBeLessThan(city.n - 8000);
    expect(centre("East").e).toBeGreaterThan(city.e + 8000);
    expect(centre("West").e).toBeLessThan(city.e - 8000);
  });

  it("sizes schools believably and gives the City higher free school meals", () => {
    const primaries = numbers(open.filter((s) => s.phase === "primary").map((s) => s.pupils));
    const secondaries = numbers(open.filter((s) => s.phase === "secondary").map((s) => s.pupils));
    expect(Math.min(...primaries)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...primaries)).toBeLessThanOrEqual(650);
    expect(median(primaries)).toBeGreaterThanOrEqual(210);
    expect(median(primaries)).toBeLessThanOrEqual(290);
    expect(Math.min(...secondaries)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...secondaries)).toBeLessThanOrEqual(1800);

    const fsm = numbers(open.map((s) => s.percentFsm));
    for (const f of fsm) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(100);
      expect(Math.round(f * 10) / 10).toBe(f);
    }
    expect(fsm.filter((f) => f >= 5 && f <= 45).length / fsm.length).toBeGreaterThan(0.8);
    const cityFsm = mean(numbers(open.filter((s) => s.area === "City").map((s) => s.percentFsm)));
    const countyFsm = mean(numbers(open.filter((s) => s.area !== "City").map((s) => s.percentFsm)));
    expect(cityFsm).toBeGreaterThan(countyFsm + 8);
  });

  it("uses GIAS vocabulary that the phase rule reads back to the same phase", () => {
    const groups = [
      "Local authority maintained schools",
      "Academies",
      "Free Schools",
      "Special schools",
      "Other types",
      "Independent schools",
    ];
    for (const s of schools) {
      expect(groups).toContain(s.typeGroup);
      expect(normalisePhase(PHASE_LABELS[s.phase], s.typeName, s.typeGroup)).toBe(s.phase);
      expect(["Has a sixth form", "Does not have a sixth form", "Not applicable"]).toContain(s.sixthForm);
      if (s.sixthForm === "Has a sixth form") expect(s.statutoryHighAge ?? 0).toBeGreaterThanOrEqual(18);
      expect(s.statutoryLowAge ?? 0).toBeLessThan(s.statutoryHighAge ?? 0);
    }
    const infants = schools.filter((s) => / Infant /.test(s.name));
    const juniors = schools.filter((s) => / Junior /.test(s.name));
    expect(infants.length).toBeGreaterThan(0);
    expect(juniors.length).toBeGreaterThan(0);
    for (const s of infants) expect(s.statutoryHighAge).toBe(7);
    for (const s of juniors) expect([s.statutoryLowAge, s.statutoryHighAge]).toEqual([7, 11]);
  });

  it("dates closed and proposed schools around the current year", () => {
    const start = academicYearStart(CURRENT_YEAR);
    for (const s of schools) {
      if (s.status === "closed") {
        expect(s.giasStatus).toBe("Closed");
        expect(s.closeDate ?? "").toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect((s.closeDate ?? "") < start).toBe(true);
        if (s.openDate) expect(s.openDate < (s.closeDate ?? "")).toBe(true);
      } else if (s.status === "proposed") {
        expect(s.giasStatus).toBe("Proposed to open");
        expect((s.openDate ?? "") > start).toBe(true);
        expect(s.pupils).toBeNull();
      } else {
        expect(["Open", "Open, but proposed to close"]).toContain(s.giasStatus);
        if (s.openDate) expect(s.openDate < start).toBe(true);
      }
      if (s.ofstedDate) {
        expect(s.ofstedRating).not.toBeNull();
        expect(s.ofstedDate < start).toBe(true);
        if (s.openDate) expect(s.ofstedDate > s.openDate).toBe(true);
        const weekday = new Date(`${s.ofstedDate}T00:00:00Z`).getUTCDay();
        expect(weekday >= 1 && weekday <= 5).toBe(true);
      }
    }
  });

  it("uses drama phone numbers, example websites and fictional heads", () => {
    const phones: number[] = [];
    for (const s of schools) {
      if (s.phone !== null) {
        expect(s.phone).toMatch(/^01632 960\d{3}$/);
        phones.push(Number(s.phone.slice(-6)));
      }
      if (s.website !== null) expect(s.website).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example\.org$/);
      expect(s.county === null).toBe(s.laCode === "932");
    }
    expect(new Set(phones).size).toBe(phones.length);
    expect(open.filter((s) => s.headLastName !== null).length / open.length).toBeGreaterThan(0.95);
  });

  it("contains no real person or place named in the seed documents", () => {
    const text = JSON.stringify(run(seed));
    for (const banned of BLOCKLIST) {
      const pattern = new RegExp(`\\b${banned.replace(/[-]/g, "\\-")}\\b`, "i");
      expect(pattern.test(text), banned).toBe(false);
    }
    const fullNames = new Set(schools.map((s) => `${s.headFirstName} ${s.headLastName}`));
    for (const banned of ["Sharon Jagdev-Powell", "Sarah Share", "John Packer"]) {
      expect(fullNames.has(banned)).toBe(false);
    }
  });
});

describe.each(SEEDS)("generateDemoSchools(seed %i): music data", (seed) => {
  const { schools, musicData } = run(seed);
  const byUrn = new Map(schools.map((s) => [s.urn, s]));
  const years = previousAcademicYears(CURRENT_YEAR, 5);
  const eligible = schools.filter((s) => s.status === "open" && s.typeGroup !== "Independent schools");

  const schoolOf = (row: DemoMusicYear): DemoSchool => {
    const school = byUrn.get(row.urn);
    if (!school) throw new Error(`music data for unknown URN ${row.urn}`);
    return school;
  };

  it("covers five years ending with the current year, for open schools, about 85% of them", () => {
    expect(new Set(musicData.map((m) => m.academicYear))).toEqual(new Set(years));
    const keys = musicData.map((m) => `${m.urn} ${m.academicYear}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of musicData) expect(schoolOf(row).status).toBe("open");
    const coverage = musicData.length / (eligible.length * years.length);
    expect(coverage).toBeGreaterThanOrEqual(0.78);
    expect(coverage).toBeLessThanOrEqual(0.92);
    const perYear = years.map((y) => musicData.filter((m) => m.academicYear === y).length);
    expect(perYear[4] ?? 0).toBeGreaterThan(perYear[0] ?? 0);
  });

  it("never reports more pupils than are on roll, nor more FSM pupils than the school has", () => {
    const problems: string[] = [];
    for (const row of musicData) {
      const school = schoolOf(row);
      const pupils = school.pupils ?? 0;
      const where = `${school.name} ${row.academicYear}`;
      for (const field of PUPIL_FIELDS) {
        const value = row[field];
        if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= pupils)) {
          problems.push(`${where}: ${field} ${value} of ${pupils} pupils`);
        }
      }
      if (row.fsmPupilsEngaged !== null && row.fsmPupilsEngaged > (pupils * (school.percentFsm ?? 0)) / 100) {
        problems.push(
          `${where}: ${row.fsmPupilsEngaged} FSM pupils engaged, ${school.percentFsm}% of ${pupils}`,
        );
      }
      if (row.continuingPupils !== null && row.wcetPupils !== null) {
        if (row.continuingPupils > Math.ceil(row.wcetPupils * 0.4)) {
          problems.push(`${where}: ${row.continuingPupils} continuing of ${row.wcetPupils} in WCET`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps secondary figures null for primaries and primary figures null for secondaries", () => {
    const problems: string[] = [];
    for (const row of musicData) {
      const school = schoolOf(row);
      const where = `${school.name} ${row.academicYear}`;
      const high = school.statutoryHighAge ?? 0;
      if (school.phase === "primary") {
        for (const f of SECONDARY_ONLY) if (row[f] !== null) problems.push(`${where}: primary with ${f}`);
      }
      if (school.phase === "secondary") {
        for (const f of PRIMARY_ONLY) if (row[f] !== null) problems.push(`${where}: secondary with ${f}`);
      }
      if ((row.gcseEntries !== null || row.btecEntries !== null) && high < 16) {
        problems.push(`${where}: exam entries for ages to ${high}`);
      }
      if (row.alevelEntries !== null && high < 18) problems.push(`${where}: A level for ages to ${high}`);
      if (!row.gcseEntries && row.curriculumMinutesKs4 !== null) problems.push(`${where}: KS4 time, no GCSE`);
    }
    expect(problems).toEqual([]);
  });

  it("runs WCET as about one class per primary and continues 10–40% of it", () => {
    const primaryRows = musicData.filter((m) => schoolOf(m).phase === "primary" && (m.wcetPupils ?? 0) > 0);
    expect(primaryRows.length).toBeGreaterThan(0);
    const sizes = numbers(primaryRows.map((m) => m.wcetPupils));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(60);
    expect(median(sizes)).toBeGreaterThanOrEqual(25);
    const rates = primaryRows.map((m) => (m.continuingPupils ?? 0) / (m.wcetPupils ?? 1));
    expect(median(rates)).toBeGreaterThan(0.15);
    expect(median(rates)).toBeLessThan(0.35);
    for (const m of primaryRows) expect([1, 2, 3]).toContain(m.wcetTerms);
  });

  it("shows singing and curriculum time rising over the years", () => {
    const first = years[0] ?? "";
    const last = years[4] ?? "";
    const singingShare = (y: string) => {
      const rows = musicData.filter((m) => m.academicYear === y && m.singingPupils !== null);
      return (
        rows.reduce((a, m) => a + (m.singingPupils ?? 0), 0) /
        rows.reduce((a, m) => a + (schoolOf(m).pupils ?? 0), 0)
      );
    };
    expect(singingShare(last)).toBeGreaterThan(singingShare(first) * 1.2);
    const minutes = (y: string) =>
      mean(numbers(musicData.filter((m) => m.academicYear === y).map((m) => m.curriculumMinutesKs2)));
    expect(minutes(last)).toBeGreaterThan(minutes(first));
    for (const m of musicData) {
      for (const f of ["curriculumMinutesKs1", "curriculumMinutesKs2", "curriculumMinutesKs3"] as const) {
        const v = m[f];
        if (v !== null) {
          expect(v).toBeGreaterThanOrEqual(30);
          expect(v).toBeLessThanOrEqual(75);
        }
      }
    }
    const ks12 = numbers(musicData.map((m) => m.curriculumMinutesKs2));
    expect(median(ks12)).toBeGreaterThanOrEqual(45);
    expect(median(ks12)).toBeLessThanOrEqual(60);
  });

  it("gives no figures for a year before a school opened", () => {
    for (const row of musicData) {
      const openDate = schoolOf(row).openDate;
      if (openDate) expect(openDate <= `${Number(row.academicYear.slice(0, 4)) + 1}-08-31`).toBe(true);
    }
  });
});
