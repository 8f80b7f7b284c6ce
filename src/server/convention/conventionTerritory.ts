import type { ConventionTerms, ConventionTerritory } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";
import { communesOfDepartement, findCommune, findDepartement, findEpci } from "../organisations/territories.js";
import type { FileIssue } from "./conventionErrors.js";

/**
 * A convention's territory (ADR 0027): the communes, stored in convention_communes, whose residents
 * the professionals acting under it may find, read, orient and record (the reach rule is
 * communeInReachSql in conventionTerms.ts). Its file may narrow it to a département, an EPCI or a
 * list of communes, taken from the official referential; without that, it is the union of the
 * territories of its signing partner parties.
 */

/** Where the communes of a département or an EPCI come from: the official referential, or a test's own. */
export type TerritoryReferential = { departement: (code: string) => string[]; epciMembers: (siren: string) => string[] };
export const officialReferential: TerritoryReferential = {
  departement: communesOfDepartement,
  epciMembers: (siren) => findEpci(siren)?.membres.map((m) => m.code) ?? [],
};

/** The file's territory codes unknown to the referential, as import issues citing each value. */
export function territoryIssues(territory: ConventionTerritory | undefined): FileIssue[] {
  if (!territory) return [];
  if ("departement" in territory) {
    return findDepartement(territory.departement)
      ? []
      : [{ path: "convention.territory.departement", message: `Département inconnu du référentiel officiel : « ${territory.departement} ».` }];
  }
  if ("epci" in territory) {
    return findEpci(territory.epci) ? [] : [{ path: "convention.territory.epci", message: `EPCI inconnu du référentiel officiel : « ${territory.epci} » (SIREN).` }];
  }
  return territory.communes.flatMap((code, i) =>
    findCommune(code) ? [] : [{ path: `convention.territory.communes.${i}`, message: `Commune inconnue du référentiel officiel : « ${code} » (code INSEE).` }],
  );
}

/** The communes the file's territory names, from the referential; null when the file names none (the parties' union). */
export function communesOfTerritory(territory: ConventionTerritory | undefined, referential: TerritoryReferential): string[] | null {
  if (!territory) return null;
  if ("departement" in territory) return referential.departement(territory.departement);
  if ("epci" in territory) return referential.epciMembers(territory.epci);
  return territory.communes;
}

/**
 * Writes the convention's communes: those the file names, or the union of the territories of its
 * partner parties that sign it (a successor takes the convention on its predecessor's territory,
 * not on its own wider one: the Collectivité européenne d'Alsace keeps the Bas-Rhin's). One
 * statement either way; the table is only rewritten here.
 */
export async function storeConventionTerritory(db: Db, conventionId: string, territory: ConventionTerritory | undefined, referential = officialReferential) {
  const named = communesOfTerritory(territory, referential);
  await db.query(
    `WITH wanted AS (
       SELECT DISTINCT code FROM unnest($2::text[]) code WHERE $2::text[] IS NOT NULL
       UNION
       SELECT oc.insee_code FROM convention_parties p JOIN organisation_communes oc ON oc.organisation_id = p.organisation_id
        WHERE $2::text[] IS NULL AND p.convention_id = $1 AND p.side = 'partner' AND p.valid_from IS NULL),
     removed AS (DELETE FROM convention_communes cc WHERE cc.convention_id = $1 AND cc.insee_code NOT IN (SELECT code FROM wanted))
     INSERT INTO convention_communes (convention_id, insee_code) SELECT $1, code FROM wanted ON CONFLICT DO NOTHING`,
    [conventionId, named],
  );
}

/**
 * Recomputes every territory that follows its source (ADR 0027): the parties' union (their
 * territories change when an administrator edits them), a département, an EPCI with « the communes
 * that join » — from the referential as it is now. An EPCI « at signature » is frozen once every
 * party has signed: its members are those of the referential in force the day of the last
 * signature (until then, a draft follows the referential). Run at start-up and every day.
 */
export async function refreshConventionTerritories(db: Db, referential = officialReferential): Promise<number> {
  const rows = await db.query<{ id: string; territory: ConventionTerritory | null; signed: boolean }>(
    `SELECT c.id, c.base_terms->'territory' AS territory, (c.signed_on IS NOT NULL) AS signed FROM conventions c ORDER BY c.number`,
  );
  let refreshed = 0;
  for (const r of rows) {
    const territory = r.territory ?? undefined;
    if (territory && "epci" in territory && territory.members === "at_signature" && r.signed) continue;
    // A code the referential no longer knows (an EPCI dissolved) keeps the communes it had: an empty territory would close it.
    let named: string[] | null;
    try {
      named = communesOfTerritory(territory, referential);
    } catch {
      continue;
    }
    if (named?.length === 0) continue;
    await storeConventionTerritory(db, r.id, territory, referential);
    refreshed++;
  }
  return refreshed;
}

/**
 * An administrator changed an organisation's territory: the conventions whose territory is the
 * union of their partner parties' follow at once, in the same transaction (not at the next daily run).
 */
export async function refreshTerritoriesOfParty(db: Db, organisationId: string): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT c.id FROM conventions c JOIN convention_parties p ON p.convention_id = c.id
      WHERE p.organisation_id = $1 AND p.side = 'partner' AND p.valid_from IS NULL AND c.base_terms->'territory' IS NULL`,
    [organisationId],
  );
  for (const r of rows) await storeConventionTerritory(db, r.id, undefined);
  return rows.length;
}

/** The territory line of the convention page: « CA du Grand Troyes (81 communes, y compris celles qui le rejoignent) ». */
export async function conventionTerritorySummary(db: Db, conventionId: string, terms: Pick<ConventionTerms, "territory">) {
  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM convention_communes WHERE convention_id = $1", [conventionId]);
  const communes = Number(n);
  const count = `${communes} commune${communes > 1 ? "s" : ""}`;
  const t = terms.territory;
  if (!t) return { communes, description: `Union des territoires des parties (${count})`, source: null };
  if ("departement" in t) {
    return { communes, description: `Département ${findDepartement(t.departement)?.nom ?? t.departement} (${count})`, source: t.source };
  }
  if ("epci" in t) {
    const rule = t.members === "at_signature_and_joining" ? "y compris celles qui le rejoignent" : "membres à la signature";
    return { communes, description: `${findEpci(t.epci)?.nom ?? `EPCI ${t.epci}`} (${count}, ${rule})`, source: t.source };
  }
  const names = t.communes.slice(0, 5).map((code) => findCommune(code)?.nom ?? code);
  return { communes, description: `${names.join(", ")}${t.communes.length > 5 ? "…" : ""} (${count})`, source: t.source };
}
