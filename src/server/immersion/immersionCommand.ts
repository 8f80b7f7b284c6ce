import { parisToday } from "../../domain/shared/calendarDate.js";
import { type ImmersionConvention, immersionTermsOf, lockConventionForShare } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { jobSeekerReach } from "../support/jobSeekersInReach.js";
import { immersionErrors } from "./immersionErrors.js";

export type ImmersionRow = {
  id: string;
  convention_id: string;
  job_seeker_id: string;
  host_org_id: string;
  prescriber_id: string;
  prescriber_org_id: string;
  tutor_name: string;
  tutor_email: string;
  tutor_function: string;
  starts_on: string;
  ends_on: string;
  weekly_hours: string;
  object: string;
  rome_code: string;
  rome_label: string;
  agreement_reference: string | null;
  assessment_due_on: string;
  objective_reached: string | null;
  skills_observed: { code: string; label: string; kind: string }[];
  follow_up: string | null;
  assessment_comment: string | null;
  assessed_on: string | null;
  assessed_by: string | null;
};

export const IMMERSION_COLUMNS = `i.id, i.convention_id, i.job_seeker_id, i.host_org_id, i.prescriber_id, i.prescriber_org_id, i.tutor_name, i.tutor_email,
  i.tutor_function, to_char(i.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(i.ends_on, 'YYYY-MM-DD') AS ends_on, i.weekly_hours::text AS weekly_hours,
  i.object, i.rome_code, i.rome_label, i.agreement_reference, to_char(i.assessment_due_on, 'YYYY-MM-DD') AS assessment_due_on, i.objective_reached,
  i.skills_observed, i.follow_up, i.assessment_comment, to_char(i.assessed_on, 'YYYY-MM-DD') AS assessed_on, i.assessed_by`;

/** What the policy needs of an immersion for a user on a day: its convention's France Travail side, its host, its prescriber, the person's reach. */
export async function immersionRefOf(db: Db, user: SessionUser, row: ImmersionRow, convention: ImmersionConvention | null, today: string) {
  const reach = await jobSeekerReach(db, user.organisationId, row.job_seeker_id, today);
  return {
    franceTravailOrganisationIds: convention?.franceTravailOrganisationIds ?? [],
    hostOrganisationId: row.host_org_id,
    prescriberId: row.prescriber_id,
    personInReach: reach?.inReach ?? false,
  };
}

export type ImmersionCommandContext = { tx: Db; user: SessionUser; today: string; convention: ImmersionConvention };

/**
 * The one path of every write on an immersion (ADR 0036): open the transaction, lock the immersion
 * row (or, to record one, hold the convention's row so its terms cannot change meanwhile), read the
 * convention's immersion terms in the transaction, authorise (outsiders learn nothing: 404; a reader
 * who may not act: 403), apply, audit — all or nothing.
 */
export async function runImmersionCommand<R>(
  db: Db,
  ctx: RequestContext,
  target: { immersionId: string } | { conventionId: string },
  opts: { audit: string; action: "immersion.assess" | "immersion.record" },
  command: (c: ImmersionCommandContext, immersion: ImmersionRow | null) => Promise<{ result: R; subjectId: string; details: Record<string, unknown> }>,
): Promise<R> {
  const user = ctx.user;
  if (!user) throw errors.unauthenticated();
  const today = parisToday();
  return db.transaction(async (tx) => {
    let immersion: ImmersionRow | null = null;
    let conventionId: string;
    if ("immersionId" in target) {
      [immersion] = await tx.query<ImmersionRow>(`SELECT ${IMMERSION_COLUMNS} FROM immersions i WHERE i.id = $1 FOR UPDATE`, [target.immersionId]);
      if (!immersion) throw immersionErrors.notFound();
      conventionId = immersion.convention_id;
    } else {
      conventionId = target.conventionId;
    }
    await lockConventionForShare(tx, conventionId);
    const convention = await immersionTermsOf(tx, conventionId, today);
    if (immersion) {
      const ref = await immersionRefOf(tx, user, immersion, convention, today);
      if (!can(user, "immersion.read", ref)) throw immersionErrors.notFound();
      if (!can(user, "immersion.assess", ref)) throw immersionErrors.forbidden();
      if (!convention) throw immersionErrors.notFound();
    } else {
      if (!convention) throw immersionErrors.conventionNotFound();
      // The record rule also needs the person (checked by the command, which knows who it is).
      const acting = convention.franceTravailOrganisationIds.includes(user.organisationId) || convention.hosts.some((h) => h.id === user.organisationId);
      if (!acting) throw immersionErrors.conventionNotFound();
      if (!can(user, "immersion.record", { franceTravailOrganisationIds: convention.franceTravailOrganisationIds, personInReach: true })) throw immersionErrors.forbidden();
      if (!convention.inForce) throw immersionErrors.conventionNotInForce(convention.number);
    }
    const { result, subjectId, details } = await command({ tx, user, today, convention: convention as ImmersionConvention }, immersion);
    await audit(tx, ctx, { action: opts.audit, subjectType: "job_seeker", subjectId, details: { conventionId, ...details } });
    return result;
  });
}
