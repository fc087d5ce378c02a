import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches now, following changes (false where there is no window). */
export const useMediaQuery = (query: string): boolean =>
  useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );

/** Phones: at most 640 px wide, where lists become cards and filters fold away. */
export const PHONE_QUERY = "(max-width: 640px)";
export const usePhone = (): boolean => useMediaQuery(PHONE_QUERY);
