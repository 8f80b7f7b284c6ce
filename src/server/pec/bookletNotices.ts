import { bookletNoticeDays } from "../../domain/pec/bookletMilestones.js";
import { RESPONDENTS, type Respondent } from "../../domain/pec/bookletQuestionnaire.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { termsInForce } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { Deps } from "../platform/http/types.js";
import { systemContext } from "../platform/requestContext.js";
import { notifyUser } from "../support/notify.js";
import { bookletEmployee, loadBookletContract } from "./bookletContract.js";
import { BOOKLET_LINK_VALID_DAYS, issueBookletToken } from "./bookletTokens.js";

export type Kind = "before" | "invitation" | "after";

/**
 * Daily (ADR 0038): for each open milestone of a contract, to the employee (the job seeker's
 * e-mail) and to the tutor (the tutor's e-mail) who have not answered — the reminder
 * `remindBefore` the due date, the link on the due date, the reminder with a new link `remindAfter`
 * it — each once (pec_booklet_notices' key), in its own transaction with its audit event. A day
 * missed is caught up the next run; a reminder before the due date is not sent once it has passed.
 */
export async function sendBookletNotices(deps: Pick<Deps, "db" | "mailer" | "config">, today: string, now: Date = new Date()): Promise<number> {
  const { db } = deps;
  const milestones = await db.query<{ id: string; contract_id: string; label: string; due_on: string; convention_id: string; starts_on: string }>(
    `SELECT m.id, m.contract_id, m.label, m.due_on::text AS due_on, c.convention_id, c.starts_on::text AS starts_on
       FROM pec_booklet_milestones m JOIN pec_contracts c ON c.id = m.contract_id
      WHERE m.status = 'open' AND m.due_on <= $1::date + 400
        AND (SELECT count(*) FROM pec_booklet_answers a WHERE a.milestone_id = m.id) < 2
      ORDER BY m.due_on, m.id`,
    [today],
  );
  let sent = 0;
  for (const m of milestones) {
    const booklet = (await termsInForce(db, m.convention_id, m.starts_on))?.programmes.pec?.booklet;
    if (!booklet) continue;
    const days = bookletNoticeDays(m.due_on, booklet);
    const due: Kind[] = [];
    if (today >= days.before && today < days.invitation) due.push("before");
    if (today >= days.invitation) due.push("invitation");
    if (today >= days.after) due.push("after");
    if (!due.length) continue;
    for (const respondent of RESPONDENTS) {
      for (const kind of due) {
        const done = await db.transaction((tx) => sendBookletNotice(tx, deps, { id: m.id, contractId: m.contract_id, label: m.label, dueOn: m.due_on }, respondent, kind, now));
        if (done) {
          sent++;
          break; // one e-mail a day per respondent: a late run sends the link first, the reminder the next day
        }
      }
    }
  }
  return sent;
}

/**
 * One e-mail of a milestone to one respondent, in the caller's transaction: nothing if they have
 * answered, have no e-mail, or already had this one (claimed in pec_booklet_notices); the link
 * (a new token) in the invitation and the reminder after; audited. True when sent.
 */
export async function sendBookletNotice(
  tx: Db,
  deps: Pick<Deps, "mailer"> & { config: Pick<Deps["config"], "publicUrl"> },
  m: { id: string; contractId: string; label: string; dueOn: string },
  respondent: Respondent,
  kind: Kind,
  now: Date = new Date(),
): Promise<boolean> {
  const answered = await tx.query("SELECT 1 FROM pec_booklet_answers WHERE milestone_id = $1 AND respondent = $2", [m.id, respondent]);
  if (answered.length) return false;
  const contract = await loadBookletContract(tx, m.contractId);
  if (!contract) return false;
  const to = respondent === "employee" ? (await bookletEmployee(tx, contract.job_seeker_id))?.email : contract.tutor_email;
  if (!to) return respondent === "employee" && kind === "invitation" ? tellAdvisorNoEmail(tx, deps, m, contract) : false;
  const claimed = await tx.query("INSERT INTO pec_booklet_notices (milestone_id, respondent, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1", [
    m.id,
    respondent,
    kind,
  ]);
  if (!claimed.length) return false;
  const token = kind === "before" ? null : (await issueBookletToken(tx, m.id, respondent, now)).token;
  await deps.mailer.enqueue(tx, {
    to,
    ...noticeMessage(kind, respondent, { label: m.label, dueOn: m.dueOn, employer: contract.employer_name, post: contract.offer_title }, token, deps.config.publicUrl),
  });
  await audit(tx, systemContext("pec-booklet-notices"), {
    action: "pec.booklet.notice_sent",
    subjectType: "pec_contract",
    subjectId: m.contractId,
    details: { milestoneId: m.id, respondent, kind },
  });
  return true;
}

