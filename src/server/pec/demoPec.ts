import { contractEnd } from "../../domain/pec/contractDates.js";
import { addDays, addMonths } from "../../domain/shared/calendarDate.js";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import type { Db } from "../platform/db.js";
import { recomputeBookletMilestones } from "./bookletSchedule.js";

/**
 * Demo: Parcours emploi compétences under ROUEN-PARTENARIAT (000 art. 3.1 a; in force thanks to the
 * demonstration amendment). The Rouen agency's advisor is the city's company advisor; the city has an
 * open offer with a candidacy awaiting its answer, and a filled one whose contract runs with its tutor —
 * a tutor who already accompanies three subsidised employees (this contract and two declared), so that
 * naming them again is refused (R5134-38).
 */
export async function loadDemoPec(tx: Db, today: string): Promise<void> {
  const one = async <T>(sql: string, params: unknown[]) => (await tx.query<T>(sql, params))[0];
  const convention = await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'", []);
  const city = await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ville-rouen'", []);
  const user = async (local: string) => (await one<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}@${DEMO_EMAIL_DOMAIN}`])).id;
  if (!convention || !city) return;
  const advisor = await user("conseiller.rouen");
  const agent = await user("agent.rouen");
  await tx.query("INSERT INTO pec_company_advisors (convention_id, employer_org_id, user_id, rank, named_by) VALUES ($1, $2, $3, 'named', $4)", [
    convention.id,
    city.id,
    advisor,
    await user("admin.ft-rouen"),
  ]);
  const people = await tx.query<{ id: string }>("SELECT id FROM job_seekers WHERE commune_insee = '76540' ORDER BY ft_identifier LIMIT 2");
  const offer = async (title: string, skills: string, rome: string[], hours: number, months: number, site: string, start: string, status: string) =>
    (
      await one<{ id: string }>(
        `INSERT INTO pec_offers (convention_id, employer_org_id, title, skills, rome_codes, weekly_hours, duration_months, site_address, wished_start_on, status, posted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [convention.id, city.id, title, skills, rome, hours, months, site, start, status, agent],
      )
    ).id;
  const open = await offer(
    "Agent d’accueil en médiathèque",
    "Accueil du public, prêt et retour des documents, rangement ; aisance relationnelle.",
    ["K1601"],
    24,
    9,
    "Bibliothèque Simone-de-Beauvoir, 76000 Rouen",
    addDays(today, 30),
    "open",
  );
  await tx.query(
    `INSERT INTO pec_candidacies (offer_id, convention_id, job_seeker_id, proposed_by, proposed_by_org_id, diagnosis, proposal)
     SELECT $1, $2, $3, $4, organisation_id, $5, $6 FROM users WHERE id = $4`,
    [
      open,
      convention.id,
      people[0].id,
      advisor,
      "Deux ans sans activité après un congé parental ; a besoin d’une première expérience d’accueil pour reprendre pied.",
      "Très à l’aise avec le public, disponible dès le mois prochain.",
    ],
  );
  const startsOn = addMonths(today, -3);
  const filled = await offer(
    "Jardinier des parcs et jardins",
    "Tonte, taille, entretien des massifs ; travail en équipe.",
    ["A1203"],
    26,
    12,
    "Jardin des plantes, 76100 Rouen",
    startsOn,
    "filled",
  );
  const candidacy = await one<{ id: string }>(
    `INSERT INTO pec_candidacies (offer_id, convention_id, job_seeker_id, proposed_by, proposed_by_org_id, diagnosis, proposal, proposed_at, status, answered_by, answered_at)
     SELECT $1, $2, $3, $4, organisation_id, $5, $6, $7::date - 20, 'accepted', $8, $7::date - 10 FROM users WHERE id = $4 RETURNING id`,
    [filled, convention.id, people[1].id, advisor, "Sans qualification, trois ans sans emploi : le PEC apporte une expérience et une pré-qualification.", "Motivé par les métiers du paysage.", startsOn, agent],
  );
  const tutor = await one<{ id: string }>(
    `INSERT INTO pec_tutors (employer_org_id, name, email, job_title, is_employee, volunteer, qualification, years_experience, on_subsidised_contract, other_subsidised_employees)
     VALUES ($1, 'Jean Dupuis', 'jean.dupuis@rouen.fr', 'Chef d’équipe espaces verts', true, true, 'BTS aménagements paysagers', 12, false, 2) RETURNING id`,
    [city.id],
  );
  const endsOn = contractEnd(startsOn, 12);
  const contract = await one<{ id: string }>(
    `INSERT INTO pec_contracts (convention_id, offer_id, candidacy_id, employer_org_id, job_seeker_id, referent_advisor_id, tutor_id, starts_on, ends_on, initial_ends_on, weekly_hours, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 26, $10) RETURNING id`,
    [convention.id, filled, candidacy.id, city.id, people[1].id, advisor, tutor.id, startsOn, endsOn, agent],
  );
  await recomputeBookletMilestones(tx, contract.id);
}
