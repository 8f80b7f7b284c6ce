import { communesInReachSql, conventionPartyOrganisationIdsByConvention, conventionPeriods } from "../convention/conventionTerms.js";
import { conventionsOfParty } from "../convention/conventionsOfParty.js";
import type { Db } from "../platform/db.js";

/**
 * Who sees whose resources (ADR 0035): an organisation sees its own, and those of the organisations
 * acting with it under a convention in force [001 art. 2.1, 002 axe 1], for the convention's
 * territory — a partner's service shows when its zone is national or covers a commune in the
 * caller's reach (communesInReachSql: the caller's territory within the conventions it acts under).
 * Everything here is read through the convention context's functions.
 */
export async function partnerOrganisationIds(db: Db, organisationId: string, today: string): Promise<string[]> {
  // Three statements whatever the number of conventions (issue 15: no query per convention).
  const conventions = await conventionsOfParty(db, organisationId, today);
  const periods = await conventionPeriods(db, conventions.map((c) => c.id));
  const inForce = conventions.filter((c) => {
    const period = periods.get(c.id);
    return period?.effectiveOn && period.effectiveOn <= today && period.endsOn >= today;
  });
  const parties = await conventionPartyOrganisationIdsByConvention(db, inForce.map((c) => c.id), today);
  const ids = new Set<string>();
  for (const list of parties.values()) for (const id of list) if (id !== organisationId) ids.add(id);
  return [...ids];
}

/**
 * `directory.resource.read` said in SQL for lists (the same rule as the policy, asked of each row
 * too): `ds` is directory_services; `p` gives the parameter numbers of the caller's organisation,
 * the partners' ids (partnerOrganisationIds) and the day.
 */
export function sharedWithCallerSql(p: { organisationId: number; partnerIds: number; onDate: number }): string {
  return `(ds.organisation_id = ANY($${p.partnerIds}::uuid[]) AND (ds.national OR EXISTS (
     SELECT 1 FROM directory_service_communes dz WHERE dz.service_id = ds.id
        AND dz.insee_code IN (${communesInReachSql(`$${p.organisationId}::uuid`, `$${p.onDate}::date`)}))))`;
}
