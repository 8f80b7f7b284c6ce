import "../zodFrench.js";
import { z } from "zod";
import { UpdateJobSeekerRequestSchema } from "./support.js";

/**
 * The data-protection registers (ADR 0031): the persons' rights requests and the breaches (or
 * complaints) to tell the other party of, each with its clock from the convention's data clause.
 */
const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const RIGHTS_KINDS = ["access", "rectification", "erasure", "objection", "limitation"] as const;
export const RIGHTS_KIND_LABELS: Record<(typeof RIGHTS_KINDS)[number], string> = {
  access: "Accès",
  rectification: "Rectification",
  erasure: "Effacement",
  objection: "Opposition",
  limitation: "Limitation",
};
export const RIGHTS_CHANNELS = ["letter", "email", "counter", "phone", "online", "other"] as const;
export const RIGHTS_CHANNEL_LABELS: Record<(typeof RIGHTS_CHANNELS)[number], string> = {
  letter: "Courrier",
  email: "Courriel",
  counter: "Guichet",
  phone: "Téléphone",
  online: "Formulaire en ligne",
  other: "Autre",
};
export const RIGHTS_STATUSES = ["received", "in_progress", "answered", "refused"] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];
export const RIGHTS_STATUS_LABELS: Record<RightsStatus, string> = {
  received: "Reçue",
  in_progress: "En cours",
  answered: "Répondue",
  refused: "Refusée",
};
export const BREACH_KINDS = ["breach", "complaint"] as const;
export const BREACH_KIND_LABELS: Record<(typeof BREACH_KINDS)[number], string> = {
  breach: "Violation de données",
  complaint: "Plainte d’une personne concernée",
};

/** A delay as the convention writes it, with where it comes from. */
const ClockSchema = z.object({ label: z.string(), source: z.string() });

/** The conventions a DPO's organisation is party to, with the delays of their data clauses. */
export const RegisterOptionsSchema = z.object({
  conventions: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      rightsAnswer: ClockSchema.nullable(),
      breachNotice: ClockSchema.nullable(),
    }),
  ),
});
export type RegisterOptions = z.infer<typeof RegisterOptionsSchema>;

export const PersonQuerySchema = z.strictObject({ q: z.string().trim().min(2).max(100) });
export const PersonChoiceSchema = z.object({ id: z.uuid(), name: z.string(), birthDate: z.string(), ftIdentifier: z.string() });
export const PersonChoicesSchema = z.object({ items: z.array(PersonChoiceSchema) });

export const RecordRightsRequestSchema = z.strictObject({
  jobSeekerId: z.uuid(),
  kind: z.enum(RIGHTS_KINDS),
  channel: z.enum(RIGHTS_CHANNELS),
  conventionId: z.uuid(),
  receivedOn: date,
  request: text(2000),
});
export type RecordRightsRequest = z.infer<typeof RecordRightsRequestSchema>;

/** The answer; a rectification says which fields of the person's record change (applied by the support context). */
export const AnswerRightsRequestSchema = z.strictObject({
  answeredOn: date,
  answer: text(4000),
  rectification: UpdateJobSeekerRequestSchema.optional(),
});
export type AnswerRightsRequest = z.infer<typeof AnswerRightsRequestSchema>;
/** The DPO lifts a limitation (art. 18.3), with the day and why (the person informed beforehand). */
export const LiftLimitationSchema = z.strictObject({ liftedOn: date, reason: text(2000) });
export type LiftLimitation = z.infer<typeof LiftLimitationSchema>;
export const RefuseRightsRequestSchema = z.strictObject({ answeredOn: date, reason: text(2000) });
export type RefuseRightsRequest = z.infer<typeof RefuseRightsRequestSchema>;

export const RightsQuerySchema = z.strictObject({ status: z.enum([...RIGHTS_STATUSES, "open", "late"]).optional() });

export const RightsRequestSchema = z.object({
  id: z.uuid(),
  kind: z.enum(RIGHTS_KINDS),
  kindLabel: z.string(),
  channel: z.enum(RIGHTS_CHANNELS),
  channelLabel: z.string(),
  person: z.object({ id: z.uuid().nullable(), name: z.string() }),
  convention: z.object({ id: z.uuid(), number: z.string() }),
  receivedOn: z.string(),
  dueOn: z.string(),
  delay: ClockSchema,
  request: z.string(),
  status: z.enum(RIGHTS_STATUSES),
  statusLabel: z.string(),
  /** « en retard de 3 jours »: still open after its due date. */
  late: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answer: z.string().nullable(),
  refusalReason: z.string().nullable(),
  /** What was applied to the person's record, or why nothing was. */
  applied: z.string().nullable(),
  /** An answered erasure or objection: what was deleted, counts per category (never a name). */
  erasedCounts: z.record(z.string(), z.number()).nullable(),
  /** An answered limitation: its period (liftedOn null while in force); given on the request's own page. */
  limitation: z.object({ startsOn: z.string(), liftedOn: z.string().nullable() }).nullable(),
  recordedBy: z.string(),
});
export type RightsRequest = z.infer<typeof RightsRequestSchema>;
export const RightsRegisterSchema = z.object({ items: z.array(RightsRequestSchema), lateCount: z.number().int() });

export const DeclareBreachSchema = z.strictObject({
  kind: z.enum(BREACH_KINDS),
  conventionId: z.uuid(),
  /** Paris wall clock: the day and the time. */
  discoveredOn: date,
  discoveredAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Saisissez une heure valide (hh:mm)."),
  description: text(4000),
  dataConcerned: text(2000),
  peopleConcerned: text(2000),
});
export type DeclareBreach = z.infer<typeof DeclareBreachSchema>;
export const BreachMeasuresSchema = z.strictObject({ measures: text(4000) });

export const BreachContactSchema = z.object({ organisation: z.string(), kind: z.enum(["dpo", "security"]), kindLabel: z.string(), email: z.string() });
export const BreachSchema = z.object({
  id: z.uuid(),
  organisation: z.string(),
  kind: z.enum(BREACH_KINDS),
  kindLabel: z.string(),
  convention: z.object({ id: z.uuid(), number: z.string() }),
  discoveredAt: z.string(),
  deadlineAt: z.string(),
  delay: ClockSchema,
  description: z.string(),
  dataConcerned: z.string(),
  peopleConcerned: z.string(),
  measures: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  /** Deadline passed without notification: « en retard de 5 heures ». */
  late: z.string().nullable(),
  /** Who is to be told: the other parties' DPO and security contacts; `missing` names a party without any. */
  contacts: z.array(BreachContactSchema),
  missingContacts: z.array(z.string()),
  notifications: z.array(z.object({ to: z.string(), organisation: z.string(), kindLabel: z.string(), subject: z.string(), body: z.string(), sentAt: z.string() })),
  recordedBy: z.string(),
});
export type Breach = z.infer<typeof BreachSchema>;
export const BreachRegisterSchema = z.object({ items: z.array(BreachSchema.omit({ notifications: true, contacts: true, missingContacts: true })), lateCount: z.number().int() });
