import { APPOINTMENT_KIND_LABELS, APPOINTMENT_MODALITY_LABELS, APPOINTMENT_STATUS_LABELS } from "../../domain/support/appointments.js";
import { BARRIER_LABELS, type BarrierCode, EXIT_TYPE_LABELS, ORIGIN_LABELS, STATUS_LABELS } from "../../domain/support/vocabulary.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { actingPartyIdsSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";

/**
 * What the support context holds about one person, as their rights are exercised with an
 * organisation's DPO (privacy/registers, ADR 0031): who is in the organisation's reach, and the
 * record the answer to an access request copies. An organisation reaches a person who lives in its
 * territory or whose global-support case it takes part in (orienter, advisor, social worker).
 */
const IN_REACH = `(EXISTS (SELECT 1 FROM organisation_communes oc WHERE oc.organisation_id = $1 AND oc.insee_code = js.commune_insee)
  OR EXISTS (SELECT 1 FROM support_cases sc LEFT JOIN users a ON a.id = sc.advisor_id LEFT JOIN users s ON s.id = sc.social_worker_id
              WHERE sc.job_seeker_id = js.id AND $1 IN (sc.orienter_organisation_id, a.organisation_id, s.organisation_id)))`;

export type PersonInReach = { id: string; name: string; birthDate: string; ftIdentifier: string; registeredAt: string };
type PersonRow = { id: string; first_name: string; last_name: string; birth_date: string; ft_identifier: string; registered_at: string };
const toPerson = (r: PersonRow): PersonInReach => ({
  id: r.id,
  name: `${r.first_name} ${r.last_name}`,
  birthDate: r.birth_date,
  ftIdentifier: r.ft_identifier,
  registeredAt: r.registered_at,
});

/** The persons in the organisation's reach whose name or France Travail identifier matches (20 at most). */
export async function searchPeopleInReachOf(db: Db, organisationId: string, q: string): Promise<PersonInReach[]> {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4);
  const conditions = words.map((_, i) => `(lower(js.first_name || ' ' || js.last_name) LIKE $${i + 2} OR lower(js.ft_identifier) = $${i + 2 + words.length})`);
  const rows = await db.query<PersonRow>(
    `SELECT js.id, js.first_name, js.last_name, js.birth_date::text, js.ft_identifier, js.registered_at::text FROM job_seekers js
      WHERE ${conditions.join(" AND ")} AND ${IN_REACH} ORDER BY js.last_name, js.first_name LIMIT 20`,
    [organisationId, ...words.map((w) => `%${w.replace(/[%_\\]/g, "\\$&")}%`), ...words],
  );
  return rows.map(toPerson);
}

/** The person if the organisation reaches them; null otherwise (unknown or out of reach alike). */
export async function personInReachOf(db: Db, organisationId: string, jobSeekerId: string): Promise<PersonInReach | null> {
  const [row] = await db.query<PersonRow>(
    `SELECT js.id, js.first_name, js.last_name, js.birth_date::text, js.ft_identifier, js.registered_at::text FROM job_seekers js WHERE js.id = $2 AND ${IN_REACH}`,
    [organisationId, jobSeekerId],
  );
  return row ? toPerson(row) : null;
}

/** One category of the access answer: its lines, where they come from and who receives them. */
export type HeldCategory = { title: string; lines: string[]; source: string; recipients: string };
export type PersonalDataHeld = { person: PersonInReach; categories: HeldCategory[]; withheld: string[] };

/**
 * What Tandem holds about the person for the organisation: the record, and each global-support case
 * under a convention the organisation acts under (others are the business of their own parties),
 * with their path, appointments, barriers, and the notes and documents shared by the pair. Notes
 * and documents under professional secrecy (social) or for advisors only (employment) are counted,
 * not copied, and said to be handed over by the professional who holds them (as exportTransparency).
 */
