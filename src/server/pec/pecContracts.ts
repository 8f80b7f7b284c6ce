import type { z } from "zod";
import { tutorRefusals } from "../../domain/pec/tutorConditions.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import type {
  CertificateSchema,
  CertificateSignatureSchema,
  ContractExitSchema,
  MeetingSignatureSchema,
  ThreeWayMeetingInput,
  TutorInput,
} from "../../shared/contracts/pec.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { romeReferentialStatus, romeSkillsByCodes } from "../rome/romeReferential.js";
import { jobSeekerNames } from "../support/pecCandidates.js";
import { recomputeBookletMilestones } from "./bookletSchedule.js";
import { type PecCommandContext, runPecCommand } from "./pecCommand.js";
import { pecErrors } from "./pecErrors.js";
import { activeContractsOfTutor, type ContractRow } from "./pecRepository.js";

const activeContract = (c: PecCommandContext): ContractRow => {
  if (!c.contract) throw pecErrors.contractNotFound();
  if (c.contract.status !== "active") throw pecErrors.contractEnded();
  return c.contract;
};
const contractSubject = (id: string) => ({ type: "pec_contract", id });

/**
 * The employer names the contract's tutor (000 art. 3.1 a, R5134-38). A tutor is known by their e-mail
 * at the employer: the subsidised employees they tutor are their active PEC contracts in Tandem plus
 * those declared outside it. Each condition failed is refused with its rule; nothing is written then.
 */
export async function nameTutor(db: Db, ctx: RequestContext, contractId: string, input: TutorInput): Promise<{ tutorId: string }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.tutor_named", action: "pec.employer.act" }, async (c) => {
    const contract = activeContract(c);
    const [existing] = await c.tx.query<{ id: string }>("SELECT id FROM pec_tutors WHERE employer_org_id = $1 AND lower(email) = lower($2) FOR UPDATE", [
      contract.employer_org_id,
      input.email,
    ]);
    const inTandem = existing ? await activeContractsOfTutor(c.tx, existing.id, contract.id) : 0;
    const refusals = tutorRefusals({ ...input, subsidisedEmployeesTutored: inTandem + input.otherSubsidisedEmployees }, c.pec.terms, c.pec.number);
    if (refusals.length > 0) throw pecErrors.tutorRefused(refusals);
    const values = [input.name, input.email, input.jobTitle, input.isEmployee, input.volunteer, input.qualification, input.yearsExperience, input.onSubsidisedContract, input.otherSubsidisedEmployees];
    let tutorId: string;
    if (existing) {
      await c.tx.query(
        `UPDATE pec_tutors SET name = $2, email = $3, job_title = $4, is_employee = $5, volunteer = $6, qualification = $7, years_experience = $8,
                on_subsidised_contract = $9, other_subsidised_employees = $10, updated_at = now() WHERE id = $1`,
        [existing.id, ...values],
      );
      tutorId = existing.id;
    } else {
      [{ id: tutorId }] = await c.tx.query<{ id: string }>(
        `INSERT INTO pec_tutors (employer_org_id, name, email, job_title, is_employee, volunteer, qualification, years_experience, on_subsidised_contract, other_subsidised_employees)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [contract.employer_org_id, ...values],
      );
    }
    await c.tx.query("UPDATE pec_contracts SET tutor_id = $2 WHERE id = $1", [contract.id, tutorId]);
    return { result: { tutorId }, subject: contractSubject(contract.id), details: { tutorId, subsidisedEmployees: inTandem + input.otherSubsidisedEmployees + 1 } };
  });
}

/**
 * The three-way meeting (conseiller référent – salarié – tuteur) fixes the skills to develop, from
 * France Travail's referential (ROME), and the training and support actions. Recorded by the advisor;
 * once anyone has signed it, it no longer changes.
 */
export async function recordThreeWayMeeting(db: Db, ctx: RequestContext, contractId: string, input: ThreeWayMeetingInput): Promise<{ skills: number }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.meeting_recorded", action: "pec.advisor.act" }, async (c) => {
    const contract = activeContract(c);
    if (!contract.tutor_id) throw pecErrors.tutorMissing();
    if (input.heldOn > c.today) throw pecErrors.meetingDate("L’entretien tripartite ne peut pas être daté d’un jour à venir.");
    if (input.heldOn > contract.ends_on) throw pecErrors.meetingDate(`L’entretien tripartite précède la fin du contrat (${frenchDate(contract.ends_on)}).`);
    const signed = await c.tx.query("SELECT 1 FROM pec_meeting_signatures WHERE contract_id = $1", [contract.id]);
    if (signed.length > 0) throw pecErrors.alreadySigned();
    // Skills from the ROME referential when it is loaded: a code it does not hold is refused, labels are the referential's.
    let skills = input.skills;
    if (await romeReferentialStatus(c.tx)) {
      const known = await romeSkillsByCodes(c.tx, input.skills.map((s) => s.code));
      const unknown = input.skills.find((s) => !known.some((k) => k.code === s.code));
      if (unknown) throw pecErrors.meetingSkill(unknown.code);
      skills = known.map((k) => ({ code: k.code, label: k.label }));
    }
    await c.tx.query(
      `INSERT INTO pec_three_way_meetings (contract_id, held_on, skills, training_actions, support_actions, notes, recorded_by)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
       ON CONFLICT (contract_id) DO UPDATE SET held_on = EXCLUDED.held_on, skills = EXCLUDED.skills, training_actions = EXCLUDED.training_actions,
         support_actions = EXCLUDED.support_actions, notes = EXCLUDED.notes, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [contract.id, input.heldOn, JSON.stringify(skills), input.trainingActions, input.supportActions, input.notes || null, c.user.id],
    );
    return { result: { skills: skills.length }, subject: contractSubject(contract.id), details: { heldOn: input.heldOn, skills: skills.map((s) => s.code) } };
  });
}

