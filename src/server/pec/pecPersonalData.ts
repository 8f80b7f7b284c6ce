import { frenchDate } from "../../domain/shared/calendarDate.js";
import { PEC_CANDIDACY_STATUS_LABELS, PEC_EXIT_LABELS } from "../../shared/contracts/pec.js";
import { actingPartyIdsSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import type { HeldCategory } from "../support/personalDataHeld.js";

/**
 * What the PEC context holds about one person, for the answer to an access request (ADR 0031): the
 * candidacies with the advisor's diagnosis, the contracts with their tutor, exit and booklet
 * milestones — under the conventions the answering organisation is a party to that day.
 */
export async function pecDataHeldBy(db: Db, organisationId: string, jobSeekerId: string, today: string): Promise<HeldCategory[]> {
  const candidacies = await db.query<{
    number: string;
    title: string;
    employer: string;
    proposed_on: string;
    proposer_org: string;
    diagnosis: string;
    proposal: string;
    status: keyof typeof PEC_CANDIDACY_STATUS_LABELS;
    answer_reason: string | null;
  }>(
    `SELECT c.number, f.title, e.name AS employer, to_char(k.proposed_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS proposed_on, po.name AS proposer_org,
            k.diagnosis, k.proposal, k.status, k.answer_reason
       FROM pec_candidacies k JOIN pec_offers f ON f.id = k.offer_id JOIN conventions c ON c.id = k.convention_id
       JOIN organisations e ON e.id = f.employer_org_id JOIN organisations po ON po.id = k.proposed_by_org_id
      WHERE k.job_seeker_id = $2 AND $1::uuid = ANY(${actingPartyIdsSql("k.convention_id", "$3::date")})
      ORDER BY k.proposed_at`,
    [organisationId, jobSeekerId, today],
  );
  const contracts = await db.query<{
    id: string;
    number: string;
    employer: string;
    starts_on: string;
    ends_on: string;
    weekly_hours: number;
    renewals: number;
    tutor: string | null;
    exit_on: string | null;
    exit_outcome: keyof typeof PEC_EXIT_LABELS | null;
    milestones: { label: string; due_on: string; employee: string | null; tutor: string | null }[];
  }>(
    `SELECT p.id, c.number, e.name AS employer, p.starts_on::text, p.ends_on::text, p.weekly_hours, p.renewals, t.name AS tutor, p.exit_on::text, p.exit_outcome,
            COALESCE((SELECT json_agg(json_build_object('label', m.label, 'due_on', m.due_on,
                        'employee', (SELECT a.answered_at::date FROM pec_booklet_answers a WHERE a.milestone_id = m.id AND a.respondent = 'employee'),
                        'tutor', (SELECT a.answered_at::date FROM pec_booklet_answers a WHERE a.milestone_id = m.id AND a.respondent = 'tutor')) ORDER BY m.position)
                        FROM pec_booklet_milestones m WHERE m.contract_id = p.id AND m.status = 'open'), '[]') AS milestones
       FROM pec_contracts p JOIN conventions c ON c.id = p.convention_id JOIN organisations e ON e.id = p.employer_org_id
       LEFT JOIN pec_tutors t ON t.id = p.tutor_id
      WHERE p.job_seeker_id = $2 AND $1::uuid = ANY(${actingPartyIdsSql("p.convention_id", "$3::date")})
      ORDER BY p.starts_on`,
    [organisationId, jobSeekerId, today],
  );
  const out: HeldCategory[] = [];
  if (candidacies.length)
    out.push({
      title: "Parcours emploi compétences — candidatures",
      lines: candidacies.flatMap((k) => [
        `Candidature sur l’offre « ${k.title} » (${k.employer}, convention ${k.number}), proposée le ${frenchDate(k.proposed_on)} par ${k.proposer_org} : ${PEC_CANDIDACY_STATUS_LABELS[k.status].toLowerCase()}${k.answer_reason ? ` — motif : ${k.answer_reason}` : ""}`,
        `Diagnostic du conseiller : ${k.diagnosis}`,
        `Présentation à l’employeur : ${k.proposal}`,
      ]),
      source: "Le conseiller France Travail qui propose la candidature ; la réponse de l’employeur",
      recipients: "France Travail (diagnostic compris) ; l’employeur reçoit la présentation, jamais le diagnostic",
    });
  for (const p of contracts)
    out.push({
      title: `Parcours emploi compétences — contrat chez ${p.employer} (convention ${p.number})`,
      lines: [
        `Du ${frenchDate(p.starts_on)} au ${frenchDate(p.ends_on)}, ${p.weekly_hours} heures par semaine${p.renewals ? `, renouvelé ${p.renewals} fois` : ""}`,
        `Tuteur : ${p.tutor ?? "non désigné"}`,
        ...(p.exit_on && p.exit_outcome ? [`Sortie le ${frenchDate(p.exit_on)} : ${PEC_EXIT_LABELS[p.exit_outcome].toLowerCase()}`] : []),
        ...p.milestones.map(
          (m) =>
            `Livret de suivi « ${m.label} » (${frenchDate(m.due_on)}) : salarié ${m.employee ? `répondu le ${frenchDate(m.employee)}` : "pas de réponse"}, tuteur ${m.tutor ? `répondu le ${frenchDate(m.tutor)}` : "pas de réponse"}`,
        ),
      ],
      source: "L’employeur, le conseiller référent, le tuteur et la personne (livret de suivi)",
      recipients: "Le conseiller référent et France Travail ; l’employeur (contrat, échéances du livret, sans les réponses)",
    });
  return out;
}
