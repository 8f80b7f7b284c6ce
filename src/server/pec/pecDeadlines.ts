import { certificateDeadline } from "../../domain/pec/contractDates.js";
import { addDays, frenchDate } from "../../domain/shared/calendarDate.js";
import { pecTermsOf } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { jobSeekerNames } from "../support/pecCandidates.js";
import { pecRefOf } from "./pecCommand.js";
import { notifyPecUser, type PecDeps } from "./pecNotify.js";

/** A certificate to deliver: the employer's deadline for an active contract whose certificate is not signed yet. */
export type CertificateDeadline = { contractId: string; conventionId: string; conventionNumber: string; employerOrganisationId: string; jobSeekerId: string; dueOn: string; source: string };

async function openCertificateDeadlines(db: Db, employerOrganisationId: string | null, today: string): Promise<CertificateDeadline[]> {
  const rows = await db.query<{ id: string; convention_id: string; employer_org_id: string; job_seeker_id: string; starts_on: string; ends_on: string; requested: string | null }>(
    `SELECT c.id, c.convention_id, c.employer_org_id, c.job_seeker_id, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
            to_char(c.certificate_requested_on, 'YYYY-MM-DD') AS requested
       FROM pec_contracts c LEFT JOIN pec_certificates s ON s.contract_id = c.id
      WHERE c.status = 'active' AND s.signed_on IS NULL AND ($1::uuid IS NULL OR c.employer_org_id = $1)
      ORDER BY c.ends_on`,
    [employerOrganisationId],
  );
  const terms = new Map<string, Awaited<ReturnType<typeof pecTermsOf>>>();
  const result: CertificateDeadline[] = [];
  for (const r of rows) {
    if (!terms.has(r.convention_id)) terms.set(r.convention_id, await pecTermsOf(db, r.convention_id, today));
    const pec = terms.get(r.convention_id);
    if (!pec) continue;
    result.push({
      contractId: r.id,
      conventionId: r.convention_id,
      conventionNumber: pec.number,
      employerOrganisationId: r.employer_org_id,
      jobSeekerId: r.job_seeker_id,
      dueOn: certificateDeadline({ startsOn: r.starts_on, endsOn: r.ends_on, requestedOn: r.requested }, pec.terms),
      source: pec.terms.certificate.source,
    });
  }
  return result;
}

/**
 * The PEC reading of « Mes échéances » (convention/conventionQueries.obligationsForUser), like
 * governance/calendarStates.ts: the work-experience certificates the user's organisation must deliver as
 * employer, for its staff who act for the employer. No name in the label (the feed leaves Tandem).
 */
export async function pecCertificateObligations(db: Db, user: SessionUser, fromDate: string) {
  const deadlines = await openCertificateDeadlines(db, user.organisationId, fromDate);
  const listed = [];
  for (const d of deadlines) {
    if (!can(user, "pec.employer.act", await pecRefOf(db, d.conventionId, d.employerOrganisationId, fromDate))) continue;
    listed.push({
      key: `pec_certificate:${d.contractId}`,
      kind: "pec_certificate",
      dueOn: d.dueOn,
      label: "Attestation d’expérience professionnelle à remettre (parcours emploi compétences)",
      source: d.source,
      conventionId: d.conventionId,
      conventionNumber: d.conventionNumber,
    });
  }
  return listed;
}

/**
 * Daily: the employer's partner agents and org_admins are reminded of a certificate due within
 * `soonDays` days, and again once it is overdue — each reminder once per contract and deadline
 * (pec_certificate_alerts), the deadline moving with a renewal or a request.
 */
export async function sendPecCertificateReminders(db: Db, deps: PecDeps, today: string, soonDays = 15): Promise<number> {
  let sent = 0;
  for (const d of await openCertificateDeadlines(db, null, today)) {
    const kind = d.dueOn < today ? "overdue" : d.dueOn <= addDays(today, soonDays) ? "soon" : null;
    if (!kind) continue;
    sent += await db.transaction(async (tx) => {
      const claimed = await tx.query(
        "INSERT INTO pec_certificate_alerts (contract_id, kind, due_on, sent_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1",
        [d.contractId, kind, d.dueOn, today],
      );
      if (claimed.length === 0) return 0;
      const name = (await jobSeekerNames(tx, [d.jobSeekerId])).get(d.jobSeekerId) ?? "le salarié";
      const staff = await tx.query<{ id: string }>(
        "SELECT id FROM users WHERE organisation_id = $1 AND active AND (roles && ARRAY['partner_agent', 'org_admin']::text[])",
        [d.employerOrganisationId],
      );
      for (const s of staff) {
        await notifyPecUser(tx, deps, {
          userId: s.id,
          kind: "pec_certificate_due",
          title: kind === "overdue" ? "Attestation d’expérience professionnelle en retard" : "Attestation d’expérience professionnelle à remettre",
          body: `L’attestation d’expérience professionnelle de ${name} est due ${kind === "overdue" ? "depuis" : "au plus tard"} le ${frenchDate(d.dueOn)} (${d.source}).`,
          emailBody: `Une attestation d’expérience professionnelle (parcours emploi compétences) est due ${kind === "overdue" ? "depuis" : "au plus tard"} le ${frenchDate(d.dueOn)}.`,
          link: `/pec/contrats/${d.contractId}`,
        });
      }
      return staff.length;
    });
  }
  return sent;
}
