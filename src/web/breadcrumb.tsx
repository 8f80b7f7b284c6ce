import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { matchPath, useLocation } from "react-router";
import { appRoutes } from "./routes";

/**
 * The breadcrumb of every page below home, built from the route table: each prefix of the address
 * that is itself a page becomes a link (« Conventions » above « Convention 2023-… »). A page whose
 * title depends on its data (a convention's number) names itself with `useBreadcrumbLabel`.
 */
const LabelContext = createContext<{ label?: { path: string; text: string }; setLabel: (l?: { path: string; text: string }) => void }>({
  setLabel: () => {},
});

export function BreadcrumbProvider({ children }: { children: ReactNode }) {
  const [label, setLabel] = useState<{ path: string; text: string }>();
  return <LabelContext.Provider value={{ label, setLabel }}>{children}</LabelContext.Provider>;
}

/** Names the current page in the breadcrumb, once its data says what it is. */
export function useBreadcrumbLabel(text: string | undefined) {
  const { setLabel } = useContext(LabelContext);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!text) return;
    setLabel({ path: pathname, text });
    return () => setLabel(undefined);
  }, [text, pathname, setLabel]);
}

const routeAt = (pathname: string) => appRoutes.find((r) => matchPath(r.path, pathname));

/** The trail to `pathname`: its ancestors that are pages, then the page itself (labels from the route table). */
export function breadcrumbTrail(pathname: string): { ancestors: { label: string; to: string }[]; current: string } | null {
  const clean = pathname.replace(/\/+$/, "") || "/";
  if (clean === "/") return null;
  const parts = clean.split("/").filter(Boolean);
  const ancestors: { label: string; to: string }[] = [];
  for (let i = 1; i < parts.length; i++) {
    const to = `/${parts.slice(0, i).join("/")}`;
    const route = routeAt(to);
    if (route?.label) ancestors.push({ label: route.label, to });
  }
  return { ancestors, current: routeAt(clean)?.label ?? "Page non trouvée" };
}

export function AppBreadcrumb() {
  const { pathname } = useLocation();
  const { label } = useContext(LabelContext);
  const trail = breadcrumbTrail(pathname);
  if (!trail) return null;
  return (
    <Breadcrumb
      className="fr-mt-0 fr-mb-3w"
      homeLinkProps={{ to: "/" }}
      segments={trail.ancestors.map((a) => ({ label: a.label, linkProps: { to: a.to } }))}
      currentPageLabel={label?.path === pathname ? label.text : trail.current}
    />
  );
}
