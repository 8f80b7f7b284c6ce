/**
 * The codes of a data·inclusion `zone_eligibilite` (schema 1.x: codes of the Code officiel
 * géographique): a commune (5 characters), a département (2 or 3), an EPCI (its 9-digit SIREN), a
 * country (99xxx; 99100 is France) or `france`. The schema's patterns overlap (99100 has five
 * characters like a commune): a country is recognised first. A région is written by the schema as
 * the list of its départements, so no région code is read here.
 */
export type ZoneCode =
  | { kind: "commune"; code: string }
  | { kind: "departement"; code: string }
  | { kind: "epci"; code: string }
  | { kind: "country"; code: string; france: boolean };

export function classifyZoneCode(code: string): ZoneCode | null {
  if (code === "france") return { kind: "country", code, france: true };
  if (/^99[0-5]\d{2}$/.test(code)) return { kind: "country", code, france: code === "99100" };
  if (/^\d{9}$/.test(code)) return { kind: "epci", code };
  if (/^\w{5}$/.test(code)) return { kind: "commune", code };
  if (/^\w{2,3}$/.test(code)) return { kind: "departement", code };
  return null;
}

/** Whether the zone names the whole of France: every commune is then covered. */
export const zoneIsNational = (zone: readonly string[] | null | undefined) =>
  (zone ?? []).some((c) => {
    const z = classifyZoneCode(c);
    return z?.kind === "country" && z.france;
  });
