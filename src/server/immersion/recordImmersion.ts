import { assessmentDueOn, immersionRefusals } from "../../domain/immersion/immersionRules.js";
import type { RecordImmersion } from "../../shared/contracts/immersion.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { jobSeekerReach } from "../support/jobSeekersInReach.js";
import { hostTradesOf } from "./hostTrades.js";
import { runImmersionCommand } from "./immersionCommand.js";
import { immersionErrors } from "./immersionErrors.js";

/**
 * A France Travail advisor records a PMSMP immersion under a convention in force whose file has
 * immersion terms, for a person in their reach, with one of its hosts: exactly one object among the
 * terms', a trade among the host's, dates inside the convention and within the law's limits. The
 * assessment's due day comes from the terms (`assessmentWithin` after the last day).
 */
export async function recordImmersion(db: Db, ctx: RequestContext, input: RecordImmersion): Promise<{ id: string }> {
  return runImmersionCommand(db, ctx, { conventionId: input.conventionId }, { audit: "immersion.recorded", action: "immersion.record" }, async ({ tx, user, today, convention }) => {
    const person = await jobSeekerReach(tx, user.organisationId, input.jobSeekerId, today);
    if (!person?.inReach) throw immersionErrors.personNotFound();
    if (person.limited) throw immersionErrors.personLimited();
    authorize(user, "immersion.record", { franceTravailOrganisationIds: convention.franceTravailOrganisationIds, personInReach: person.inReach });
    const host = convention.hosts.find((h) => h.id === input.hostOrganisationId);
    if (!host) throw immersionErrors.hostNotInTerms(convention.number);
    const hostTrades = await hostTradesOf(tx, host.id);
    const others = await tx.query<{ startsOn: string; endsOn: string }>(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM immersions WHERE job_seeker_id = $1 AND host_org_id = $2`,
      [person.id, host.id],
    );
    const refusals = immersionRefusals(
      { objects: input.objects, romeCode: input.romeCode, startsOn: input.startsOn, endsOn: input.endsOn, weeklyHours: input.weeklyHours },
      {
        terms: { objects: convention.terms.objects, source: convention.terms.source },
        hostTrades: hostTrades.map((t) => t.code),
        convention: { number: convention.number, effectiveOn: convention.effectiveOn, endsOn: convention.endsOn },
        otherImmersionsWithHost: others,
      },
    );
    if (refusals.length > 0) throw immersionErrors.refused(refusals);
    const trade = hostTrades.find((t) => t.code === input.romeCode) as { code: string; label: string };
    const dueOn = assessmentDueOn(input.endsOn, convention.terms.assessmentWithin);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO immersions (convention_id, job_seeker_id, host_org_id, prescriber_id, prescriber_org_id, tutor_name, tutor_email, tutor_function,
                               starts_on, ends_on, weekly_hours, object, rome_code, rome_label, agreement_reference, assessment_due_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        convention.conventionId,
        person.id,
        host.id,
        user.id,
        user.organisationId,
        input.tutorName,
        input.tutorEmail,
        input.tutorFunction,
        input.startsOn,
        input.endsOn,
        input.weeklyHours,
        input.objects[0],
        trade.code,
        trade.label,
        input.agreementReference || null,
        dueOn,
      ],
    );
    return {
      result: { id: row.id },
      subjectId: person.id,
      details: { immersionId: row.id, hostOrganisationId: host.id, object: input.objects[0], romeCode: trade.code, startsOn: input.startsOn, endsOn: input.endsOn },
    };
  });
}
