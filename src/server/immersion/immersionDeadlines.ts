import { immersionConventionsFor } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { reachOfPersons } from "../support/jobSeekersInReach.js";

/**
 * The immersion reading of « Mes échéances » (convention/conventionQueries.obligationsForUser, like
 * governance/calendarStates.ts and pec/pecDeadlines.ts): the assessments not recorded of the
 * immersions the user may assess — their prescriber's side, their host's staff — each due the
 * convention's `assessmentWithin` after the last day (ADR 0036). No name in the label (the iCalendar feed leaves Tandem).
 */
export async function immersionAssessmentObligations(db: Db, user: SessionUser, fromDate: string) {
  const conventions = await immersionConventionsFor(db, user.organisationId, fromDate);
  const ftOf = new Map(conventions.map((c) => [c.conventionId, c.franceTravailOrganisationIds]));
  const sourceOf = new Map(conventions.map((c) => [c.conventionId, c.terms.source]));
  const prescribing = conventions.filter((c) => c.franceTravailOrganisationIds.includes(user.organisationId)).map((c) => c.conventionId);
  const rows = await db.query<{
    id: string;
    convention_id: string;
    number: string;
    job_seeker_id: string;
    host_org_id: string;
    prescriber_id: string;
    due_on: string;
    rome_label: string;
    host_name: string;
  }>(
    `SELECT i.id, i.convention_id, c.number, i.job_seeker_id, i.host_org_id, i.prescriber_id, to_char(i.assessment_due_on, 'YYYY-MM-DD') AS due_on, i.rome_label, o.name AS host_name
       FROM immersions i JOIN conventions c ON c.id = i.convention_id JOIN organisations o ON o.id = i.host_org_id
      WHERE i.assessed_at IS NULL AND (i.host_org_id = $1 OR i.prescriber_id = $2 OR i.convention_id = ANY($3::uuid[]))
      ORDER BY i.assessment_due_on LIMIT 500`,
    [user.organisationId, user.id, prescribing],
  );
  const reach = await reachOfPersons(db, user.organisationId, [...new Set(rows.map((r) => r.job_seeker_id))], fromDate);
  return rows
    .filter((r) =>
      can(user, "immersion.assess", {
        franceTravailOrganisationIds: ftOf.get(r.convention_id) ?? [],
        hostOrganisationId: r.host_org_id,
        prescriberId: r.prescriber_id,
        personInReach: reach.get(r.job_seeker_id) ?? false,
      }),
    )
    .map((r) => ({
      key: `immersion_assessment:${r.id}`,
      kind: "immersion_assessment",
      dueOn: r.due_on,
      label: `Bilan d’une immersion (PMSMP) à faire — ${r.rome_label}, ${r.host_name}`,
      source: sourceOf.get(r.convention_id) ?? "",
      conventionId: r.convention_id,
      conventionNumber: r.number,
    }));
}
