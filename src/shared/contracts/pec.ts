import "../zodFrench.js";
import { z } from "zod";

/** Parcours emploi compétences (000 art. 3.1 a, ADR 0037): offers, candidacies, contracts, tutor, three-way meeting, certificate, exit. */

const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date();

/** The seed's lists (000 art. 3.1 a): « actions de formation (remise à niveau, …) et d'accompagnement (aide à la prise de poste, …) ». */
export const PEC_TRAINING_ACTIONS = ["remise_a_niveau", "pre_qualification", "periode_professionnalisation", "nouvelles_competences", "vae"] as const;
export const PEC_TRAINING_LABELS: Record<(typeof PEC_TRAINING_ACTIONS)[number], string> = {
  remise_a_niveau: "Remise à niveau",
  pre_qualification: "Pré-qualification",
  periode_professionnalisation: "Période de professionnalisation",
  nouvelles_competences: "Acquisition de nouvelles compétences",
  vae: "Validation des acquis de l’expérience (VAE)",
};
export const PEC_SUPPORT_ACTIONS = ["prise_de_poste", "evaluation_competences", "pmsmp", "projet_professionnel", "recherche_emploi_sortie"] as const;
export const PEC_SUPPORT_LABELS: Record<(typeof PEC_SUPPORT_ACTIONS)[number], string> = {
  prise_de_poste: "Aide à la prise de poste",
  evaluation_competences: "Évaluation des compétences",
  pmsmp: "Immersion professionnelle (PMSMP)",
  projet_professionnel: "Aide à la construction du projet professionnel",
  recherche_emploi_sortie: "Aide à la recherche d’emploi à la sortie",
};
export const PEC_EXIT_OUTCOMES = ["job", "training", "renewal", "other"] as const;
export const PEC_EXIT_LABELS: Record<(typeof PEC_EXIT_OUTCOMES)[number], string> = {
  job: "Emploi",
  training: "Formation",
  renewal: "Renouvellement en contrat aidé",
  other: "Autre",
};
export const PEC_CANDIDACY_STATUS_LABELS = { proposed: "En attente de réponse", accepted: "Acceptée", refused: "Refusée" } as const;
export const PEC_SIGNERS = ["advisor", "employee", "tutor"] as const;
export const PEC_SIGNER_LABELS: Record<(typeof PEC_SIGNERS)[number], string> = { advisor: "Conseiller référent", employee: "Salarié", tutor: "Tuteur" };

const romeCode = z.string().regex(/^[A-N]\d{4}$/, "Code ROME attendu : une lettre et quatre chiffres (ex. A1203).");

export const NewPecOfferSchema = z.strictObject({
  employerOrganisationId: z.uuid(),
  title: text(200),
  skills: text(4000),
  romeCodes: z.array(romeCode).max(10).default([]),
  weeklyHours: z.number().int().min(1).max(35, "35 heures par semaine au plus."),
  durationMonths: z.number().int().min(1).max(60),
  siteAddress: text(500),
  wishedStartOn: date,
});
export type NewPecOffer = z.infer<typeof NewPecOfferSchema>;

export const CompanyAdvisorsSchema = z.strictObject({
  employerOrganisationId: z.uuid(),
  named: z.array(z.uuid()).max(10),
  backups: z.array(z.uuid()).max(10),
});

export const NewCandidacySchema = z.strictObject({
  ftIdentifier: z.string().trim().min(1, "Indiquez l’identifiant France Travail de la personne.").max(20),
  diagnosis: z.string().trim().min(10, "Écrivez le diagnostic qui justifie le PEC (au moins 10 caractères) : pas une catégorie administrative.").max(4000),
  proposal: text(4000),
});

export const CandidacyAnswerSchema = z.discriminatedUnion("answer", [
  z.strictObject({ answer: z.literal("accepted"), startsOn: date }),
  z.strictObject({ answer: z.literal("refused"), reason: z.string().trim().min(1, "Indiquez le motif du refus.").max(2000) }),
]);
export type CandidacyAnswer = z.infer<typeof CandidacyAnswerSchema>;

/** The employer takes back an open offer: its pending candidacies are refused with this reason. */
export const OfferWithdrawalSchema = z.strictObject({
  reason: z.string().trim().min(1, "Indiquez pourquoi l’offre est retirée.").max(2000),
});

export const TutorSchema = z.strictObject({
  name: text(200),
  email: z.email("Adresse électronique invalide.").max(254),
  jobTitle: text(200),
  isEmployee: z.boolean(),
  volunteer: z.boolean(),
  qualification: z.string().trim().max(500),
  yearsExperience: z.number().int().min(0).max(60),
  onSubsidisedContract: z.boolean(),
  otherSubsidisedEmployees: z.number().int().min(0).max(50),
});
export type TutorInput = z.infer<typeof TutorSchema>;

