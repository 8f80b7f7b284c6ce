import type { z } from "zod";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import type { CompanyAdvisorsSchema, NewPecOffer, OfferWithdrawalSchema } from "../../shared/contracts/pec.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { runPecCommand } from "./pecCommand.js";
import { pecErrors } from "./pecErrors.js";
import { notifyPecUser, type PecDeps } from "./pecNotify.js";

/**
 * An employer party posts a PEC offer (000 art. 3.1 a: « communiquer au pôle emploi l'ensemble des
 * offres d'emploi relevant du dispositif ») under a convention in force that names it employer; the
 * company advisors France Travail named for that employer receive it (notification and e-mail).
 */
export async function postPecOffer(db: Db, deps: PecDeps, ctx: RequestContext, conventionId: string, input: NewPecOffer): Promise<{ id: string; advisorsNotified: number }> {
  return runPecCommand(
    db,
    ctx,
    { conventionId, employerOrganisationId: input.employerOrganisationId },
    { audit: "pec.offer_posted", action: "pec.employer.act", requireInForce: true },
    async ({ tx, user, today, pec }) => {
      if (!pec.employerOrganisationIds.includes(input.employerOrganisationId)) throw pecErrors.notEmployer();
      if (input.wishedStartOn < today) throw pecErrors.startInPast();
      if (input.wishedStartOn > pec.endsOn) throw pecErrors.offerPastConvention(frenchDate(pec.endsOn));
      const [{ id }] = await tx.query<{ id: string }>(
        `INSERT INTO pec_offers (convention_id, employer_org_id, title, skills, rome_codes, weekly_hours, duration_months, site_address, wished_start_on, posted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [conventionId, input.employerOrganisationId, input.title, input.skills, input.romeCodes, input.weeklyHours, input.durationMonths, input.siteAddress, input.wishedStartOn, user.id],
      );
      const advisors = await tx.query<{ user_id: string; employer: string }>(
        `SELECT a.user_id, o.name AS employer FROM pec_company_advisors a JOIN organisations o ON o.id = a.employer_org_id
          WHERE a.convention_id = $1 AND a.employer_org_id = $2 ORDER BY a.rank DESC, a.named_at`,
        [conventionId, input.employerOrganisationId],
      );
      for (const a of advisors) {
        await notifyPecUser(tx, deps, {
          userId: a.user_id,
          kind: "pec_offer_posted",
          title: `Nouvelle offre PEC : ${input.title}`,
          body: `${a.employer} a transmis une offre de parcours emploi compétences (${input.weeklyHours} h par semaine, ${input.durationMonths} mois, début souhaité le ${frenchDate(input.wishedStartOn)}).`,
          emailBody: `${a.employer} a transmis une offre de parcours emploi compétences : « ${input.title} ». Proposez des candidatures depuis Tandem.`,
          link: `/pec/offres/${id}`,
        });
      }
      return { result: { id, advisorsNotified: advisors.length }, subject: { type: "pec_offer", id }, details: { title: input.title, notified: advisors.length } };
    },
  );
}

/**
 * The employer takes back an open offer (posted by mistake, post cancelled): the offer stops
 * receiving candidacies, and each candidacy still waiting for an answer is refused with the
 * employer's reason, its advisor told — as if the employer had answered each one.
 */
export async function withdrawPecOffer(db: Db, deps: PecDeps, ctx: RequestContext, offerId: string, input: z.infer<typeof OfferWithdrawalSchema>): Promise<{ refusedCandidacies: number }> {
  return runPecCommand(db, ctx, { offerId }, { audit: "pec.offer_withdrawn", action: "pec.employer.act" }, async ({ tx, user, offer }) => {
    if (!offer) throw pecErrors.offerNotFound();
    if (offer.status !== "open") throw pecErrors.offerClosed();
    await tx.query("UPDATE pec_offers SET status = 'withdrawn' WHERE id = $1", [offer.id]);
    const refused = await tx.query<{ id: string; proposed_by: string }>(
      `UPDATE pec_candidacies SET status = 'refused', answer_reason = $2, answered_by = $3, answered_at = now()
        WHERE offer_id = $1 AND status = 'proposed' RETURNING id, proposed_by`,
      [offer.id, `Offre retirée par l’employeur : ${input.reason}`, user.id],
    );
    for (const advisorId of new Set(refused.map((r) => r.proposed_by))) {
      await notifyPecUser(tx, deps, {
        userId: advisorId,
        kind: "pec_offer_withdrawn",
        title: `Offre PEC retirée : ${offer.title}`,
        body: `L’employeur a retiré l’offre « ${offer.title} » : la candidature que vous aviez proposée est close. Motif : ${input.reason}`,
        emailBody: `L’employeur a retiré l’offre de parcours emploi compétences « ${offer.title} » sur laquelle vous aviez proposé une candidature.`,
        link: `/pec/offres/${offer.id}`,
      });
    }
    return {
      result: { refusedCandidacies: refused.length },
      subject: { type: "pec_offer", id: offer.id },
      details: { title: offer.title, refusedCandidacies: refused.length },
    };
  });
}

/**
 * France Travail's org_admin names the company advisors of an employer (« un conseiller entreprise
 * nommément désigné … plus un second en cas d'absence du premier »): as many as the terms say, no more,
 * chosen among France Travail's advisors acting under the convention. Replaces the previous naming.
 */
export async function nameCompanyAdvisors(db: Db, ctx: RequestContext, conventionId: string, input: z.infer<typeof CompanyAdvisorsSchema>): Promise<{ named: number; backups: number }> {
  return runPecCommand(
    db,
    ctx,
    { conventionId, employerOrganisationId: input.employerOrganisationId },
    { audit: "pec.company_advisors_named", action: "pec.company_advisors.name", requireInForce: true },
    async ({ tx, user, pec, ref }) => {
      if (!pec.employerOrganisationIds.includes(input.employerOrganisationId)) throw pecErrors.notEmployer();
      const limits = pec.terms.companyAdvisors;
      if (new Set(input.named).size > limits.named) throw pecErrors.tooManyAdvisors("named", limits.named);
      if (new Set(input.backups).size > limits.backups) throw pecErrors.tooManyAdvisors("backups", limits.backups);
      if (input.named.some((id) => input.backups.includes(id))) throw pecErrors.advisorTwice();
      const all = [...new Set([...input.named, ...input.backups])];
      const valid = await tx.query<{ id: string }>("SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active AND 'advisor' = ANY(roles) AND organisation_id = ANY($2::uuid[])", [
        all,
        ref.franceTravailOrganisationIds,
      ]);
      if (valid.length !== all.length) throw pecErrors.advisorUnknown();
      await tx.query("DELETE FROM pec_company_advisors WHERE convention_id = $1 AND employer_org_id = $2", [conventionId, input.employerOrganisationId]);
      for (const [rank, ids] of [["named", input.named], ["backup", input.backups]] as const) {
        for (const id of new Set(ids)) {
          await tx.query("INSERT INTO pec_company_advisors (convention_id, employer_org_id, user_id, rank, named_by) VALUES ($1, $2, $3, $4, $5)", [
            conventionId,
            input.employerOrganisationId,
            id,
            rank,
            user.id,
          ]);
        }
      }
      return {
        result: { named: new Set(input.named).size, backups: new Set(input.backups).size },
        subject: { type: "convention", id: conventionId },
        details: { employerOrganisationId: input.employerOrganisationId, named: input.named, backups: input.backups },
      };
    },
  );
}
