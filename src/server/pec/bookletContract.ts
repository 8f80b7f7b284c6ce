import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { findJobSeeker } from "../support/jobSeekerRepository.js";

/** What the booklet needs of a PEC contract (the contract is the PEC context's; the person is read through the support context). */
export type BookletContract = {
  id: string;
  convention_id: string;
  employer_org_id: string;
  employer_name: string;
  offer_title: string;
  job_seeker_id: string;
  referent_advisor_id: string;
  tutor_id: string | null;
  tutor_name: string | null;
  tutor_email: string | null;
  starts_on: string;
  ends_on: string;
  status: string;
};

export async function loadBookletContract(db: Db, contractId: string, opts: { lock?: boolean } = {}): Promise<BookletContract | null> {
  if (opts.lock) {
    const locked = await db.query("SELECT id FROM pec_contracts WHERE id = $1 FOR UPDATE", [contractId]);
    if (!locked.length) return null;
  }
  const [row] = await db.query<BookletContract>(
    `SELECT c.id, c.convention_id, c.employer_org_id, o.name AS employer_name, f.title AS offer_title, c.job_seeker_id, c.referent_advisor_id,
            c.tutor_id, t.name AS tutor_name, t.email AS tutor_email, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.status
       FROM pec_contracts c JOIN organisations o ON o.id = c.employer_org_id JOIN pec_offers f ON f.id = c.offer_id
       LEFT JOIN pec_tutors t ON t.id = c.tutor_id
      WHERE c.id = $1`,
    [contractId],
  );
  return row ?? null;
}

/** The employee as the booklet addresses them: name and e-mail, read through the support context. */
export async function bookletEmployee(db: Db, jobSeekerId: string): Promise<{ name: string; email: string | null } | null> {
  const js = await findJobSeeker(db, jobSeekerId);
  return js ? { name: `${js.first_name} ${js.last_name}`, email: js.email } : null;
}

/**
 * Who may see what of a contract's booklet (ADR 0038): `status` — its milestones and who has
 * answered, for whoever may read the contract (pec.read: the employer's staff, France Travail's
 * side of the convention); `follow` — the answers side by side, the contact tasks and the pre-exit
 * meeting, for France Travail's advisors of the contract (pec.booklet.follow).
 */
export async function bookletAccess(db: Db, user: SessionUser, c: BookletContract, today: string): Promise<{ status: boolean; follow: boolean }> {
  const ref = {
    employerOrganisationId: c.employer_org_id,
    franceTravailOrganisationIds: await conventionPartyOrganisationIds(db, c.convention_id, today, "france_travail"),
    referentAdvisorId: c.referent_advisor_id,
  };
  const follow = can(user, "pec.booklet.follow", ref);
  return { status: follow || can(user, "pec.read", ref), follow };
}