/**
 * The employee has no e-mail address: on the milestone's day, the referent advisor is told once (a
 * notice of its own kind, so that an address recorded later still gets the invitation) to hand a link
 * over from the contract's booklet.
 */
async function tellAdvisorNoEmail(
  tx: Db,
  deps: Pick<Deps, "mailer"> & { config: Pick<Deps["config"], "publicUrl"> },
  m: { id: string; contractId: string; label: string; dueOn: string },
  contract: { referent_advisor_id: string; offer_title: string; employer_name: string },
): Promise<boolean> {
  const claimed = await tx.query("INSERT INTO pec_booklet_notices (milestone_id, respondent, kind) VALUES ($1, 'employee', 'no_email') ON CONFLICT DO NOTHING RETURNING 1", [m.id]);
  if (!claimed.length) return false;
  await notifyUser(tx, { mailer: deps.mailer, publicUrl: deps.config.publicUrl }, {
    userId: contract.referent_advisor_id,
    kind: "pec_booklet_no_email",
    title: "Livret de suivi PEC : lien à remettre au salarié",
    body: `Le livret « ${m.label} » du contrat « ${contract.offer_title} » (${contract.employer_name}) est à renseigner le ${frenchDate(m.dueOn)}, mais le salarié n’a pas d’adresse électronique : créez son lien personnel depuis le livret du contrat et remettez-le lui.\n\n${deps.config.publicUrl}/pec/contrats/${m.contractId}/livret`,
  });
  await audit(tx, systemContext("pec-booklet-notices"), {
    action: "pec.booklet.no_email",
    subjectType: "pec_contract",
    subjectId: m.contractId,
    details: { milestoneId: m.id },
  });
  return true;
}

function noticeMessage(
  kind: Kind,
  respondent: Respondent,
  m: { label: string; dueOn: string; employer: string; post: string },
  token: string | null,
  publicUrl: string,
): { subject: string; text: string } {
  const about =
    respondent === "employee"
      ? `votre parcours emploi compétences (${m.post}, ${m.employer})`
      : `le parcours emploi compétences du salarié que vous accompagnez comme tuteur (${m.post}, ${m.employer})`;
  const who =
    "Vos réponses sont lues par le conseiller France Travail référent du contrat. " +
    (respondent === "employee" ? "Votre tuteur et votre employeur ne les voient pas." : "Le salarié ne les voit pas.");
  const link = token
    ? `\n\nRépondez en quelques minutes, sans compte Tandem, à l’adresse suivante (lien personnel, utilisable une fois, valable ${BOOKLET_LINK_VALID_DAYS} jours) :\n${publicUrl}/livret/${token}\n\nNe transférez pas ce lien : il vous est personnel.`
    : "";
  if (kind === "before")
    return {
      subject: `Tandem — Livret de suivi : « ${m.label} » à renseigner le ${frenchDate(m.dueOn)}`,
      text: `Bonjour,\n\nLe livret de suivi dématérialisé de ${about} sera à renseigner le ${frenchDate(m.dueOn)} (« ${m.label} »). Vous recevrez ce jour-là un lien personnel pour y répondre.\n\n${who}\n\nCe message vous est adressé par Tandem au titre du parcours emploi compétences.`,
    };
  if (kind === "invitation")
    return {
      subject: `Tandem — Livret de suivi : « ${m.label} » à renseigner`,
      text: `Bonjour,\n\nLe livret de suivi dématérialisé de ${about} est à renseigner (« ${m.label} », échéance du ${frenchDate(m.dueOn)}).${link}\n\n${who}\n\nCe message vous est adressé par Tandem au titre du parcours emploi compétences.`,
    };
  return {
    subject: `Tandem — Rappel : livret de suivi « ${m.label} » non renseigné`,
    text: `Bonjour,\n\nLe livret de suivi dématérialisé de ${about} était à renseigner le ${frenchDate(m.dueOn)} (« ${m.label} ») et nous n’avons pas encore votre réponse.${link}\n\n${who}\n\nCe message vous est adressé par Tandem au titre du parcours emploi compétences.`,
  };
}
