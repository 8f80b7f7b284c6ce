import { classifyZoneCode, zoneIsNational } from "../../domain/directory/zone.js";
import { communesOfDepartement, findCommune, findDepartement, findEpci } from "../organisations/territories.js";

/**
 * The communes a `zone_eligibilite` covers, from the official referential (the same one the
 * conventions' territories come from): what directory_service_communes stores, so that a search
 * for a person's commune is an index lookup. A national zone covers every commune without listing
 * them; codes of a COG shape the referential does not know are returned for the caller to report.
 */
export function expandZone(zone: readonly string[] | null | undefined): { national: boolean; communes: string[]; unknown: string[] } {
  const communes = new Set<string>();
  const unknown: string[] = [];
  for (const code of zone ?? []) {
    const z = classifyZoneCode(code);
    if (z?.kind === "commune" && findCommune(code)) communes.add(code);
    else if (z?.kind === "departement" && findDepartement(code)) for (const c of communesOfDepartement(code)) communes.add(c);
    else if (z?.kind === "epci" && findEpci(code)) for (const m of findEpci(code)?.membres ?? []) communes.add(m.code);
    else if (z?.kind === "country") continue; // France is national; another country covers no French commune.
    // A code of no COG shape is the schema's refusal (its pattern), not the referential's.
    else if (z !== null) unknown.push(code);
  }
  return { national: zoneIsNational(zone), communes: [...communes], unknown };
}
