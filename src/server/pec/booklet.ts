import {
  answerConsequences,
  answerDifferences,
  type BookletAnswers,
  BOOKLET_QUESTIONS,
  checkBookletAnswers,
  QUESTIONNAIRE_VERSION,
  type Respondent,
} from "../../domain/pec/bookletQuestionnaire.js";
import { frenchDate, parisToday } from "../../domain/shared/calendarDate.js";
import { audit, auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { notifyUser } from "../support/notify.js";
import { bookletAccess, bookletEmployee, loadBookletContract } from "./bookletContract.js";
import { bookletErrors } from "./bookletErrors.js";
import { issueBookletToken, validBookletToken } from "./bookletTokens.js";

type NotifyDeps = { mailer: Mailer; publicUrl: string };

/** Who reads the answers, as the public page and the e-mails say it (ADR 0038). */
export const WHO_SEES: Record<Respondent, string> = {
  employee:
    "Vos réponses sont lues par votre conseiller France Travail référent, et par lui seul. Votre tuteur et votre employeur ne les voient pas ; vous ne voyez pas celles de votre tuteur. Le conseiller les lit une fois que vous et votre tuteur avez tous deux répondu, sauf une demande de contact, qui lui est transmise tout de suite.",
  tutor:
    "Vos réponses sont lues par le conseiller France Travail référent du salarié, et par lui seul. Le salarié ne les voit pas, et vous ne voyez pas les siennes. Le conseiller les lit une fois que vous et le salarié avez tous deux répondu, sauf une demande de contact, qui lui est transmise tout de suite.",
};

async function milestoneOf(db: Db, milestoneId: string) {
  const [m] = await db.query<{ id: string; contract_id: string; label: string; due_on: string; is_last: boolean }>(
    "SELECT id, contract_id, label, due_on::text AS due_on, is_last FROM pec_booklet_milestones WHERE id = $1",
    [milestoneId],
  );
  return m;
}

/**
 * The public page behind a link (no account): the milestone, the employer and the post, the
 * questionnaire worded for its respondent, and who reads the answers — nothing of the other
 * respondent's answers, nothing at all when the link is no longer valid.
 */
export async function readBookletByToken(db: Db, ctx: RequestContext, token: string) {
  const t = await validBookletToken(db, token);
  if (!t) throw bookletErrors.linkInvalid();
  const m = await milestoneOf(db, t.milestone_id);
  const contract = await loadBookletContract(db, m.contract_id);
  if (!contract) throw bookletErrors.linkInvalid();
  const employee = t.respondent === "tutor" ? await bookletEmployee(db, contract.job_seeker_id) : null;
  await auditRead(db, ctx, { action: "pec.booklet.link_opened", subjectType: "pec_contract", subjectId: contract.id, details: { milestoneId: m.id, respondent: t.respondent } });
  return {
    respondent: t.respondent,
    milestone: { label: m.label, dueOn: m.due_on },
    employerName: contract.employer_name,
    post: contract.offer_title,
    employeeName: employee?.name ?? null,
    whoSees: WHO_SEES[t.respondent],
    questions: BOOKLET_QUESTIONS.map((q) => ({
      key: q.key,
      kind: q.kind,
      label: q.label[t.respondent],
      required: q.required,
      ...(q.kind === "choice" ? { options: q.options } : { maxLength: q.maxLength }),
    })),
  };
}

/**
 * Answers through a link, once: the token row locked, checked, the answers checked against the
 * questionnaire (a wrong answer changes nothing and leaves the link usable), kept, the link and
 * every other link of that respondent for that milestone spent. A contact asked for becomes a task
 * of the referent advisor (told in the app and by e-mail); once both have answered the last
 * milestone, an answer without job prospect proposes the pre-exit meeting.
 */
export async function answerBooklet(db: Db, deps: NotifyDeps, ctx: RequestContext, token: string, input: unknown): Promise<void> {
  await db.transaction(async (tx) => {
    const t = await validBookletToken(tx, token, { lock: true });
    if (!t) throw bookletErrors.linkInvalid();
    const checked = checkBookletAnswers(input);
    if (!checked.ok) throw bookletErrors.answersInvalid(checked.issues);
    const m = await milestoneOf(tx, t.milestone_id);
    const contract = await loadBookletContract(tx, m.contract_id, { lock: true });
    if (!contract) throw bookletErrors.linkInvalid();
    const consequences = answerConsequences(checked.answers, t.respondent);
    const inserted = await tx.query(
      `INSERT INTO pec_booklet_answers (milestone_id, respondent, answers, contact_requested, job_prospect, questionnaire_version)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (milestone_id, respondent) DO NOTHING RETURNING 1`,
      [m.id, t.respondent, JSON.stringify(checked.answers), consequences.contact !== null, consequences.jobProspect, QUESTIONNAIRE_VERSION],
    );
    if (!inserted.length) throw bookletErrors.alreadyAnswered();
    await tx.query("UPDATE pec_booklet_tokens SET used_at = now() WHERE milestone_id = $1 AND respondent = $2 AND used_at IS NULL", [m.id, t.respondent]);
    const link = `/pec/contrats/${contract.id}/livret`;
    if (consequences.contact) {
      await tx.query(
        "INSERT INTO pec_booklet_tasks (contract_id, milestone_id, respondent, assignee_id, contact_mode, contact_with) VALUES ($1, $2, $3, $4, $5, $6)",
        [contract.id, m.id, t.respondent, contract.referent_advisor_id, consequences.contact.mode, consequences.contact.with],
      );
      const who = t.respondent === "employee" ? "Le ou la salarié·e" : "Le tuteur";
      await notifyUser(tx, deps, {
        userId: contract.referent_advisor_id,
        kind: "pec_booklet_contact",
        title: "Livret de suivi PEC : une prise de contact est demandée",
        body: `${who} du contrat « ${contract.offer_title} » (${contract.employer_name}) souhaite être contacté·e ${consequences.contact.mode === "phone" ? "par téléphone" : "lors d’un entretien"} (livret « ${m.label} »).\n\n${deps.publicUrl}${link}`,
      });
    }
    let preExitProposed = false;
    if (m.is_last) {
      const answers = await tx.query<{ job_prospect: string }>("SELECT job_prospect FROM pec_booklet_answers WHERE milestone_id = $1", [m.id]);
      if (answers.length === 2 && answers.some((a) => a.job_prospect === "no")) {
        const proposed = await tx.query("INSERT INTO pec_pre_exit_meetings (contract_id, milestone_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1", [contract.id, m.id]);
        preExitProposed = proposed.length > 0;
        if (preExitProposed) {
          await notifyUser(tx, deps, {
            userId: contract.referent_advisor_id,
            kind: "pec_pre_exit",
            title: "PEC : entretien préalable à la sortie à organiser",
            body: `Le dernier livret de suivi du contrat « ${contract.offer_title} » (${contract.employer_name}, fin le ${frenchDate(contract.ends_on)}) ne montre pas de perspective d’emploi : organisez l’entretien préalable à la sortie avec le salarié et son tuteur (convention, art. 3.1 a).\n\n${deps.publicUrl}${link}`,
          });
        }
      }
    }
    await audit(tx, ctx, {
      action: "pec.booklet.answered",
      subjectType: "pec_contract",
      subjectId: contract.id,
      details: { milestoneId: m.id, respondent: t.respondent, contactRequested: consequences.contact !== null, preExitProposed },
    });
  });
}

type AnswerRow = { milestone_id: string; respondent: Respondent; answers: BookletAnswers; answered_at: Date };

/**
 * A contract's booklet for a signed-in user. Who may read the contract sees its milestones and
 * who has answered when; France Travail's advisors of the contract see, once BOTH have answered a
 * milestone, the two answers side by side and the questions where they differ — before that, only
 * who has answered — and the contact tasks and the pre-exit meeting. Anyone else: 404.
 */
export async function readContractBooklet(db: Db, ctx: RequestContext & { user: SessionUser }, contractId: string, today = parisToday()) {
  const contract = await loadBookletContract(db, contractId);
  if (!contract) throw bookletErrors.contractNotFound();
  const access = await bookletAccess(db, ctx.user, contract, today);
  if (!access.status) throw bookletErrors.contractNotFound();
  const milestones = await db.query<{ id: string; position: number; label: string; due_on: string; status: string; is_last: boolean }>(
    "SELECT id, position, label, due_on::text AS due_on, status, is_last FROM pec_booklet_milestones WHERE contract_id = $1 ORDER BY position",
    [contractId],
  );
  const answers = await db.query<AnswerRow>(
    "SELECT a.milestone_id, a.respondent, a.answers, a.answered_at FROM pec_booklet_answers a JOIN pec_booklet_milestones m ON m.id = a.milestone_id WHERE m.contract_id = $1",
    [contractId],
  );
  const tasks = access.follow
    ? await db.query<{ id: string; milestone_id: string; respondent: Respondent; contact_mode: string; contact_with: string; status: string; created_at: Date; done_at: Date | null; done_note: string | null }>(
        "SELECT id, milestone_id, respondent, contact_mode, contact_with, status, created_at, done_at, done_note FROM pec_booklet_tasks WHERE contract_id = $1 ORDER BY created_at",
        [contractId],
      )
    : [];
  const [preExit] = await db.query<{ proposed_at: Date; scheduled_on: string | null; held_on: string | null; note: string | null }>(
    "SELECT proposed_at, scheduled_on::text AS scheduled_on, held_on::text AS held_on, note FROM pec_pre_exit_meetings WHERE contract_id = $1",
    [contractId],
  );
  const shownAnswers = new Set<string>();
  const presented = milestones.map((m) => {
    const of = (r: Respondent) => answers.find((a) => a.milestone_id === m.id && a.respondent === r) ?? null;
    const employee = of("employee");
    const tutor = of("tutor");
    const both = employee !== null && tutor !== null && access.follow;
    if (both) shownAnswers.add(m.id);
    return {
      id: m.id,
      label: m.label,
      dueOn: m.due_on,
      status: m.status as "open" | "cancelled",
      isLast: m.is_last,
      employeeAnsweredAt: employee ? new Date(employee.answered_at).toISOString() : null,
      tutorAnsweredAt: tutor ? new Date(tutor.answered_at).toISOString() : null,
      answers: both ? { employee: employee.answers, tutor: tutor.answers, differences: answerDifferences(employee.answers, tutor.answers) } : null,
    };
  });
  await auditRead(db, ctx, {
    action: "pec.booklet.read",
    subjectType: "pec_contract",
    subjectId: contractId,
    details: { answersShown: [...shownAnswers], follow: access.follow },
  });
  // The advisors learn that the e-mails cannot reach the employee, so that they hand the link over.
  const employeeHasEmail = access.follow ? Boolean((await bookletEmployee(db, contract.job_seeker_id))?.email) : null;
  return {
    canFollow: access.follow,
    employeeHasEmail,
    questions: BOOKLET_QUESTIONS.map((q) => ({ key: q.key, kind: q.kind, label: q.label.tutor, ...(q.kind === "choice" ? { options: q.options } : {}) })),
    milestones: presented,
    tasks: tasks.map((t) => ({
      id: t.id,
      milestoneId: t.milestone_id,
      respondent: t.respondent,
      contactMode: t.contact_mode,
      contactWith: t.contact_with,
      status: t.status,
      createdAt: new Date(t.created_at).toISOString(),
      doneAt: t.done_at ? new Date(t.done_at).toISOString() : null,
      doneNote: t.done_note,
    })),
    preExit: preExit
      ? { proposedAt: new Date(preExit.proposed_at).toISOString(), scheduledOn: preExit.scheduled_on, heldOn: preExit.held_on, note: access.follow ? preExit.note : null }
      : null,
  };
}

/**
 * The one path of the booklet's follow-up writes (a task done, the pre-exit meeting): the
 * transaction, the contract row locked, the policy (pec.booklet.follow) checked against the
 * convention read in the transaction, the change, its audit event.
 */
export async function runBookletCommand<R>(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  contractId: string,
  auditAction: string,
  command: (tx: Db, contract: NonNullable<Awaited<ReturnType<typeof loadBookletContract>>>, today: string) => Promise<{ result: R; details: Record<string, unknown> }>,
): Promise<R> {
  const today = parisToday();
  return db.transaction(async (tx) => {
    const contract = await loadBookletContract(tx, contractId, { lock: true });
    if (!contract) throw bookletErrors.contractNotFound();
    const access = await bookletAccess(tx, ctx.user, contract, today);
    if (!access.status) throw bookletErrors.contractNotFound();
    if (!access.follow) throw bookletErrors.forbidden();
    const { result, details } = await command(tx, contract, today);
    await audit(tx, ctx, { action: auditAction, subjectType: "pec_contract", subjectId: contractId, details });
    return result;
  });
}

/** The referent advisor (or another advisor of the contract) records a contact asked for as done. */
export async function completeBookletTask(db: Db, ctx: RequestContext & { user: SessionUser }, taskId: string, note: string | null): Promise<void> {
  const [task] = await db.query<{ contract_id: string }>("SELECT contract_id FROM pec_booklet_tasks WHERE id = $1", [taskId]);
  if (!task) throw bookletErrors.taskNotFound();
  await runBookletCommand(db, ctx, task.contract_id, "pec.booklet.task_done", async (tx) => {
    const done = await tx.query("UPDATE pec_booklet_tasks SET status = 'done', done_at = now(), done_by = $2, done_note = $3 WHERE id = $1 AND status = 'open' RETURNING 1", [
      taskId,
      ctx.user.id,
      note,
    ]);
    if (!done.length) throw bookletErrors.taskDone();
    return { result: undefined, details: { taskId } };
  });
}

/**
 * A link handed over by the advisor (printed, read on the phone) to a respondent the e-mails
 * cannot reach — an employee without an e-mail address, a tutor whose address bounced: a new
 * personal token for one open milestone that respondent has not answered, shown once to the
 * advisor and never stored in clear. Audited (who, which milestone, which respondent).
 */
export async function handBookletLink(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  publicUrl: string,
  contractId: string,
  milestoneId: string,
  respondent: Respondent,
  now: Date = new Date(),
): Promise<{ url: string; expiresOn: string }> {
  return runBookletCommand(db, ctx, contractId, "pec.booklet.link_handed", async (tx) => {
    const [m] = await tx.query<{ status: string }>("SELECT status FROM pec_booklet_milestones WHERE id = $1 AND contract_id = $2", [milestoneId, contractId]);
    if (!m) throw bookletErrors.milestoneNotFound();
    if (m.status !== "open") throw bookletErrors.milestoneClosed();
    const answered = await tx.query("SELECT 1 FROM pec_booklet_answers WHERE milestone_id = $1 AND respondent = $2", [milestoneId, respondent]);
    if (answered.length) throw bookletErrors.respondentAnswered();
    const { token, expiresAt } = await issueBookletToken(tx, milestoneId, respondent, now);
    // The day the link stops working, as the advisor's calendar says it (Paris).
    return { result: { url: `${publicUrl}/livret/${token}`, expiresOn: parisToday(expiresAt) }, details: { milestoneId, respondent } };
  });
}
