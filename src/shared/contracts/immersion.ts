import "../zodFrench.js";
import { z } from "zod";

/** PMSMP immersions (ADR 0036): the host's trades, the immersion recorded by France Travail, its assessment. */

export const IMMERSION_FOLLOW_UP_VALUES = ["recruitment", "training", "other_immersion", "none"] as const;
export const OBJECTIVE_REACHED_VALUES = ["yes", "partly", "no"] as const;

const text = (max: number) => z.string().trim().min(1, "Ce champ est obligatoire.").max(max);
const romeCode = z.string().regex(/^[A-Z][0-9]{4}$/, "Code ROME attendu : une lettre et quatre chiffres (ex. A1203).");

export const HostTradesSchema = z.strictObject({
  romeCodes: z.array(romeCode).max(100, "Cent métiers au plus."),
});
export type HostTradesInput = z.infer<typeof HostTradesSchema>;

export const RecordImmersionSchema = z.strictObject({
  conventionId: z.uuid(),
  jobSeekerId: z.uuid({ message: "Choisissez la personne." }),
  hostOrganisationId: z.uuid({ message: "Choisissez la structure d’accueil." }),
  tutorName: text(120),
  tutorEmail: z.email("Adresse électronique invalide.").max(200),
  tutorFunction: text(120),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  weeklyHours: z.number().min(0.5, "Au moins une demi-heure par semaine.").max(48, "48 heures par semaine au plus."),
  /** Exactly one is allowed; the list lets the rule refuse two with its own code (000 art. 3.1 b). */
  objects: z.array(z.string().max(40)).max(3),
  romeCode,
  agreementReference: z.string().trim().max(60).optional(),
});
export type RecordImmersion = z.infer<typeof RecordImmersionSchema>;

export const ImmersionAssessmentSchema = z.strictObject({
  assessedOn: z.iso.date(),
  objectiveReached: z.enum(OBJECTIVE_REACHED_VALUES, { message: "Dites si l’objectif est atteint." }),
  /** Codes OGR of ROME skills observed during the immersion. */
  skillsObserved: z.array(z.string().regex(/^[0-9]{1,9}$/)).max(30),
  followUp: z.enum(IMMERSION_FOLLOW_UP_VALUES, { message: "Choisissez la suite donnée." }),
  comment: z.string().trim().max(2000).default(""),
});
export type ImmersionAssessmentInput = z.input<typeof ImmersionAssessmentSchema>;

export const AgreementReferenceSchema = z.strictObject({
  agreementReference: z.string().trim().max(60).nullable(),
});

const Trade = z.object({ code: z.string(), label: z.string() });
const Skill = z.object({ code: z.string(), label: z.string(), kind: z.string() });

export const HostTradesViewSchema = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }),
  trades: z.array(Trade.extend({ declaredAt: z.string() })),
  canEdit: z.boolean(),
});

export const ImmersionOptionsSchema = z.object({
  canRecord: z.boolean(),
  conventions: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      effectiveOn: z.string(),
      endsOn: z.string(),
      objects: z.array(z.object({ value: z.string(), label: z.string() })),
      assessmentWithin: z.string(),
      source: z.string(),
      hosts: z.array(z.object({ id: z.string(), name: z.string(), trades: z.array(Trade) })),
    }),
  ),
});

export const ImmersionSummarySchema = z.object({
  id: z.string(),
  person: z.object({ firstName: z.string(), lastName: z.string() }),
  host: z.object({ id: z.string(), name: z.string() }),
  conventionNumber: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  object: z.string(),
  objectLabel: z.string(),
  trade: Trade,
  assessmentDueOn: z.string(),
  assessed: z.boolean(),
  /** « à venir », « en cours », « bilan à faire », « bilan en retard », « bilan fait » */
  state: z.enum(["upcoming", "ongoing", "assessment_due", "assessment_overdue", "assessed"]),
});

export const ImmersionDetailSchema = ImmersionSummarySchema.extend({
  conventionId: z.string(),
  /** The France Travail identifier: shown to France Travail only (the host sees the name). */
  ftIdentifier: z.string().nullable(),
  tutor: z.object({ name: z.string(), email: z.string(), function: z.string() }),
  weeklyHours: z.number(),
  prescriber: z.object({ name: z.string(), organisation: z.string() }),
  agreementReference: z.string().nullable(),
  /** The prefilled « demande d'immersion » form of Immersion Facilitée (France Travail's side only). */
  immersionFacileUrl: z.string().nullable(),
  assessment: z
    .object({
      assessedOn: z.string(),
      objectiveReached: z.string(),
      skillsObserved: z.array(Skill),
      followUp: z.string(),
      comment: z.string(),
      assessedBy: z.string(),
    })
    .nullable(),
  /** Skills of the trade's fiche métier, offered in the assessment form. */
  tradeSkills: z.array(Skill),
  canAssess: z.boolean(),
  canEditAgreement: z.boolean(),
  source: z.string(),
});
export type ImmersionDetail = z.infer<typeof ImmersionDetailSchema>;

export const ImmersionListSchema = z.object({ items: z.array(ImmersionSummarySchema), canRecord: z.boolean() });

export const PersonSearchQuerySchema = z.object({ q: z.string().trim().min(2, "Saisissez au moins deux caractères.").max(100) });
export const PersonInReachSchema = z.object({ id: z.string(), ftIdentifier: z.string(), firstName: z.string(), lastName: z.string(), birthDate: z.string() });
