import { useEffect } from "react";

/** Sets `<title>` to "Page · Tutti" (or "Page · Hub · Tutti"). */
export const useDocumentTitle = (...parts: Array<string | null | undefined>): void => {
  const title = [...parts.filter((p): p is string => Boolean(p)), "Tutti"].join(" · ");
  useEffect(() => {
    document.title = title;
  }, [title]);
};
