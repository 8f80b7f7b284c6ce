import type { TutorRefusal } from "../../domain/pec/tutorConditions.js";
import { AppError } from "../platform/errors.js";

const field = (status: number, code: string, path: string, message: string) => new AppError(status, code, message, { issues: [{ path, message }] });

/** The PEC context's refusals (ADR 0037): stable codes, French messages, the field they concern. */
export const pecErrors = {
  conventionNotFound: () => new AppError(404, "PEC_CONVENTION_NOT_FOUND", "Aucune convention en vigueur n’organise de parcours emploi compétences ici."),
  offerNotFound: () => new AppError(404, "PEC_OFFER_NOT_FOUND", "Offre introuvable."),
  candidacyNotFound: () => new AppError(404, "PEC_CANDIDACY_NOT_FOUND", "Candidature introuvable."),
  contractNotFound: () => new AppError(404, "PEC_CONTRACT_NOT_FOUND", "Contrat introuvable."),
  forbidden: () => new AppError(403, "PEC_FORBIDDEN", "Cette action revient à une autre partie du parcours emploi compétences."),
  notInForce: () => new AppError(409, "PEC_CONVENTION_NOT_IN_FORCE", "La convention n’est pas en vigueur aujourd’hui : aucune offre ni candidature nouvelle."),
  notEmployer: () => field(400, "PEC_NOT_EMPLOYER", "employerOrganisationId", "Cette organisation n’est pas un employeur des parcours emploi compétences de la convention."),
  tooManyAdvisors: (rank: "named" | "backups", max: number) =>
    field(400, "PEC_TOO_MANY_COMPANY_ADVISORS", rank, `La convention prévoit ${max} conseiller${max >= 2 ? "s" : ""} entreprise ${rank === "named" ? "nommément désigné" : "suppléant"}${max >= 2 ? "s" : ""} au plus.`),
  advisorUnknown: () => field(400, "PEC_COMPANY_ADVISOR_UNKNOWN", "named", "Un conseiller entreprise est un conseiller de France Travail agissant sous la convention."),
  advisorTwice: () => field(400, "PEC_COMPANY_ADVISOR_TWICE", "backups", "Un même conseiller ne peut pas être à la fois nommé et suppléant."),
  startInPast: () => field(400, "PEC_START_IN_PAST", "wishedStartOn", "La date de début souhaitée ne peut pas être passée."),
  offerPastConvention: (endsOn: string) => field(400, "PEC_OFFER_AFTER_CONVENTION", "wishedStartOn", `La convention prend fin le ${endsOn} : le contrat doit commencer avant.`),
  offerClosed: () => new AppError(409, "PEC_OFFER_CLOSED", "Cette offre est pourvue ou retirée : elle ne reçoit plus de candidature."),
  jobSeekerNotFound: () => field(404, "PEC_JOB_SEEKER_NOT_FOUND", "ftIdentifier", "Aucune personne de votre territoire ne porte cet identifiant France Travail."),
  alreadyProposed: () => field(409, "PEC_ALREADY_PROPOSED", "ftIdentifier", "Cette personne est déjà proposée sur cette offre."),
  alreadyAnswered: () => new AppError(409, "PEC_ALREADY_ANSWERED", "Cette candidature a déjà reçu sa réponse."),
  contractStart: (message: string) => field(400, "PEC_CONTRACT_START", "startsOn", message),
  tutorRefused: (refusals: TutorRefusal[]) =>
    new AppError(400, refusals[0].code, refusals.map((r) => r.message).join(" "), { issues: refusals.map((r) => ({ path: r.field === "subsidisedEmployeesTutored" ? "otherSubsidisedEmployees" : r.field, message: r.message })) }),
  contractEnded: () => new AppError(409, "PEC_CONTRACT_ENDED", "Le contrat est terminé : il ne se modifie plus."),
  meetingDate: (message: string) => field(400, "PEC_MEETING_DATE", "heldOn", message),
  meetingMissing: () => new AppError(409, "PEC_MEETING_MISSING", "L’entretien tripartite n’est pas encore enregistré."),
  meetingSkill: (code: string) => field(400, "PEC_MEETING_SKILL_UNKNOWN", "skills", `La compétence « ${code} » n’est pas dans le référentiel ROME chargé.`),
  alreadySigned: () => new AppError(409, "PEC_ALREADY_SIGNED", "Cette signature est déjà enregistrée."),
  signerForbidden: () => new AppError(403, "PEC_SIGNER_FORBIDDEN", "Le conseiller référent enregistre les signatures de l’entretien tripartite."),
  requestDate: (message: string) => field(400, "PEC_CERTIFICATE_REQUEST_DATE", "requestedOn", message),
  certificateMissing: () => new AppError(409, "PEC_CERTIFICATE_MISSING", "La partie du tuteur n’est pas encore complétée : rien à signer."),
  certificateSigned: () => new AppError(409, "PEC_CERTIFICATE_SIGNED", "L’attestation est signée : elle ne se modifie plus."),
  signatureDate: (message: string) => field(400, "PEC_CERTIFICATE_SIGNATURE_DATE", "signedOn", message),
  renewalDate: (message: string) => field(400, "PEC_RENEWAL_DATE", "endsOn", message),
  exitDate: (message: string) => field(400, "PEC_EXIT_DATE", "exitOn", message),
  tutorMissing: () => new AppError(409, "PEC_TUTOR_MISSING", "Nommez d’abord le tuteur du contrat."),
};
