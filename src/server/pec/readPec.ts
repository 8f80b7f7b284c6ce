import { certificateDeadline } from "../../domain/pec/contractDates.js";
import { delayLabel } from "../../domain/convention/delays.js";
import type { PecContractDto, PecOfferDto, PecOverview } from "../../shared/contracts/pec.js";
import { findConventionsRunningPec, type PecTermsReading, pecTermsOf } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { jobSeekerNames } from "../support/pecCandidates.js";
import { activeContractsOfTutor, findContract, findOffer } from "./pecRepository.js";
import { pecRefOf } from "./pecCommand.js";
import { pecErrors } from "./pecErrors.js";

type Ctx = RequestContext & { user: SessionUser };

const userName = (db: Db, id: string) => db.query<{ name: string }>("SELECT first_name || ' ' || last_name AS name FROM users WHERE id = $1", [id]).then((r) => r[0]?.name ?? "—");
const orgName = (db: Db, id: string) => db.query<{ name: string }>("SELECT name FROM organisations WHERE id = $1", [id]).then((r) => r[0]?.name ?? "—");

/**
 * « Parcours emploi compétences »: for each convention in force running PEC under which the user acts,
 * its employers (with the company advisors named), the offers and contracts the user may read — the
 * employer's own, or all of the convention's for France Travail — and the matches counted.
 */
export async function readPecOverview(db: Db, ctx: Ctx, today: string): Promise<PecOverview> {
  const user = ctx.user;
  const conventions: PecOverview["conventions"] = [];
  const offers: PecOverview["offers"] = [];
  const contracts: PecOverview["contracts"] = [];
  for (const pec of await findConventionsRunningPec(db, user.organisationId, today)) {
    const employers = [];
    const readable: string[] = [];
    let ftIds: string[] = [];
    for (const employerId of pec.employerOrganisationIds) {
      const ref = await pecRefOf(db, pec.conventionId, employerId, today);
      ftIds = ref.franceTravailOrganisationIds;
      if (!can(user, "pec.read", ref) && !can(user, "pec.company_advisors.name", ref)) continue;
      if (can(user, "pec.read", ref)) readable.push(employerId);
      const advisors = await db.query<{ id: string; name: string; rank: "named" | "backup" }>(
        `SELECT u.id, u.first_name || ' ' || u.last_name AS name, a.rank FROM pec_company_advisors a JOIN users u ON u.id = a.user_id
          WHERE a.convention_id = $1 AND a.employer_org_id = $2 ORDER BY a.rank DESC, u.last_name`,
        [pec.conventionId, employerId],
      );
      employers.push({ id: employerId, name: await orgName(db, employerId), canPostOffer: can(user, "pec.employer.act", ref), advisors });
    }
    if (employers.length === 0) continue;
    const canNameAdvisors = can(user, "pec.company_advisors.name", { franceTravailOrganisationIds: ftIds });
    const advisorChoices = canNameAdvisors
      ? await db.query<{ id: string; name: string }>(
          "SELECT id, first_name || ' ' || last_name AS name FROM users WHERE organisation_id = ANY($1::uuid[]) AND active AND 'advisor' = ANY(roles) ORDER BY last_name, first_name",
          [ftIds],
        )
      : [];
    const [{ n: matches }] = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM pec_candidacies c JOIN pec_offers o ON o.id = c.offer_id WHERE c.convention_id = $1 AND o.employer_org_id = ANY($2::uuid[])",
      [pec.conventionId, readable],
    );
    conventions.push({
      id: pec.conventionId,
      number: pec.number,
      title: pec.title,
      matches: Number(matches),
      employers,
      limits: { ...pec.terms.companyAdvisors },
      canNameAdvisors,
      advisorChoices,
    });
    offers.push(...(await offerSummaries(db, pec, readable)));
    const rows = await db.query<{ id: string; job_seeker_id: string; employer: string; title: string; starts_on: string; ends_on: string; status: "active" | "ended"; requested: string | null }>(
      `SELECT c.id, c.job_seeker_id, o.name AS employer, f.title, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.status,
              to_char(c.certificate_requested_on, 'YYYY-MM-DD') AS requested
         FROM pec_contracts c JOIN organisations o ON o.id = c.employer_org_id JOIN pec_offers f ON f.id = c.offer_id
        WHERE c.convention_id = $1 AND c.employer_org_id = ANY($2::uuid[]) ORDER BY c.status, c.starts_on DESC`,
      [pec.conventionId, readable],
    );
    const names = await jobSeekerNames(db, rows.map((r) => r.job_seeker_id));
    for (const r of rows) {
      contracts.push({
        id: r.id,
        employee: names.get(r.job_seeker_id) ?? "—",
        employer: r.employer,
        offerTitle: r.title,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        status: r.status,
        certificateDueOn: certificateDeadline({ startsOn: r.starts_on, endsOn: r.ends_on, requestedOn: r.requested }, pec.terms),
      });
    }
  }
  await auditRead(db, ctx, { action: "pec.overview_read", subjectType: "organisation", subjectId: user.organisationId, details: { offers: offers.length, contracts: contracts.length } });
  return { conventions, offers, contracts };
}

