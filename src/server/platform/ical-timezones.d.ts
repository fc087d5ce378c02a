// @touch4it/ical-timezones ships no types: the one function Tutti uses.
declare module "@touch4it/ical-timezones" {
  /** The VTIMEZONE block for an Olson time zone name, or null when it does not know it. */
  export const getVtimezoneComponent: (timezone: string) => string | null;
}
