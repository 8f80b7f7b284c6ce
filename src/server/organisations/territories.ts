import { createRequire } from "node:module";

/**
 * Territories come from the official referential @etalab/decoupage-administratif (COG),
 * never from hand-typed lists: a département's current communes, an EPCI's member communes.
 */
const require = createRequire(import.meta.url);
type Commune = { code: string; nom: string; departement: string; type: string };
type Epci = { code: string; nom: string; membres: { code: string; nom: string }[] };

let communes: Commune[] | null = null;
let epcis: Epci[] | null = null;
const allCommunes = () => {
  communes ??= (require("@etalab/decoupage-administratif/data/communes.json") as Commune[]).filter(
    (c) => c.type === "commune-actuelle",
  );
  return communes;
};
const allEpcis = () => {
  epcis ??= require("@etalab/decoupage-administratif/data/epci.json") as Epci[];
  return epcis;
};

export function communesOfDepartement(departementCode: string): string[] {
  const codes = allCommunes()
    .filter((c) => c.departement === departementCode)
    .map((c) => c.code);
  if (!codes.length) throw new Error(`Département inconnu du référentiel : ${departementCode}`);
  return codes;
}

export function epci(siren: string): { name: string; communes: string[] } {
  const found = allEpcis().find((e) => e.code === siren);
  if (!found) throw new Error(`EPCI inconnu du référentiel : ${siren}`);
  return { name: found.nom, communes: found.membres.map((m) => m.code) };
}

export function commune(code: string): { code: string; name: string; departement: string } {
  const found = allCommunes().find((c) => c.code === code);
  if (!found) throw new Error(`Commune inconnue du référentiel : ${code}`);
  return { code: found.code, name: found.nom, departement: found.departement };
}

export type TerritorySpec = { departement: string } | { departements: string[] } | { epci: string } | { communes: string[] };

export function resolveTerritory(spec: TerritorySpec): string[] {
  if ("departement" in spec) return communesOfDepartement(spec.departement);
  if ("departements" in spec) return spec.departements.flatMap(communesOfDepartement);
  if ("epci" in spec) return epci(spec.epci).communes;
  return spec.communes.map((c) => commune(c).code);
}
