import { useEffect } from "react";

/** Each page has its own title (RGAA: the title says where you are). */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} — Tandem`;
  }, [title]);
}
