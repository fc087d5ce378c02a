/**
 * Which area a school belongs to by the hub's rules: a district match first, then the outward
 * code of the postcode ("NS10 4AB" → "NS10"), both compared without regard to case or spacing.
 * Pure, so the web can preview what the server will decide.
 */

export type AreaRuleSchool = { district: string | null; postcode: string | null };
export type AreaRule = { id: string; districts: readonly string[]; postcodePrefixes: readonly string[] };

const simplify = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();

/** The outward code of a UK postcode: "NS10 4AB" → "NS10", "ns104ab" → "NS10"; null when not a postcode. */
export const outwardCode = (postcode: string | null): string | null => {
  if (!postcode) return null;
  const compact = postcode.replace(/\s+/g, "").toUpperCase();
  if (!compact) return null;
  const spaced = postcode.trim().toUpperCase().split(/\s+/);
  if (spaced.length === 2 && spaced[0]) return spaced[0];
  // Without a space the inward code is the last three characters (digit + two letters).
  if (compact.length >= 5 && /\d[A-Z]{2}$/.test(compact)) return compact.slice(0, -3);
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(compact) ? compact : null;
};

/** The id of the area the rules place the school in, or null when no rule matches. */
export const areaForSchool = (school: AreaRuleSchool, areas: readonly AreaRule[]): string | null => {
  if (school.district) {
    const district = simplify(school.district);
    const byDistrict = areas.find((a) => a.districts.some((d) => simplify(d) === district));
    if (byDistrict) return byDistrict.id;
  }
  const outward = outwardCode(school.postcode);
  if (outward) {
    const byPostcode = areas.find((a) => a.postcodePrefixes.some((p) => p.trim().toUpperCase() === outward));
    if (byPostcode) return byPostcode.id;
  }
  return null;
};