export async function personalDataHeldBy(db: Db, organisationId: string, jobSeekerId: string, today: string): Promise<PersonalDataHeld | null> {
  const person = await personInReachOf(db, organisationId, jobSeekerId);
  if (!person) return null;
  const [js] = await db.query<{ commune_insee: string; qpv: boolean; benefits: string[]; email: string | null; phone: string | null; deregistered_on: string | null }>(
    "SELECT commune_insee, qpv, benefits, email, phone, deregistered_on::text FROM job_seekers WHERE id = $1",
    [jobSeekerId],
  );
  const categories: HeldCategory[] = [
    {
      title: "Identité et coordonnées",
      lines: [
        `Nom et prénom : ${person.name}`,
        `Date de naissance : ${frenchDate(person.birthDate)}`,
        `Identifiant France Travail : ${person.ftIdentifier}`,
        `Commune de résidence (code INSEE) : ${js.commune_insee}${js.qpv ? " — quartier prioritaire de la politique de la ville" : ""}`,
        `Inscription à France Travail : le ${frenchDate(person.registeredAt)}${js.deregistered_on ? `, radiation le ${frenchDate(js.deregistered_on)}` : ""}`,
        `Allocations : ${js.benefits.length ? js.benefits.join(", ") : "aucune enregistrée"}`,
        `Courriel : ${js.email ?? "non enregistré"} ; téléphone : ${js.phone ?? "non enregistré"}`,
      ],
      source: "France Travail (inscription comme demandeur d’emploi), complétée par les professionnels qui accompagnent la personne",
      recipients: "Les professionnels des parties aux conventions dont la personne relève (territoire ou accompagnement)",
    },
  ];
  const cases = await db.query<{
    id: string;
    number: string;
    status: keyof typeof STATUS_LABELS;
    origin: keyof typeof ORIGIN_LABELS;
    oriented_on: string;
    consent_given_on: string | null;
    diagnosis_on: string | null;
    entered_on: string | null;
    period_ends_on: string | null;
    exited_on: string | null;
    exit_type: keyof typeof EXIT_TYPE_LABELS | null;
    orienter: string;
    advisor_org: string | null;
    social_org: string | null;
    parties: string[];
  }>(
    `SELECT sc.id, c.number, sc.status, sc.origin, sc.oriented_on::text, sc.consent_given_on::text, sc.diagnosis_on::text, sc.entered_on::text,
            sc.period_ends_on::text, sc.exited_on::text, sc.exit_type, oo.name AS orienter, ao.name AS advisor_org, so.name AS social_org,
            ARRAY(SELECT o.name FROM organisations o WHERE o.id = ANY(${actingPartyIdsSql("sc.convention_id", "$3::date")}) ORDER BY o.name) AS parties
       FROM support_cases sc JOIN conventions c ON c.id = sc.convention_id
       JOIN organisations oo ON oo.id = sc.orienter_organisation_id
       LEFT JOIN users a ON a.id = sc.advisor_id LEFT JOIN organisations ao ON ao.id = a.organisation_id
       LEFT JOIN users s ON s.id = sc.social_worker_id LEFT JOIN organisations so ON so.id = s.organisation_id
      WHERE sc.job_seeker_id = $2 AND $1::uuid = ANY(${actingPartyIdsSql("sc.convention_id", "$3::date")})
      ORDER BY sc.oriented_on, sc.created_at`,
    [organisationId, jobSeekerId, today],
  );
  const caseIds = cases.map((c) => c.id);
  const appointments = await db.query<{ case_id: string; kind: keyof typeof APPOINTMENT_KIND_LABELS; scheduled_on: string; status: keyof typeof APPOINTMENT_STATUS_LABELS; modality: keyof typeof APPOINTMENT_MODALITY_LABELS | null; cancelled_on: string | null }>(
    "SELECT case_id, kind, scheduled_on::text, status, modality, cancelled_on::text FROM support_appointments WHERE case_id = ANY($1::uuid[]) ORDER BY scheduled_on",
    [caseIds],
  );
  const barriers = await db.query<{ case_id: string; code: BarrierCode; label: string | null; observed_on: string; resolved_on: string | null }>(
    "SELECT case_id, code, label, observed_on::text, resolved_on::text FROM support_case_barriers WHERE case_id = ANY($1::uuid[]) ORDER BY observed_on",
    [caseIds],
  );
  const notes = await db.query<{ case_id: string; body: string; created_at: Date; author_org: string }>(
    `SELECT n.case_id, n.body, n.created_at, o.name AS author_org FROM support_notes n JOIN users u ON u.id = n.author_id JOIN organisations o ON o.id = u.organisation_id
      WHERE n.case_id = ANY($1::uuid[]) AND n.visibility = 'pair' ORDER BY n.created_at`,
    [caseIds],
  );
  const documents = await db.query<{ case_id: string; name: string; created_at: Date }>(
    "SELECT case_id, name, created_at FROM support_documents WHERE case_id = ANY($1::uuid[]) AND visibility = 'pair' ORDER BY created_at",
    [caseIds],
  );
  const [withheldCounts] = await db.query<{ social_notes: string; employment_notes: string; social_documents: string; employment_documents: string }>(
    `SELECT (SELECT count(*) FROM support_notes WHERE case_id = ANY($1::uuid[]) AND visibility = 'social') AS social_notes,
            (SELECT count(*) FROM support_notes WHERE case_id = ANY($1::uuid[]) AND visibility = 'employment') AS employment_notes,
            (SELECT count(*) FROM support_documents WHERE case_id = ANY($1::uuid[]) AND visibility = 'social') AS social_documents,
            (SELECT count(*) FROM support_documents WHERE case_id = ANY($1::uuid[]) AND visibility = 'employment') AS employment_documents`,
    [caseIds],
  );

  for (const c of cases) {
    const recipients = `Les parties de la convention ${c.number} : ${c.parties.join(", ")}`;
    const dated = (label: string, d: string | null) => (d ? [`${label} : ${frenchDate(d)}`] : []);
    categories.push({
      title: `Parcours d’accompagnement global — convention ${c.number}`,
      lines: [
        `Statut : ${STATUS_LABELS[c.status]}`,
        `Orientation le ${frenchDate(c.oriented_on)} par ${c.orienter} (origine : ${ORIGIN_LABELS[c.origin]})`,
        ...dated("Consentement recueilli le", c.consent_given_on),
        ...dated("Diagnostic", c.diagnosis_on),
        ...dated("Entrée dans l’accompagnement", c.entered_on),
        ...dated("Fin de la période en cours", c.period_ends_on),
        ...(c.exited_on ? [`Sortie le ${frenchDate(c.exited_on)}${c.exit_type ? ` (${EXIT_TYPE_LABELS[c.exit_type]})` : ""}`] : []),
        `Binôme : ${c.advisor_org ?? "conseiller non désigné"} ; ${c.social_org ?? "travailleur social non désigné"}`,
      ],
      source: "Les professionnels du binôme et l’orienteur, à partir des échanges avec la personne",
      recipients,
    });
    const own = <T extends { case_id: string }>(rows: T[]) => rows.filter((r) => r.case_id === c.id);
    categories.push({
      title: `Rendez-vous — convention ${c.number}`,
      lines: own(appointments).map(
        (a) =>
          `${frenchDate(a.scheduled_on)} — rendez-vous ${APPOINTMENT_KIND_LABELS[a.kind].toLowerCase()}${a.modality ? ` (${APPOINTMENT_MODALITY_LABELS[a.modality].toLowerCase()})` : ""} : ${a.cancelled_on ? `annulé le ${frenchDate(a.cancelled_on)}` : APPOINTMENT_STATUS_LABELS[a.status].toLowerCase()}`,
      ),
      source: "Le binôme qui fixe les rendez-vous et note leur suite",
      recipients,
    });
    categories.push({
      title: `Freins — convention ${c.number}`,
      lines: own(barriers).map(
        (b) => `${b.code === "other" && b.label ? b.label : BARRIER_LABELS[b.code]} : relevé le ${frenchDate(b.observed_on)}${b.resolved_on ? `, levé le ${frenchDate(b.resolved_on)}` : ""}`,
      ),
      source: "Le diagnostic partagé et le suivi du binôme",
      recipients,
    });
    categories.push({
      title: `Notes visibles du binôme et documents — convention ${c.number}`,
      lines: [
        ...own(notes).map((n) => `Note du ${frenchDate(n.created_at.toISOString())} (${n.author_org}) : ${n.body}`),
        ...own(documents).map((d) => `Document « ${d.name} » déposé le ${frenchDate(d.created_at.toISOString())}`),
      ],
      source: "Les professionnels du binôme",
      recipients: `Le binôme de l’accompagnement (${[c.advisor_org, c.social_org].filter(Boolean).join(", ") || "non désigné"})`,
    });
  }
  if (cases.length === 0) {
    categories.push({
      title: "Parcours d’accompagnement",
      lines: [],
      source: "—",
      recipients: "—",
    });
  }
  const withheld: string[] = [];
  const n = (s: string) => Number(s);
  if (n(withheldCounts.social_notes) + n(withheldCounts.social_documents) > 0)
    withheld.push(
      `${withheldCounts.social_notes} note(s) et ${withheldCounts.social_documents} document(s) sociaux, couverts par le secret professionnel : communiqués à la personne par le travailleur social qui les tient.`,
    );
  if (n(withheldCounts.employment_notes) + n(withheldCounts.employment_documents) > 0)
    withheld.push(
      `${withheldCounts.employment_notes} note(s) et ${withheldCounts.employment_documents} document(s) emploi, réservés au conseiller France Travail : communiqués à la personne par son conseiller.`,
    );
  return { person, categories, withheld };
}
