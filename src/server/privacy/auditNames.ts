import { frenchDate } from "../../domain/shared/calendarDate.js";
import { auditActionLabel } from "../../shared/auditActions.js";
import type { AuditEvent } from "../../shared/contracts/platform.js";

/**
 * Names instead of identifiers, for the entries a caller may already read (the page of entries
 * chosen by `auditWhere`, the policy's scope): who acted, from which organisation, and what the
 * entry is about, as a DPO reads it. Resolved by joins on that page only (50 rows, primary keys),
 * never one query per row. The audit trail reads across contexts by nature: these joins are the
 * only place it reads their tables, and only for names.
 */
const UUID = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

/** Wraps a query of audit events (all columns, ordered, paged) with the names of its rows. */
export const withNames = (events: string) => `
  WITH page AS (${events}),
  keyed AS (SELECT page.*, CASE WHEN subject_id ~* ${UUID} THEN subject_id::uuid END AS subject_uuid FROM page)
  SELECT k.*,
         coalesce(actor.email, k.actor_email) AS actor_address,
         actor.first_name AS actor_first_name, actor.last_name AS actor_last_name, actor_org.name AS actor_organisation_name,
         su.first_name AS user_first_name, su.last_name AS user_last_name,
         coalesce(js.first_name, cjs.first_name) AS person_first_name, coalesce(js.last_name, cjs.last_name) AS person_last_name,
         conv.number AS convention_number,
         rv.held_on::text AS review_held_on, rvc.number AS review_convention_number,
         so.name AS organisation_name,
         to_char(ps.purged_on, 'YYYY-MM-DD') AS purged_on,
         coalesce(pj.label, CASE WHEN ps.rights_request_id IS NOT NULL THEN 'effacement à la demande de la personne' END) AS purge_label
    FROM keyed k
    LEFT JOIN users actor ON actor.id = k.actor_user_id
    LEFT JOIN organisations actor_org ON actor_org.id = k.actor_organisation_id
    LEFT JOIN users su ON k.subject_type = 'user' AND su.id = k.subject_uuid
    LEFT JOIN job_seekers js ON k.subject_type = 'job_seeker' AND js.id = k.subject_uuid
    LEFT JOIN support_cases sc ON k.subject_type = 'support_case' AND sc.id = k.subject_uuid
    LEFT JOIN job_seekers cjs ON cjs.id = sc.job_seeker_id
    LEFT JOIN conventions conv ON k.subject_type = 'convention' AND conv.id = k.subject_uuid
    LEFT JOIN portfolio_reviews rv ON k.subject_type = 'portfolio_review' AND rv.id = k.subject_uuid
    LEFT JOIN conventions rvc ON rvc.id = rv.convention_id
    LEFT JOIN organisations so ON k.subject_type = 'organisation' AND so.id = k.subject_uuid
    -- Deleted by a retention purge (ADR 0032) or an answered erasure (ADR 0031): the entry says so, and when, instead of a dangling id.
    LEFT JOIN purged_subjects ps ON ps.subject_type = k.subject_type AND ps.subject_id = k.subject_uuid
    LEFT JOIN purge_journal pj ON pj.id = ps.journal_id
   ORDER BY k.occurred_at DESC, k.id DESC`;

export type NamedRow = {
  id: string;
  occurred_at: Date;
  /** The actor's address: their account's (users.email), else the one old events carry (before migrations/020). */
  actor_address: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  ip: string | null;
  total: string;
  actor_first_name: string | null;
  actor_last_name: string | null;
  actor_organisation_name: string | null;
  user_first_name: string | null;
  user_last_name: string | null;
  person_first_name: string | null;
  person_last_name: string | null;
  convention_number: string | null;
  review_held_on: string | null;
  review_convention_number: string | null;
  organisation_name: string | null;
  /** Set when a retention purge deleted the subject (purged_subjects): the day, and what was purged. */
  purged_on?: string | null;
  purge_label?: string | null;
};

/** « D. Martin »: enough for a DPO to tell who, no more than needed on a screen. */
const initialled = (first: string | null, last: string | null) => (last ? `${first ? `${first.trim().charAt(0).toUpperCase()}. ` : ""}${last}` : null);

/** What the entry is about, by what it is. */
export function subjectLabel(r: NamedRow): string {
  const gone = r.purged_on ? `personne supprimée le ${frenchDate(r.purged_on)} (purge : ${r.purge_label})` : "élément supprimé";
  switch (r.subject_type) {
    case "user": {
      const name = initialled(r.user_first_name, r.user_last_name);
      return r.subject_id ? `Compte de ${name ?? gone}` : "Comptes";
    }
    case "job_seeker": {
      const name = initialled(r.person_first_name, r.person_last_name);
      return r.subject_id ? `Fiche de ${name ?? gone}` : "Personnes";
    }
    case "support_case": {
      const name = initialled(r.person_first_name, r.person_last_name);
      return r.subject_id ? `Accompagnement de ${name ?? gone}` : "Portefeuille";
    }
    case "convention":
      return r.convention_number ? `Convention ${r.convention_number}` : `Convention (${gone})`;
    case "portfolio_review":
      return r.review_held_on ? `Revue du ${frenchDate(r.review_held_on)} (convention ${r.review_convention_number})` : `Revue de portefeuille (${gone})`;
    case "organisation":
      return r.organisation_name ? `Organisation ${r.organisation_name}` : `Organisation (${gone})`;
    case "audit_trail":
      return "Journal d’audit";
    case "emails":
      return "Boîte d’envoi";
    case "breach":
      return "Violation de données ou plainte (registre)";
    case "job_seekers":
      return "Personnes";
    default:
      return r.subject_type;
  }
}

export const presentNamed = (r: NamedRow): AuditEvent => ({
  id: String(r.id),
  occurredAt: r.occurred_at.toISOString(),
  actorEmail: r.actor_address,
  actorOrganisationId: r.actor_organisation_id,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details ?? {},
  requestId: r.request_id,
  ip: r.ip,
  actionLabel: auditActionLabel(r.action),
  actorName: r.actor_last_name ? `${r.actor_first_name ?? ""} ${r.actor_last_name}`.trim() : r.actor_address,
  actorOrganisation: r.actor_organisation_name,
  subjectLabel: subjectLabel(r),
});