export const ThreeWayMeetingSchema = z.strictObject({
  heldOn: date,
  skills: z.array(z.strictObject({ code: z.string().trim().min(1).max(40), label: text(300) })).min(1, "Choisissez au moins une compétence à développer.").max(20),
  trainingActions: z.array(z.enum(PEC_TRAINING_ACTIONS)).max(PEC_TRAINING_ACTIONS.length),
  supportActions: z.array(z.enum(PEC_SUPPORT_ACTIONS)).max(PEC_SUPPORT_ACTIONS.length),
  notes: z.string().trim().max(4000).optional(),
});
export type ThreeWayMeetingInput = z.infer<typeof ThreeWayMeetingSchema>;

export const MeetingSignatureSchema = z.strictObject({ signer: z.enum(PEC_SIGNERS) });

export const CertificateRequestSchema = z.strictObject({ requestedOn: date });
export const CertificateSchema = z.strictObject({ missions: text(4000), skillsAcquired: text(4000), trainings: z.string().trim().max(4000).optional() });
export const CertificateSignatureSchema = z.strictObject({ signerName: text(200), signerTitle: text(200), signedOn: date });
export const RenewalSchema = z.strictObject({ endsOn: date });
export const ContractExitSchema = z.strictObject({ exitOn: date, outcome: z.enum(PEC_EXIT_OUTCOMES), note: z.string().trim().max(2000).optional() });

const Person = z.object({ id: z.uuid(), name: z.string() });

export const PecOfferSummarySchema = z.object({
  id: z.uuid(),
  conventionId: z.uuid(),
  conventionNumber: z.string(),
  employer: z.string(),
  title: z.string(),
  weeklyHours: z.number(),
  durationMonths: z.number(),
  wishedStartOn: z.string(),
  status: z.enum(["open", "filled", "withdrawn"]),
  createdAt: z.string(),
  candidacies: z.number(),
  accepted: z.number(),
});

export const PecOverviewSchema = z.object({
  conventions: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      matches: z.number(),
      employers: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          canPostOffer: z.boolean(),
          advisors: z.array(Person.extend({ rank: z.enum(["named", "backup"]) })),
        }),
      ),
      limits: z.object({ named: z.number(), backups: z.number(), source: z.string() }),
      canNameAdvisors: z.boolean(),
      advisorChoices: z.array(Person),
    }),
  ),
  offers: z.array(PecOfferSummarySchema),
  contracts: z.array(
    z.object({ id: z.uuid(), employee: z.string(), employer: z.string(), offerTitle: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.enum(["active", "ended"]), certificateDueOn: z.string() }),
  ),
});
export type PecOverview = z.infer<typeof PecOverviewSchema>;

export const PecOfferSchema = PecOfferSummarySchema.extend({
  skills: z.string(),
  romeCodes: z.array(z.string()),
  siteAddress: z.string(),
  postedBy: z.string(),
  companyAdvisors: z.array(Person.extend({ rank: z.enum(["named", "backup"]) })),
  candidacyList: z.array(
    z.object({
      id: z.uuid(),
      candidate: z.string(),
      proposal: z.string(),
      /** The advisor's diagnosis: France Travail's side only (null for the employer). */
      diagnosis: z.string().nullable(),
      proposedBy: z.string(),
      proposedAt: z.string(),
      status: z.enum(["proposed", "accepted", "refused"]),
      answerReason: z.string().nullable(),
      answeredAt: z.string().nullable(),
      contractId: z.uuid().nullable(),
    }),
  ),
  canPropose: z.boolean(),
  canAnswer: z.boolean(),
});
export type PecOfferDto = z.infer<typeof PecOfferSchema>;

export const PecContractSchema = z.object({
  id: z.uuid(),
  conventionId: z.uuid(),
  conventionNumber: z.string(),
  offerId: z.uuid(),
  offerTitle: z.string(),
  employer: z.string(),
  employee: z.string(),
  referentAdvisor: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  initialEndsOn: z.string(),
  weeklyHours: z.number(),
  renewals: z.number(),
  status: z.enum(["active", "ended"]),
  tutor: TutorSchema.extend({ id: z.uuid(), activeContracts: z.number() }).nullable(),
  tutorTerms: z.object({ minYearsExperience: z.number(), maxSubsidisedEmployees: z.number(), source: z.string() }),
  meeting: z
    .object({
      heldOn: z.string(),
      skills: z.array(z.object({ code: z.string(), label: z.string() })),
      trainingActions: z.array(z.string()),
      supportActions: z.array(z.string()),
      notes: z.string().nullable(),
      signatures: z.array(z.object({ signer: z.enum(PEC_SIGNERS), name: z.string(), mode: z.enum(["in_app", "signed_in_meeting"]), signedAt: z.string(), recordedBy: z.string() })),
    })
    .nullable(),
  certificate: z.object({
    dueOn: z.string(),
    requestedOn: z.string().nullable(),
    rule: z.string(),
    missions: z.string().nullable(),
    skillsAcquired: z.string().nullable(),
    trainings: z.string().nullable(),
    completedAt: z.string().nullable(),
    signedOn: z.string().nullable(),
    signerName: z.string().nullable(),
  }),
  exit: z.object({ exitOn: z.string(), outcome: z.enum(PEC_EXIT_OUTCOMES), note: z.string().nullable() }).nullable(),
  can: z.object({ employer: z.boolean(), advisor: z.boolean() }),
});
export type PecContractDto = z.infer<typeof PecContractSchema>;
