import { parisToday } from "../../domain/shared/calendarDate.js";
import { conventionPartyOrganisationIds, lockConventionForShare, type PecTermsReading, pecTermsOf } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { pecErrors } from "./pecErrors.js";
import { type CandidacyRow, type ContractRow, findCandidacy, findContract, findOffer, type OfferRow } from "./pecRepository.js";

export type PecRef = { employerOrganisationId: string; franceTravailOrganisationIds: string[] };
export type PecTarget = { conventionId: string; employerOrganisationId: string } | { offerId: string } | { candidacyId: string } | { contractId: string };
export type PecAction = "pec.employer.act" | "pec.advisor.act" | "pec.company_advisors.name";
export type PecCommandContext = {
  tx: Db;
  ctx: RequestContext & { user: SessionUser };
  user: SessionUser;
  today: string;
  pec: PecTermsReading;
  ref: PecRef;
  offer: OfferRow | null;
  candidacy: CandidacyRow | null;
  contract: ContractRow | null;
};

/** The facts a PEC object is authorised on: its employer and France Travail's organisations acting under its convention that day. */
export async function pecRefOf(db: Db, conventionId: string, employerOrganisationId: string, today: string): Promise<PecRef> {
  return { employerOrganisationId, franceTravailOrganisationIds: await conventionPartyOrganisationIds(db, conventionId, today, "france_travail") };
}

const notFoundFor = (target: PecTarget) =>
  "offerId" in target ? pecErrors.offerNotFound() : "candidacyId" in target ? pecErrors.candidacyNotFound() : "contractId" in target ? pecErrors.contractNotFound() : pecErrors.conventionNotFound();

/**
 * The one path of every PEC write (ADR 0037): open the transaction, lock the row it changes (the
 * offer, the candidacy, the contract; for a new offer or the company advisors, the convention is
 * share-locked), read the convention's PEC terms in the transaction, authorise against what was
 * locked — outsiders learn nothing (404), a party that may not do this gets a 403 — apply, audit,
 * all or nothing (notifications and e-mails in the same transaction).
 */
export async function runPecCommand<R>(
  db: Db,
  ctx: RequestContext,
  target: PecTarget,
  opts: { audit: string; action: PecAction | PecAction[]; requireInForce?: boolean },
  command: (c: PecCommandContext) => Promise<{ result: R; subject: { type: string; id: string }; details?: Record<string, unknown> }>,
): Promise<R> {
  const user = ctx.user;
  if (!user) throw errors.unauthenticated();
  const today = parisToday();
  return db.transaction(async (tx) => {
    let offer: OfferRow | null = null;
    let candidacy: CandidacyRow | null = null;
    let contract: ContractRow | null = null;
    let conventionId: string;
    let employerOrganisationId: string;
    if ("offerId" in target) {
      offer = await findOffer(tx, target.offerId, true);
      if (!offer) throw pecErrors.offerNotFound();
      ({ convention_id: conventionId, employer_org_id: employerOrganisationId } = offer);
    } else if ("candidacyId" in target) {
      candidacy = await findCandidacy(tx, target.candidacyId, true);
      if (!candidacy) throw pecErrors.candidacyNotFound();
      offer = await findOffer(tx, candidacy.offer_id, true);
      ({ convention_id: conventionId, employer_org_id: employerOrganisationId } = candidacy);
    } else if ("contractId" in target) {
      contract = await findContract(tx, target.contractId, true);
      if (!contract) throw pecErrors.contractNotFound();
      ({ convention_id: conventionId, employer_org_id: employerOrganisationId } = contract);
    } else {
      ({ conventionId, employerOrganisationId } = target);
      await lockConventionForShare(tx, conventionId);
    }
    const pec = await pecTermsOf(tx, conventionId, today);
    if (!pec) throw notFoundFor(target);
    const ref = await pecRefOf(tx, conventionId, employerOrganisationId, today);
    const actions = Array.isArray(opts.action) ? opts.action : [opts.action];
    if (!can(user, "pec.read", ref) && !(actions.includes("pec.company_advisors.name") && can(user, "pec.company_advisors.name", ref))) throw notFoundFor(target);
    if (!actions.some((a) => can(user, a, ref))) throw pecErrors.forbidden();
    if (opts.requireInForce && !pec.inForce) throw pecErrors.notInForce();
    const c: PecCommandContext = { tx, ctx: ctx as RequestContext & { user: SessionUser }, user, today, pec, ref, offer, candidacy, contract };
    const { result, subject, details } = await command(c);
    await audit(tx, ctx, { action: opts.audit, subjectType: subject.type, subjectId: subject.id, details: { conventionId, ...(details ?? {}) } });
    return result;
  });
}