/** Signatures of the three-way meeting: the advisor signs in Tandem; the employee and the tutor sign in the meeting, as the advisor records. */
export async function signThreeWayMeeting(db: Db, ctx: RequestContext, contractId: string, input: z.infer<typeof MeetingSignatureSchema>): Promise<{ signer: string }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.meeting_signed", action: "pec.advisor.act" }, async (c) => {
    const contract = activeContract(c);
    const [meeting] = await c.tx.query("SELECT 1 FROM pec_three_way_meetings WHERE contract_id = $1", [contract.id]);
    if (!meeting) throw pecErrors.meetingMissing();
    let name: string;
    if (input.signer === "advisor") {
      if (c.user.id !== contract.referent_advisor_id) throw pecErrors.signerForbidden();
      name = `${c.user.firstName} ${c.user.lastName}`;
    } else if (input.signer === "employee") {
      name = (await jobSeekerNames(c.tx, [contract.job_seeker_id])).get(contract.job_seeker_id) ?? "Salarié";
    } else {
      const [tutor] = await c.tx.query<{ name: string }>("SELECT name FROM pec_tutors WHERE id = $1", [contract.tutor_id]);
      name = tutor?.name ?? "Tuteur";
    }
    const inserted = await c.tx.query(
      `INSERT INTO pec_meeting_signatures (contract_id, signer, signer_name, mode, recorded_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (contract_id, signer) DO NOTHING RETURNING 1`,
      [contract.id, input.signer, name, input.signer === "advisor" ? "in_app" : "signed_in_meeting", c.user.id],
    );
    if (inserted.length === 0) throw pecErrors.alreadySigned();
    return { result: { signer: input.signer }, subject: contractSubject(contract.id), details: { signer: input.signer, mode: input.signer === "advisor" ? "in_app" : "signed_in_meeting" } };
  });
}

/** The employee asked for the work-experience certificate (« à la demande de celui-ci »): the deadline moves to that day if earlier. */
export async function recordCertificateRequest(db: Db, ctx: RequestContext, contractId: string, requestedOn: string): Promise<{ requestedOn: string }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.certificate_requested", action: ["pec.employer.act", "pec.advisor.act"] }, async (c) => {
    const contract = activeContract(c);
    if (requestedOn > c.today) throw pecErrors.requestDate("La demande ne peut pas être datée d’un jour à venir.");
    if (requestedOn < contract.starts_on) throw pecErrors.requestDate(`La demande ne peut pas précéder le début du contrat (${frenchDate(contract.starts_on)}).`);
    await c.tx.query("UPDATE pec_contracts SET certificate_requested_on = $2 WHERE id = $1", [contract.id, requestedOn]);
    return { result: { requestedOn }, subject: contractSubject(contract.id), details: { requestedOn } };
  });
}

