import { periodLastDay } from "../../domain/convention/delays.js";
import { addDays, addMonths } from "../../domain/shared/calendarDate.js";
import { RESPONDENTS } from "../../domain/pec/bookletQuestionnaire.js";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import type { Db } from "../platform/db.js";
import { createMailer } from "../platform/mail.js";
import { sendBookletNotice } from "./bookletNotices.js";
import { recomputeBookletMilestones } from "./bookletSchedule.js";

/** The demo's tutor whose contract's booklet of month 1 is due (e2e/pec-booklet.spec.ts reads their link in the outbox). */
export const DEMO_BOOKLET_TUTOR_EMAIL = `tutrice.espaces-verts@${DEMO_EMAIL_DOMAIN}`;

/**
 * The demo's follow-up booklet (ADR 0038): a Rouen contract started a month and a few days ago,
 * its tutor named, whose month-1 milestone is due — its links e-mailed to the employee and the
 * tutor (the outbox shows them). Uses a contract of the PEC demo (demoPec.ts) that fits, or adds
 * one. Run after the PEC demo, in the demo's transaction.
 */
export async function loadDemoBooklet(tx: Db, today: string): Promise<void> {
  const [convention] = await tx.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'");
  if (!convention) return;
  const startsOn = addDays(addMonths(today, -1), -3);
  const contractId = await demoContract(tx, convention.id, startsOn);
  await recomputeBookletMilestones(tx, contractId);
  const [m] = await tx.query<{ id: string; label: string; due_on: string }>(
    "SELECT id, label, due_on::text AS due_on FROM pec_booklet_milestones WHERE contract_id = $1 AND position = 0 AND status = 'open' AND due_on <= $2",
    [contractId, today],
  );
  if (!m) return;
  const deps = { mailer: createMailer(tx, { from: `tandem@${DEMO_EMAIL_DOMAIN}` }), config: { publicUrl: process.env.PUBLIC_URL ?? "http://localhost:3000" } };
  for (const respondent of RESPONDENTS) await sendBookletNotice(tx, deps, { id: m.id, contractId, label: m.label, dueOn: m.due_on }, respondent, "invitation");
}

async function demoContract(tx: Db, conventionId: string, startsOn: string): Promise<string> {
  const ids = async (sql: string) => (await tx.query<{ id: string }>(sql))[0]?.id;
  const city = await ids("SELECT id FROM organisations WHERE code = 'ville-rouen'");
  const agent = await ids(`SELECT id FROM users WHERE email = 'agent.rouen@${DEMO_EMAIL_DOMAIN}'`);
  const advisor = await ids(`SELECT id FROM users WHERE email = 'conseiller.rouen@${DEMO_EMAIL_DOMAIN}'`);
  const agency = await ids("SELECT id FROM organisations WHERE code = 'ft-rouen-saint-sever'");
  const person = await ids(
    "SELECT id FROM job_seekers WHERE commune_insee = '76540' AND email IS NOT NULL AND id NOT IN (SELECT job_seeker_id FROM pec_candidacies) ORDER BY ft_identifier DESC LIMIT 1",
  );
  const endsOn = periodLastDay(startsOn, { value: 12, unit: "months" });
  const [offer] = await tx.query<{ id: string }>(
    `INSERT INTO pec_offers (convention_id, employer_org_id, title, skills, weekly_hours, duration_months, site_address, wished_start_on, status, posted_by)
     VALUES ($1, $2, 'Agent d’entretien des espaces verts', 'Entretien des massifs, tonte, taille des haies', 26, 12, 'Jardin des plantes, 114 ter avenue des Martyrs de la Résistance, Rouen', $3, 'filled', $4) RETURNING id`,
    [conventionId, city, startsOn, agent],
  );
  const [candidacy] = await tx.query<{ id: string }>(
    `INSERT INTO pec_candidacies (offer_id, convention_id, job_seeker_id, proposed_by, proposed_by_org_id, diagnosis, proposal, proposed_at, status, answered_by, answered_at)
     VALUES ($1, $2, $3, $4, $5, 'Projet professionnel dans les espaces verts, besoin d’une première expérience encadrée.', 'Candidate motivée, disponible.', $6::date - 14, 'accepted', $7, $6::date - 7) RETURNING id`,
    [offer.id, conventionId, person, advisor, agency, startsOn, agent],
  );
  const [tutor] = await tx.query<{ id: string }>(
    `INSERT INTO pec_tutors (employer_org_id, name, email, job_title, is_employee, volunteer, qualification, years_experience, on_subsidised_contract, other_subsidised_employees)
     VALUES ($1, 'Sophie Martel', $2, 'Cheffe d’équipe espaces verts', true, true, 'BTS aménagements paysagers', 9, false, 0) RETURNING id`,
    [city, DEMO_BOOKLET_TUTOR_EMAIL],
  );
  const [contract] = await tx.query<{ id: string }>(
    `INSERT INTO pec_contracts (convention_id, offer_id, candidacy_id, employer_org_id, job_seeker_id, referent_advisor_id, tutor_id, starts_on, ends_on, initial_ends_on, weekly_hours, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 26, $10) RETURNING id`,
    [conventionId, offer.id, candidacy.id, city, person, advisor, tutor.id, startsOn, endsOn, agent],
  );
  return contract.id;
}
