import { reviewSchedule, type ScheduledSlot } from "../../domain/review/schedule.js";
import { cadenceWording } from "../../domain/shared/cadence.js";
import type { GlobalSupportTerms } from "../../domain/convention/globalSupportTerms.js";
import { conventionPartyOrganisationIdsOnDates, findConventionsRunningGlobalSupport } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";

/** The conventions running global support today and, for each, the agencies whose reviews the user may take part in. */
export async function reviewOptionsFor(db: Db, user: SessionUser, today: string) {
  // The same statements whatever the number of conventions and agencies (issue 15): the parties of
  // every convention on each side at once, the agencies' names at once, the policy asked in memory.
  const running = await findConventionsRunningGlobalSupport(db, user.organisationId, today);
  const asked = running.map((c) => ({ conventionId: c.conventionId, onDate: today }));
  const ftSides = await conventionPartyOrganisationIdsOnDates(db, asked, "france_travail");
  const partnerSides = await conventionPartyOrganisationIdsOnDates(db, asked, "partner");
  const agencies = await db.query<{ id: string; name: string }>("SELECT id, name FROM organisations WHERE id = ANY($1::uuid[]) AND kind = 'ft_agency' ORDER BY name", [
    [...new Set(ftSides.flat())],
  ]);
  return running.flatMap((c, i) => {
    const allowed = agencies.filter((a) => ftSides[i].includes(a.id) && can(user, "review.take_part", { agencyIds: [a.id], partnerOrganisationIds: partnerSides[i] }));
    return allowed.length ? [{ id: c.conventionId, number: c.number, title: c.title, terms: c.terms, partnerOrganisationIds: partnerSides[i], agencies: allowed }] : [];
  });
}

export type AgencySchedule = {
  conventionId: string;
  conventionNumber: string;
  agencyId: string;
  agencyName: string;
  cadenceMonths: number;
  /** « bimestrielle », « tous les 5 mois » (domain/shared/cadence.ts). */
  cadence: string;
  next: ScheduledSlot | null;
  late: ScheduledSlot[];
};

/**
 * The schedule of reviews of some agencies under their conventions (domain/review/schedule.ts),
 * from the convention's effective date and its cadence as the terms in force today say it; a
 * review covers each of its agencies. Late periods count from the day Tandem tracks the
 * convention (its registration, or its effective date if later). Two statements whatever the
 * number of conventions and agencies.
 */
export async function agencySchedules(
  db: Db,
  conventions: { id: string; number: string; terms: GlobalSupportTerms; agencies: { id: string; name: string }[] }[],
  today: string,
): Promise<AgencySchedule[]> {
  if (conventions.length === 0) return [];
  const periods = await db.query<{ id: string; effective_on: string | null; ends_on: string; since: string }>(
    `SELECT id, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, to_char(LEAST(ends_on, terminated_on), 'YYYY-MM-DD') AS ends_on,
            to_char(GREATEST(effective_on, (created_at AT TIME ZONE 'Europe/Paris')::date), 'YYYY-MM-DD') AS since
       FROM conventions WHERE id = ANY($1::uuid[])`,
    [conventions.map((c) => c.id)],
  );
  const held = await db.query<{ convention_id: string; agency_id: string; held_on: string }>(
    `SELECT a.convention_id, a.agency_id, to_char(r.held_on, 'YYYY-MM-DD') AS held_on
       FROM portfolio_review_agencies a JOIN portfolio_reviews r ON r.id = a.review_id
      WHERE a.convention_id = ANY($1::uuid[]) AND a.agency_id = ANY($2::uuid[])`,
    [conventions.map((c) => c.id), [...new Set(conventions.flatMap((c) => c.agencies.map((a) => a.id)))]],
  );
  const periodOf = new Map(periods.map((p) => [p.id, p]));
  return conventions.flatMap((c) => {
    const p = periodOf.get(c.id);
    if (!p?.effective_on) return [];
    const cadenceMonths = c.terms.reviewCadenceMonths;
    return c.agencies.map((a) => {
      const reviews = held.filter((h) => h.convention_id === c.id && h.agency_id === a.id).map((h) => h.held_on);
      const s = reviewSchedule({ effectiveOn: p.effective_on as string, endsOn: p.ends_on, cadenceMonths, today, since: p.since, reviews });
      return { conventionId: c.id, conventionNumber: c.number, agencyId: a.id, agencyName: a.name, cadenceMonths, cadence: cadenceWording(cadenceMonths), next: s.next, late: s.late };
    });
  });
}
