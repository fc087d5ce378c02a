import { describe, expect, it } from "vitest";
import {
  type ExportSchool,
  schoolExportFileName,
  schoolExportHeaders,
  schoolExportRow,
} from "./school-export";

const school: ExportSchool = {
  urn: 140001,
  laestab: "9312001",
  name: "Kestwick Primary School",
  phase: "primary",
  typeName: "Academy converter",
  status: "proposed",
  laName: "Northshire",
  laCode: "931",
  town: "Kestwick",
  postcode: "NS10 4AB",
  pupils: 380,
  percentFsm: 21.5,
  trust: null,
  areaName: "North",
  linkOfficerName: "Sam Okafor",
  tags: ["lead school", "wcet"],
};

describe("school export", () => {
  it("names its columns for people", () => {
    expect(schoolExportHeaders()).toEqual([
      "URN",
      "LAEstab",
      "School",
      "Phase",
      "Type",
      "Status",
      "LA",
      "Town",
      "Postcode",
      "Pupils",
      "% FSM",
      "Trust",
      "Area",
      "Link officer",
      "Tags",
    ]);
  });
  it("writes labels, not codes", () => {
    expect(schoolExportRow(school)).toEqual([
      140001,
      "9312001",
      "Kestwick Primary School",
      "Primary",
      "Academy converter",
      "Proposed to open",
      "Northshire",
      "Kestwick",
      "NS10 4AB",
      380,
      21.5,
      null,
      "North",
      "Sam Okafor",
      "lead school; wcet",
    ]);
    expect(schoolExportRow({ ...school, laName: null, tags: [] })[6]).toBe("931");
  });
  it("names the file for the hub and the day", () => {
    expect(schoolExportFileName("northshire", new Date("2026-11-25T10:00:00Z"), "xlsx")).toBe(
      "schools-northshire-2026-11-25.xlsx",
    );
  });
});
