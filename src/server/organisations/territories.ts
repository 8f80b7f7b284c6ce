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

type Departement = { code: string; nom: string };
let departements: Departement[] | null = null;
const allDepartements = () => {
  departements ??= (require("@etalab/decoupage-administratif/data/departements.json") as Departement[]).filter((d) =>
    allCommunes().some((c) => c.departement === d.code),
  );
  return departements;
};

/** Lower case, no accents, hyphens and apostrophes as spaces: « Saint-Étienne » and « st etienne » meet. */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[-'’]/g, " ")
    .replace(/\bst\b/g, "saint")
    .replace(/\s+/g, " ")
    .trim();

export type ReferentialEntry = { code: string; name: string; detail: string };
const SEARCH_LIMIT = 20;

/** A département by its code, or null. */
export const findDepartement = (code: string) => allDepartements().find((d) => d.code === code) ?? null;
let communesByCode: Map<string, Commune> | null = null;
/** A current commune by its INSEE code, or null (a map: indicators label hundreds of communes per page). */
export const findCommune = (code: string) => {
  communesByCode ??= new Map(allCommunes().map((c) => [c.code, c]));
  return communesByCode.get(code) ?? null;
};
/** An EPCI by its SIREN, or null. */
export const findEpci = (siren: string) => allEpcis().find((e) => e.code === siren) ?? null;

/** The EPCI that have at least one of these communes as a member, by name. */
export function epcisOfCommunes(codes: readonly string[]): { code: string; name: string }[] {
  const wanted = new Set(codes);
  return allEpcis()
    .filter((e) => e.membres.some((m) => wanted.has(m.code)))
    .sort((a, b) => a.nom.localeCompare(b.nom, "fr"))
    .map((e) => ({ code: e.code, name: e.nom }));
}

/** Current communes whose name or INSEE code or postal code starts like `q` (at most 20, best first). */
export function searchCommunes(q: string): ReferentialEntry[] {
  const term = fold(q);
  if (!term) return [];
  const digits = /^[0-9][0-9ab]/.test(term);
  const found = allCommunes().filter((c) =>
    digits ? c.code.toLowerCase().startsWith(term) || ((c as { codesPostaux?: string[] }).codesPostaux ?? []).some((p) => p.startsWith(term)) : fold(c.nom).includes(term),
  );
  const rank = (c: Commune) => (fold(c.nom) === term ? 0 : fold(c.nom).startsWith(term) ? 1 : 2);
  return found
    .sort((a, b) => rank(a) - rank(b) || a.nom.localeCompare(b.nom, "fr"))
    .slice(0, SEARCH_LIMIT)
    .map((c) => ({ code: c.code, name: c.nom, detail: `${c.code} — ${findDepartement(c.departement)?.nom ?? c.departement}` }));
}

/** EPCI whose name contains `q`, or whose SIREN starts with it. */
export function searchEpcis(q: string): ReferentialEntry[] {
  const term = fold(q);
  if (!term) return [];
  return allEpcis()
    .filter((e) => (/^[0-9]/.test(term) ? e.code.startsWith(term) : fold(e.nom).includes(term)))
    .sort((a, b) => a.nom.localeCompare(b.nom, "fr"))
    .slice(0, SEARCH_LIMIT)
    .map((e) => ({ code: e.code, name: e.nom, detail: `SIREN ${e.code} — ${e.membres.length} communes` }));
}

/** Every département of the referential that has communes, in code order. */
export const listDepartements = (): ReferentialEntry[] =>
  allDepartements().map((d) => ({ code: d.code, name: d.nom, detail: d.code }));