async function offerSummaries(db: Db, pec: PecTermsReading, employerIds: string[], offerId?: string): Promise<PecOverview["offers"]> {
  const rows = await db.query<{
    id: string;
    employer: string;
    title: string;
    weekly_hours: number;
    duration_months: number;
    wished_start_on: string;
    status: "open" | "filled" | "withdrawn";
    created_at: string;
    candidacies: string;
    accepted: string;
  }>(
    `SELECT f.id, o.name AS employer, f.title, f.weekly_hours, f.duration_months, to_char(f.wished_start_on, 'YYYY-MM-DD') AS wished_start_on, f.status,
            f.created_at::text AS created_at,
            (SELECT count(*) FROM pec_candidacies c WHERE c.offer_id = f.id) AS candidacies,
            (SELECT count(*) FROM pec_candidacies c WHERE c.offer_id = f.id AND c.status = 'accepted') AS accepted
       FROM pec_offers f JOIN organisations o ON o.id = f.employer_org_id
      WHERE f.convention_id = $1 AND f.employer_org_id = ANY($2::uuid[]) AND ($3::uuid IS NULL OR f.id = $3)
      ORDER BY f.created_at DESC`,
    [pec.conventionId, employerIds, offerId ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    conventionId: pec.conventionId,
    conventionNumber: pec.number,
    employer: r.employer,
    title: r.title,
    weeklyHours: r.weekly_hours,
    durationMonths: r.duration_months,
    wishedStartOn: r.wished_start_on,
    status: r.status,
    createdAt: r.created_at,
    candidacies: Number(r.candidacies),
    accepted: Number(r.accepted),
  }));
}

/**
 * An offer with its candidacies: France Travail's side sees the advisor's diagnosis; the employer sees
 * each candidate's name and the proposal, never the diagnosis nor the person's social data.
 */
