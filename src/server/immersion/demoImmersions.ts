import { assessmentDueOn } from "../../domain/immersion/immersionRules.js";
import { addDays } from "../../domain/shared/calendarDate.js";
import { immersionTermsOf } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { romeSkillsOfTrade, romeTradesByCodes } from "../rome/romeReferential.js";

/** What the demo's Rouen hosts declare they exercise (000 art. 3.1 b), codes of the ROME sample. */
export const DEMO_HOST_TRADES: Record<string, string[]> = {
  "ville-rouen": ["K2204", "A1203", "M1602", "M1601", "G1202", "G1603", "I1203", "K1707", "K2303"],
  "ccas-rouen": ["K1302", "K1303", "K1205", "G1603", "K2204", "M1602"],
};

/**
 * The demo's PMSMP immersions (ADR 0036), after the ROME sample and the conventions: the Rouen hosts'
 * trades, and three immersions prescribed by the Rouen advisor — one assessed, one ended whose
 * assessment is overdue, one to come. Dates are set from today so that the states hold on any day.
 */
export async function loadDemoImmersions(tx: Db, today: string): Promise<void> {
  const [convention] = await tx.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'");
  if (!convention) return;
  const orgs = await tx.query<{ id: string; code: string }>("SELECT id, code FROM organisations WHERE code = ANY($1::text[])", [Object.keys(DEMO_HOST_TRADES)]);
  const [advisor] = await tx.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email LIKE 'conseiller.rouen@%'");
  for (const org of orgs) {
    const trades = await romeTradesByCodes(tx, DEMO_HOST_TRADES[org.code]);
    await tx.query(
      `INSERT INTO immersion_host_trades (organisation_id, rome_code, rome_label) SELECT $1, t.code, t.label FROM jsonb_to_recordset($2::jsonb) AS t(code text, label text)`,
      [org.id, JSON.stringify(trades)],
    );
  }
  const terms = await immersionTermsOf(tx, convention.id, today);
  const city = orgs.find((o) => o.code === "ville-rouen");
  const ccas = orgs.find((o) => o.code === "ccas-rouen");
  if (!terms?.inForce || !advisor || !city || !ccas) return;
  const people = await tx.query<{ id: string }>("SELECT id FROM job_seekers WHERE commune_insee = '76540' ORDER BY ft_identifier LIMIT 3 OFFSET 40");
  if (people.length < 3) return;
  const plans = [
    { person: people[0].id, host: city.id, rome: "A1203", object: "discover", start: addDays(today, -60), end: addDays(today, -49), assessed: true },
    { person: people[1].id, host: ccas.id, rome: "K1302", object: "confirm_project", start: addDays(today, -32), end: addDays(today, -21), assessed: false },
    { person: people[2].id, host: city.id, rome: "K2204", object: "initiate_recruitment", start: addDays(today, 7), end: addDays(today, 18), assessed: false },
  ];
  for (const p of plans) {
    const [trade] = await romeTradesByCodes(tx, [p.rome]);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO immersions (convention_id, job_seeker_id, host_org_id, prescriber_id, prescriber_org_id, tutor_name, tutor_email, tutor_function,
                               starts_on, ends_on, weekly_hours, object, rome_code, rome_label, assessment_due_on)
       VALUES ($1, $2, $3, $4, $5, 'Claire Dubosc', 'claire.dubosc@tandem.example', 'Responsable d’équipe', $6, $7, 35, $8, $9, $10, $11) RETURNING id`,
      [convention.id, p.person, p.host, advisor.id, advisor.organisation_id, p.start, p.end, p.object, trade.code, trade.label, assessmentDueOn(p.end, terms.terms.assessmentWithin)],
    );
    if (p.assessed) {
      const skills = (await romeSkillsOfTrade(tx, p.rome)).slice(0, 3);
      await tx.query(
        `UPDATE immersions SET objective_reached = 'yes', skills_observed = $2::jsonb, follow_up = 'training', assessed_on = $3, assessed_by = $4, assessed_at = now(),
                assessment_comment = 'Métier découvert avec intérêt ; une formation aux techniques de taille est envisagée.' WHERE id = $1`,
        [row.id, JSON.stringify(skills), addDays(p.end, 2), advisor.id],
      );
    }
  }
}
