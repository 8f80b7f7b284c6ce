import { describe, expect, it } from "vitest";
import { breadcrumbTrail } from "./breadcrumb";

describe("the breadcrumb trail, from the route table", () => {
  it("home has none", () => {
    expect(breadcrumbTrail("/")).toBeNull();
  });

  it("a first-level page sits right under home", () => {
    expect(breadcrumbTrail("/conventions")).toEqual({ ancestors: [], current: "Conventions" });
    expect(breadcrumbTrail("/gestion-des-cookies/")).toEqual({ ancestors: [], current: "Gestion des cookies" });
  });

  it("a page below another links back to it, whether static or named by an id", () => {
    expect(breadcrumbTrail("/conventions/import")).toEqual({ ancestors: [{ label: "Conventions", to: "/conventions" }], current: "Importer une convention" });
    expect(breadcrumbTrail("/accompagnements/3f2a")).toEqual({ ancestors: [{ label: "Mon portefeuille", to: "/accompagnements" }], current: "Accompagnement" });
    expect(breadcrumbTrail("/journal-audit/integrite")).toEqual({ ancestors: [{ label: "Journal d’audit", to: "/journal-audit" }], current: "Intégrité du journal" });
  });

  it("a prefix that is no page is skipped, an unknown address is named as such", () => {
    expect(breadcrumbTrail("/organisations/42/utilisateurs")).toEqual({ ancestors: [], current: "Utilisateurs de l’organisation" });
    expect(breadcrumbTrail("/nulle-part")).toEqual({ ancestors: [], current: "Page non trouvée" });
  });
});