export async function readPecOffer(db: Db, ctx: Ctx, offerId: string, today: string): Promise<PecOfferDto> {
  const offer = await findOffer(db, offerId);
  if (!offer) throw pecErrors.offerNotFound();
  const pec = await pecTermsOf(db, offer.convention_id, today);
  if (!pec) throw pecErrors.offerNotFound();
  const ref = await pecRefOf(db, offer.convention_id, offer.employer_org_id, today);
  if (!can(ctx.user, "pec.read", ref)) throw pecErrors.offerNotFound();
  const franceTravailSide = ref.franceTravailOrganisationIds.includes(ctx.user.organisationId);
  const [summary] = await offerSummaries(db, pec, [offer.employer_org_id], offer.id);
  const candidacies = await db.query<{
    id: string;
    job_seeker_id: string;
    proposal: string;
    diagnosis: string;
    proposed_by: string;
    proposed_at: string;
    status: "proposed" | "accepted" | "refused";
    answer_reason: string | null;
    answered_at: string | null;
    contract_id: string | null;
  }>(
    `SELECT c.id, c.job_seeker_id, c.proposal, c.diagnosis, u.first_name || ' ' || u.last_name AS proposed_by, c.proposed_at::text AS proposed_at, c.status,
            c.answer_reason, c.answered_at::text AS answered_at, k.id AS contract_id
       FROM pec_candidacies c JOIN users u ON u.id = c.proposed_by LEFT JOIN pec_contracts k ON k.candidacy_id = c.id
      WHERE c.offer_id = $1 ORDER BY c.proposed_at`,
    [offer.id],
  );
  const names = await jobSeekerNames(db, candidacies.map((c) => c.job_seeker_id));
  const companyAdvisors = await db.query<{ id: string; name: string; rank: "named" | "backup" }>(
    `SELECT u.id, u.first_name || ' ' || u.last_name AS name, a.rank FROM pec_company_advisors a JOIN users u ON u.id = a.user_id
      WHERE a.convention_id = $1 AND a.employer_org_id = $2 ORDER BY a.rank DESC, u.last_name`,
    [offer.convention_id, offer.employer_org_id],
  );
  await auditRead(db, ctx, { action: "pec.offer_read", subjectType: "pec_offer", subjectId: offer.id, details: { candidacies: candidacies.length } });
  return {
    ...summary,
    skills: offer.skills,
    romeCodes: offer.rome_codes,
    siteAddress: offer.site_address,
    postedBy: await userName(db, offer.posted_by),
    companyAdvisors,
    candidacyList: candidacies.map((c) => ({
      id: c.id,
      candidate: names.get(c.job_seeker_id) ?? "—",
      proposal: c.proposal,
      diagnosis: franceTravailSide ? c.diagnosis : null,
      proposedBy: c.proposed_by,
      proposedAt: c.proposed_at,
      status: c.status,
      answerReason: c.answer_reason,
      answeredAt: c.answered_at,
      contractId: c.contract_id,
    })),
    canPropose: offer.status === "open" && pec.inForce && can(ctx.user, "pec.advisor.act", ref),
    canAnswer: can(ctx.user, "pec.employer.act", ref),
  };
}

