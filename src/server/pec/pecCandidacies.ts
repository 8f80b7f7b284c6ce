import type { z } from "zod";
import { contractEnd } from "../../domain/pec/contractDates.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import type { CandidacyAnswer, NewCandidacySchema } from "../../shared/contracts/pec.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { jobSeekerInReachByIdentifier } from "../support/pecCandidates.js";
import { recomputeBookletMilestones } from "./bookletSchedule.js";
import { runPecCommand } from "./pecCommand.js";
import { pecErrors } from "./pecErrors.js";
import { notifyPecUser, type PecDeps } from "./pecNotify.js";

/**
 * A France Travail advisor proposes a job seeker of their territory to an open offer (« Pôle emploi
 * s'engage à proposer des candidatures »), with the diagnosis that makes the PEC the right answer for
 * them — free text, « dépasse le raisonnement par catégorie administrative » (000 art. 3.1 a). The
 * employer's staff are told (no name in the e-mail).
 */
export async function proposeCandidate(db: Db, deps: PecDeps, ctx: RequestContext, offerId: string, input: z.infer<typeof NewCandidacySchema>): Promise<{ id: string }> {
  return runPecCommand(db, ctx, { offerId }, { audit: "pec.candidate_proposed", action: "pec.advisor.act", requireInForce: true }, async ({ tx, user, today, offer }) => {
    if (offer?.status !== "open") throw pecErrors.offerClosed();
    const person = await jobSeekerInReachByIdentifier(tx, user.organisationId, input.ftIdentifier, today);
    if (!person) throw pecErrors.jobSeekerNotFound();
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO pec_candidacies (offer_id, convention_id, job_seeker_id, proposed_by, proposed_by_org_id, diagnosis, proposal)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (offer_id, job_seeker_id) DO NOTHING RETURNING id`,
      [offer.id, offer.convention_id, person.id, user.id, user.organisationId, input.diagnosis, input.proposal],
    );
    if (!inserted) throw pecErrors.alreadyProposed();
    const staff = await tx.query<{ id: string }>(
      "SELECT id FROM users WHERE organisation_id = $1 AND active AND (roles && ARRAY['partner_agent', 'org_admin']::text[]) ORDER BY email",
      [offer.employer_org_id],
    );
    for (const s of staff) {
      await notifyPecUser(tx, deps, {
        userId: s.id,
        kind: "pec_candidate_proposed",
        title: `Candidature proposée : ${offer.title}`,
        body: `France Travail propose ${person.name} pour l’offre « ${offer.title} ». Répondez depuis la page de l’offre.`,
        emailBody: `France Travail propose une candidature pour l’offre « ${offer.title} ». Répondez depuis Tandem.`,
        link: `/pec/offres/${offer.id}`,
      });
    }
    return { result: { id: inserted.id }, subject: { type: "job_seeker", id: person.id }, details: { offerId: offer.id, candidacyId: inserted.id } };
  });
}

/**
 * The employer answers a candidacy: refused with its reason, or accepted — the candidacy becomes a PEC
 * contract from the start date given, for the offer's duration (ends the day before the same day N
 * months later) and weekly hours, with the proposing advisor as referent; the offer is filled and the
 * booklet's milestones are computed. The referent advisor is told.
 */
export async function answerCandidacy(db: Db, deps: PecDeps, ctx: RequestContext, candidacyId: string, input: CandidacyAnswer): Promise<{ status: "accepted" | "refused"; contractId: string | null }> {
  return runPecCommand(db, ctx, { candidacyId }, { audit: "pec.candidacy_answered", action: "pec.employer.act" }, async ({ tx, user, candidacy, offer }) => {
    if (!candidacy || !offer) throw pecErrors.candidacyNotFound();
    if (candidacy.status !== "proposed") throw pecErrors.alreadyAnswered();
    let contractId: string | null = null;
    if (input.answer === "accepted") {
      if (offer.status !== "open") throw pecErrors.offerClosed();
      const proposedOn = (await tx.query<{ d: string }>("SELECT to_char(proposed_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS d FROM pec_candidacies WHERE id = $1", [candidacy.id]))[0].d;
      if (input.startsOn < proposedOn) throw pecErrors.contractStart(`Le contrat ne peut pas commencer avant la proposition de la candidature (${frenchDate(proposedOn)}).`);
      const endsOn = contractEnd(input.startsOn, offer.duration_months);
      [{ id: contractId }] = await tx.query<{ id: string }>(
        `INSERT INTO pec_contracts (convention_id, offer_id, candidacy_id, employer_org_id, job_seeker_id, referent_advisor_id, starts_on, ends_on, initial_ends_on, weekly_hours, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING id`,
        [offer.convention_id, offer.id, candidacy.id, offer.employer_org_id, candidacy.job_seeker_id, candidacy.proposed_by, input.startsOn, endsOn, offer.weekly_hours, user.id],
      );
      await tx.query("UPDATE pec_offers SET status = 'filled' WHERE id = $1", [offer.id]);
      await recomputeBookletMilestones(tx, contractId);
    }
    await tx.query("UPDATE pec_candidacies SET status = $2, answer_reason = $3, answered_by = $4, answered_at = now() WHERE id = $1", [
      candidacy.id,
      input.answer,
      input.answer === "refused" ? input.reason : null,
      user.id,
    ]);
    await notifyPecUser(tx, deps, {
      userId: candidacy.proposed_by,
      kind: "pec_candidacy_answered",
      title: `Candidature ${input.answer === "accepted" ? "acceptée" : "refusée"} : ${offer.title}`,
      body:
        input.answer === "accepted"
          ? `L’employeur accepte la candidature proposée pour « ${offer.title} » : le contrat commence le ${frenchDate(input.startsOn)} et vous en êtes le conseiller référent.`
          : `L’employeur refuse la candidature proposée pour « ${offer.title} » : ${input.reason}`,
      emailBody: `L’employeur a répondu à une candidature que vous avez proposée pour l’offre « ${offer.title} ».`,
      link: contractId ? `/pec/contrats/${contractId}` : `/pec/offres/${offer.id}`,
    });
    return {
      result: { status: input.answer, contractId },
      subject: { type: "job_seeker", id: candidacy.job_seeker_id },
      details: { offerId: offer.id, candidacyId: candidacy.id, answer: input.answer, ...(contractId ? { contractId } : {}) },
    };
  });
}