/** The tutor's part of the certificate (missions, skills acquired, trainings), completed by the employer's user « en lien avec le tuteur ». */
export async function completeCertificate(db: Db, ctx: RequestContext, contractId: string, input: z.infer<typeof CertificateSchema>): Promise<{ ok: true }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.certificate_completed", action: "pec.employer.act" }, async (c) => {
    if (!c.contract) throw pecErrors.contractNotFound();
    const [existing] = await c.tx.query<{ signed_on: string | null }>("SELECT signed_on FROM pec_certificates WHERE contract_id = $1", [c.contract.id]);
    if (existing?.signed_on) throw pecErrors.certificateSigned();
    await c.tx.query(
      `INSERT INTO pec_certificates (contract_id, missions, skills_acquired, trainings, completed_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (contract_id) DO UPDATE SET missions = EXCLUDED.missions, skills_acquired = EXCLUDED.skills_acquired, trainings = EXCLUDED.trainings,
         completed_by = EXCLUDED.completed_by, completed_at = now()`,
      [c.contract.id, input.missions, input.skillsAcquired, input.trainings || null, c.user.id],
    );
    return { result: { ok: true as const }, subject: contractSubject(c.contract.id) };
  });
}

/** The employer signs the certificate (a signature recorded in Tandem: who, title, date); it then no longer changes. */
export async function signCertificate(db: Db, ctx: RequestContext, contractId: string, input: z.infer<typeof CertificateSignatureSchema>): Promise<{ signedOn: string }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.certificate_signed", action: "pec.employer.act" }, async (c) => {
    if (!c.contract) throw pecErrors.contractNotFound();
    const [cert] = await c.tx.query<{ signed_on: string | null }>("SELECT signed_on FROM pec_certificates WHERE contract_id = $1", [c.contract.id]);
    if (!cert) throw pecErrors.certificateMissing();
    if (cert.signed_on) throw pecErrors.certificateSigned();
    if (input.signedOn > c.today) throw pecErrors.signatureDate("La signature ne peut pas être datée d’un jour à venir.");
    if (input.signedOn < c.contract.starts_on) throw pecErrors.signatureDate(`La signature ne peut pas précéder le début du contrat (${frenchDate(c.contract.starts_on)}).`);
    await c.tx.query("UPDATE pec_certificates SET signed_by = $2, signer_name = $3, signer_title = $4, signed_on = $5 WHERE contract_id = $1", [
      c.contract.id,
      c.user.id,
      input.signerName,
      input.signerTitle,
      input.signedOn,
    ]);
    return { result: { signedOn: input.signedOn }, subject: contractSubject(c.contract.id), details: { signedOn: input.signedOn } };
  });
}

/** A renewal moves the contract's end later; the booklet's milestones are recomputed over the new length. */
export async function renewContract(db: Db, ctx: RequestContext, contractId: string, endsOn: string): Promise<{ endsOn: string }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.contract_renewed", action: "pec.employer.act" }, async (c) => {
    const contract = activeContract(c);
    if (endsOn <= contract.ends_on) throw pecErrors.renewalDate(`Un renouvellement prolonge le contrat au-delà du ${frenchDate(contract.ends_on)}.`);
    await c.tx.query("UPDATE pec_contracts SET ends_on = $2, renewals = renewals + 1 WHERE id = $1", [contract.id, endsOn]);
    await recomputeBookletMilestones(c.tx, contract.id);
    return { result: { endsOn }, subject: contractSubject(contract.id), details: { previousEndsOn: contract.ends_on, endsOn } };
  });
}

/**
 * The exit of the contract with its outcome (job, training, renewal, other): at its end or earlier
 * (an early end moves its last day). Recorded by the employer or by France Travail's advisor.
 */
export async function endContract(db: Db, ctx: RequestContext, contractId: string, input: z.infer<typeof ContractExitSchema>): Promise<{ exitOn: string }> {
  return runPecCommand(db, ctx, { contractId }, { audit: "pec.contract_ended", action: ["pec.employer.act", "pec.advisor.act"] }, async (c) => {
    const contract = activeContract(c);
    if (input.exitOn < contract.starts_on) throw pecErrors.exitDate(`La sortie ne peut pas précéder le début du contrat (${frenchDate(contract.starts_on)}).`);
    if (input.exitOn > contract.ends_on) throw pecErrors.exitDate(`La sortie ne peut pas suivre la fin du contrat (${frenchDate(contract.ends_on)}) : enregistrez d’abord son renouvellement.`);
    await c.tx.query("UPDATE pec_contracts SET status = 'ended', ends_on = $2, exit_on = $2, exit_outcome = $3, exit_note = $4 WHERE id = $1", [
      contract.id,
      input.exitOn,
      input.outcome,
      input.note || null,
    ]);
    await recomputeBookletMilestones(c.tx, contract.id);
    return { result: { exitOn: input.exitOn }, subject: contractSubject(contract.id), details: { exitOn: input.exitOn, outcome: input.outcome, early: input.exitOn < contract.ends_on } };
  });
}