/** A contract: its tutor, three-way meeting, certificate (deadline from the terms) and exit; for the employer and France Travail's side. */
export async function readPecContract(db: Db, ctx: Ctx, contractId: string, today: string, opts: { audit?: boolean } = {}): Promise<PecContractDto> {
  const contract = await findContract(db, contractId);
  if (!contract) throw pecErrors.contractNotFound();
  const pec = await pecTermsOf(db, contract.convention_id, today);
  if (!pec) throw pecErrors.contractNotFound();
  const ref = await pecRefOf(db, contract.convention_id, contract.employer_org_id, today);
  if (!can(ctx.user, "pec.read", ref)) throw pecErrors.contractNotFound();
  const [offer] = await db.query<{ title: string }>("SELECT title FROM pec_offers WHERE id = $1", [contract.offer_id]);
  const [tutor] = contract.tutor_id
    ? await db.query<{
        id: string;
        name: string;
        email: string;
        job_title: string;
        is_employee: boolean;
        volunteer: boolean;
        qualification: string;
        years_experience: number;
        on_subsidised_contract: boolean;
        other_subsidised_employees: number;
      }>("SELECT * FROM pec_tutors WHERE id = $1", [contract.tutor_id])
    : [];
  const [meeting] = await db.query<{ held_on: string; skills: { code: string; label: string }[]; training_actions: string[]; support_actions: string[]; notes: string | null }>(
    "SELECT to_char(held_on, 'YYYY-MM-DD') AS held_on, skills, training_actions, support_actions, notes FROM pec_three_way_meetings WHERE contract_id = $1",
    [contract.id],
  );
  const signatures = meeting
    ? await db.query<{ signer: "advisor" | "employee" | "tutor"; name: string; mode: "in_app" | "signed_in_meeting"; signed_at: string; recorded_by: string }>(
        `SELECT s.signer, s.signer_name AS name, s.mode, s.signed_at::text AS signed_at, u.first_name || ' ' || u.last_name AS recorded_by
           FROM pec_meeting_signatures s JOIN users u ON u.id = s.recorded_by WHERE s.contract_id = $1
          ORDER BY array_position(ARRAY['advisor','employee','tutor'], s.signer)`,
        [contract.id],
      )
    : [];
  const [cert] = await db.query<{ missions: string; skills_acquired: string; trainings: string | null; completed_at: string; signed_on: string | null; signer_name: string | null }>(
    "SELECT missions, skills_acquired, trainings, completed_at::text AS completed_at, to_char(signed_on, 'YYYY-MM-DD') AS signed_on, signer_name FROM pec_certificates WHERE contract_id = $1",
    [contract.id],
  );
  const [exit] = await db.query<{ exit_outcome: "job" | "training" | "renewal" | "other"; exit_note: string | null }>(
    "SELECT exit_outcome, exit_note FROM pec_contracts WHERE id = $1 AND status = 'ended'",
    [contract.id],
  );
  const names = await jobSeekerNames(db, [contract.job_seeker_id]);
  if (opts.audit !== false) await auditRead(db, ctx, { action: "pec.contract_read", subjectType: "pec_contract", subjectId: contract.id });
  return {
    id: contract.id,
    conventionId: contract.convention_id,
    conventionNumber: pec.number,
    offerId: contract.offer_id,
    offerTitle: offer?.title ?? "—",
    employer: await orgName(db, contract.employer_org_id),
    employee: names.get(contract.job_seeker_id) ?? "—",
    referentAdvisor: await userName(db, contract.referent_advisor_id),
    startsOn: contract.starts_on,
    endsOn: contract.ends_on,
    initialEndsOn: contract.initial_ends_on,
    weeklyHours: contract.weekly_hours,
    renewals: contract.renewals,
    status: contract.status,
    tutor: tutor
      ? {
          id: tutor.id,
          name: tutor.name,
          email: tutor.email,
          jobTitle: tutor.job_title,
          isEmployee: tutor.is_employee,
          volunteer: tutor.volunteer,
          qualification: tutor.qualification,
          yearsExperience: tutor.years_experience,
          onSubsidisedContract: tutor.on_subsidised_contract,
          otherSubsidisedEmployees: tutor.other_subsidised_employees,
          activeContracts: (await activeContractsOfTutor(db, tutor.id, null)) as number,
        }
      : null,
    tutorTerms: { ...pec.terms.tutor },
    meeting: meeting
      ? {
          heldOn: meeting.held_on,
          skills: meeting.skills,
          trainingActions: meeting.training_actions,
          supportActions: meeting.support_actions,
          notes: meeting.notes,
          signatures: signatures.map((s) => ({ signer: s.signer, name: s.name, mode: s.mode, signedAt: s.signed_at, recordedBy: s.recorded_by })),
        }
      : null,
    certificate: {
      dueOn: certificateDeadline({ startsOn: contract.starts_on, endsOn: contract.ends_on, requestedOn: contract.certificate_requested_on }, pec.terms),
      requestedOn: contract.certificate_requested_on,
      rule: `À la demande du salarié ou au plus tard ${delayLabel(pec.terms.certificate.latestBeforeEnd)} avant la fin du contrat (${pec.terms.certificate.source}).`,
      missions: cert?.missions ?? null,
      skillsAcquired: cert?.skills_acquired ?? null,
      trainings: cert?.trainings ?? null,
      completedAt: cert?.completed_at ?? null,
      signedOn: cert?.signed_on ?? null,
      signerName: cert?.signer_name ?? null,
    },
    exit: exit && contract.exit_on ? { exitOn: contract.exit_on, outcome: exit.exit_outcome, note: exit.exit_note } : null,
    can: { employer: can(ctx.user, "pec.employer.act", ref), advisor: can(ctx.user, "pec.advisor.act", ref) },
  };
}
