import type { Counts } from "../../../domain/privacy/retention.js";
import { frenchDate } from "../../../domain/shared/calendarDate.js";
import { conventionPeriod } from "../../convention/conventionTerms.js";
import { immersionsOfPerson } from "../../immersion/immersionPeople.js";
import { erasePersonFromLists } from "../../lists/personListData.js";
import { activePecContractEnd, pecRowsOfPerson } from "../../pec/pecRepository.js";
import type { Db } from "../../platform/db.js";
import { forgetPurgedCases } from "../../review/forgetPurgedCases.js";
import { casesOfPerson, lockPersonRecord } from "../../support/personErasure.js";
import { limitProcessing } from "../../support/processingLimitation.js";
import { deleteClosedCases, deletePeopleWithoutSupport } from "../../support/purgeSupportData.js";
import { personHoldUntil } from "../retention/legalHolds.js";
import { recordErased } from "../retention/purgeJournal.js";
import { registerErrors } from "./registerErrors.js";

/**
 * What an answer to an erasure, objection or limitation request does (ADR 0031), in the answer's
 * transaction. Erasure (art. 17) and accepted objection (art. 21): the person's data go through
 * the same functions as a purge — reviews forget their cases, the cases go with what hangs on them,
 * the received lists' lines and links, the record — unless the data are still required: a case
 * still open under a convention in force (the convention is the legal basis of the processing), a PEC
 * contract still running, or a legal hold in force on the person. Limitation (art. 18): a period on the person that the support
 * context honours until the DPO lifts it.
 */
export type ErasedCounts = Counts;

const COUNT_LABELS: [string, string, string][] = [
  ["people", "fiche de la personne", "fiches de la personne"],
  ["cases", "accompagnement", "accompagnements"],
  ["notes", "note", "notes"],
  ["appointments", "rendez-vous", "rendez-vous"],
  ["documents", "document", "documents"],
  ["barriers", "frein", "freins"],
  ["events", "événement du parcours", "événements du parcours"],
  ["notifications", "alerte", "alertes"],
  ["reviewItems", "ligne de revue de portefeuille", "lignes de revue de portefeuille"],
  ["reviewDecisions", "décision de revue", "décisions de revue"],
  ["reviewDocuments", "document de revue", "documents de revue"],
  ["listRows", "ligne de liste reçue", "lignes de listes reçues"],
  ["links", "lien à une liste reçue", "liens à des listes reçues"],
  ["pecCandidacies", "candidature PEC", "candidatures PEC"],
  ["pecContracts", "contrat PEC (avec son livret)", "contrats PEC (avec leurs livrets)"],
  ["immersions", "immersion", "immersions"],
];

/** « 1 fiche de la personne, 2 accompagnements, 5 notes »: what went, in numbers only. */
export function erasedSummary(counts: ErasedCounts): string {
  return COUNT_LABELS.filter(([k]) => (counts[k] ?? 0) > 0)
    .map(([k, one, many]) => `${counts[k]} ${counts[k] === 1 ? one : many}`)
    .join(", ");
}

/** Deletes the person's data for an erasure or an accepted objection; refuses, changing nothing, when they are still required. */
export async function erasePerson(tx: Db, kind: "erasure" | "objection", jobSeekerId: string, rightsRequestId: string, today: string): Promise<ErasedCounts> {
  if (!(await lockPersonRecord(tx, jobSeekerId))) throw registerErrors.personErased();
  const until = await personHoldUntil(tx, jobSeekerId, today);
  if (until) throw registerErrors.erasureOnHold(kind, frenchDate(until));
  const cases = await casesOfPerson(tx, jobSeekerId);
  for (const c of cases.filter((c) => c.open)) {
    const period = await conventionPeriod(tx, c.conventionId);
    if (period && String(period.endsOn) >= today) throw registerErrors.erasureSupportInForce(kind, period.number, frenchDate(String(period.endsOn)));
  }
  const pecEnd = await activePecContractEnd(tx, jobSeekerId);
  if (pecEnd) throw registerErrors.erasurePecContract(kind, frenchDate(pecEnd));
  // The programmes' rows go with the record (ON DELETE CASCADE): counted first, for the answer and the register.
  const programmes = { ...(await pecRowsOfPerson(tx, jobSeekerId)), immersions: await immersionsOfPerson(tx, jobSeekerId) };
  const caseIds = cases.map((c) => c.id);
  const review = await forgetPurgedCases(tx, caseIds);
  const support = await deleteClosedCases(tx, caseIds);
  await recordErased(tx, "support_case", caseIds, today, rightsRequestId);
  const lists = await erasePersonFromLists(tx, jobSeekerId);
  const deleted = await deletePeopleWithoutSupport(tx, [jobSeekerId]);
  await recordErased(tx, "job_seeker", deleted, today, rightsRequestId);
  return { people: deleted.length, ...support, ...review, ...lists, ...(deleted.length ? programmes : {}) };
}

/** Sets the limitation from the answer's day; refuses a second one while one is in force. */
export async function limitPerson(tx: Db, jobSeekerId: string, rightsRequestId: string, answeredOn: string): Promise<string> {
  if (!(await lockPersonRecord(tx, jobSeekerId))) throw registerErrors.personErased();
  if (!(await limitProcessing(tx, jobSeekerId, rightsRequestId, answeredOn))) throw registerErrors.limitationAlreadyInForce();
  return `Traitement limité depuis le ${frenchDate(answeredOn)} (RGPD art. 18) : la personne n’apparaît plus dans les recherches et ses accompagnements ne prennent plus de nouvel acte, jusqu’à la levée par le délégué à la protection des données.`;
}
