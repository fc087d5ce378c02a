// The seven Lead School focus areas (seed 000). These codes are an interface: the API, exports and
// imports use them everywhere (Lead Schools, CPD events, the plan's coverage measure).
export const FOCUS_AREAS = [
  "assessment",
  "composition_improvisation",
  "extra_curricular",
  "inclusive",
  "notation",
  "singing_in_parts",
  "transition",
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const FOCUS_AREA_LABELS: Record<FocusArea, string> = {
  assessment: "Assessment",
  composition_improvisation: "Composition and improvisation",
  extra_curricular: "Extra-curricular music making and ensemble playing",
  inclusive: "Inclusive music making",
  notation: "Notation",
  singing_in_parts: "Singing in parts",
  transition: "Year 6 – Year 7 transitions",
};

export const isFocusArea = (value: string): value is FocusArea =>
  (FOCUS_AREAS as readonly string[]).includes(value);
