import { z } from "zod";
import { DELAY_UNITS } from "./conventionFile.js";
import {
  ACTIVITY_KINDS,
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  BARRIER_CODES,
  CONSENT_METHODS,
  DIAGNOSIS_KINDS,
  EXIT_TYPES,
  NOTE_VISIBILITIES,
  ORIENTATION_ORIGINS,
  SUPPORT_STATUSES,
} from "../../domain/support/vocabulary.js";
import { APPOINTMENT_MODALITIES } from "../../domain/support/appointments.js";
import { PageQuerySchema, pageOf } from "./common.js";

// Messages in plain French from shared/zodFrench.ts (« Ce champ est obligatoire. », « Saisissez une date valide (jj/mm/aaaa). »).
const date = z.iso.date();
const uuid = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);

// ---------- job seekers ----------
export const JobSeekerSearchQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().min(2, "Saisissez au moins 2 caractères (nom, prénom ou identifiant).").max(100),
}).strict();

export const JobSeekerSummarySchema = z.object({
  id: uuid,
  ftIdentifier: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  communeInsee: z.string(),
  qpv: z.boolean(),
  benefits: z.array(z.string()),
  openCase: z.object({ id: uuid, status: z.enum(SUPPORT_STATUSES) }).nullable(),
});
export type JobSeekerSummary = z.infer<typeof JobSeekerSummarySchema>;
export const JobSeekerPageSchema = pageOf(JobSeekerSummarySchema);

export const CreateJobSeekerRequestSchema = z.strictObject({
  ftIdentifier: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{7,11}$/, "Identifiant France Travail : 7 à 11 chiffres ou lettres."),
  firstName: text(100),
  lastName: text(100),
  birthDate: date,
  communeInsee: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, "Code commune INSEE attendu (5 caractères)."),
  qpv: z.boolean().default(false),
  benefits: z.array(z.enum(["RSA", "ASS", "ARE", "BOE", "AUCUNE"])).max(5).default([]),
  registeredAt: date,
  email: z.email().nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
});
export type CreateJobSeekerRequest = z.infer<typeof CreateJobSeekerRequestSchema>;

export const UpdateJobSeekerRequestSchema = z.strictObject({
  communeInsee: CreateJobSeekerRequestSchema.shape.communeInsee.optional(),
  qpv: z.boolean().optional(),
  benefits: z.array(z.enum(["RSA", "ASS", "ARE", "BOE", "AUCUNE"])).max(5).optional(),
  email: z.email().nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  /** France Travail cancelled the registration (the person is no longer eligible from that day). */
  deregisteredOn: date.nullable().optional(),
});
export type UpdateJobSeekerRequest = z.infer<typeof UpdateJobSeekerRequestSchema>;

export const JobSeekerDetailSchema = JobSeekerSummarySchema.extend({
  registeredAt: z.string(),
  deregisteredOn: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  cases: z.array(z.object({ id: uuid, status: z.enum(SUPPORT_STATUSES), orientedOn: z.string(), conventionNumber: z.string() })),
});
export type JobSeekerDetail = z.infer<typeof JobSeekerDetailSchema>;

// ---------- orientation and case commands ----------
export const BarrierInputSchema = z.strictObject({
  code: z.enum(BARRIER_CODES),
  /** Only for "other": which side the barrier is on, and what it is. */
  category: z.enum(["social", "professional"]).optional(),
  label: z.string().trim().max(200).optional(),
});
export type BarrierInput = z.infer<typeof BarrierInputSchema>;

export const OrientRequestSchema = z.strictObject({
  jobSeekerId: uuid,
  conventionId: uuid.optional(),
  origin: z.enum(ORIENTATION_ORIGINS),
  originDetail: z.string().trim().max(200).optional(),
  orientedOn: date.optional(),
  barriers: z.array(BarrierInputSchema).max(20).default([]),
  /** What the orienter passes on to the pair (visible to the pair). */
  note: z.string().trim().max(5000).optional(),
});
export type OrientRequest = z.infer<typeof OrientRequestSchema>;

export const ConsentRequestSchema = z.strictObject({ givenOn: date, method: z.enum(CONSENT_METHODS) });
export const AddBarrierRequestSchema = BarrierInputSchema.extend({ observedOn: date.optional() }).strict();
export const UpdateBarrierRequestSchema = z.strictObject({ resolvedOn: date.nullable().optional(), jointDecisionOn: date.optional() });
export const DiagnosisRequestSchema = z.strictObject({
  kind: z.enum(DIAGNOSIS_KINDS),
  on: date,
  /** For a shared diagnosis: the advisor and the social worker do not reach the same conclusion. */
  disagreement: z.boolean().default(false),
  summary: z.string().trim().max(5000).optional(),
});
export const PairRequestSchema = z.strictObject({ advisorId: uuid, socialWorkerId: uuid });

/** Who decided: the monthly review (its date, and its id once reviews live in Tandem), or the pair. */
export const DecisionSourceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("review"), reviewId: uuid.nullable().default(null), reviewedOn: date }),
  z.strictObject({ kind: z.literal("pair") }),
]);
export const EntryRequestSchema = z.strictObject({ on: date, source: DecisionSourceSchema });
export const RefusalRequestSchema = z.strictObject({ on: date, reason: text(2000), source: DecisionSourceSchema.default({ kind: "pair" }) });
export const RenewalRequestSchema = z.strictObject({
  on: date,
  months: z.number().int().min(1).max(120).optional(),
  source: DecisionSourceSchema.default({ kind: "pair" }),
});
export const ExitRequestSchema = z.strictObject({
  on: date,
  type: z.enum(EXIT_TYPES),
  note: z.string().trim().max(2000).optional(),
  source: DecisionSourceSchema.default({ kind: "pair" }),
});
export const SocialOnlyRequestSchema = z.strictObject({
  on: date,
  personConsents: z.boolean(),
  jointDecision: z.boolean(),
  source: DecisionSourceSchema.default({ kind: "pair" }),
});
export const SocialOnlyEndRequestSchema = z.strictObject({ on: date, source: DecisionSourceSchema.default({ kind: "pair" }) });
// ---------- appointments: time, place or modality, corrections and cancellation ----------
const appointmentTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "Heure attendue au format HH:MM (par exemple 09:30).");
const appointmentPlace = z.string().trim().min(1).max(300);
const videoLink = z.url({ protocol: /^https$/, error: "Lien de visioconférence attendu, commençant par https://." }).max(500);
/** In person needs a place, by video a link: said next to the field that is missing. */
export const appointmentModalityIssues = (a: { modality?: string | null; place?: string | null; videoLink?: string | null }) => [
  ...(a.modality === "in_person" && !a.place ? [{ path: "place", message: "Indiquez le lieu du rendez-vous sur place." }] : []),
  ...(a.modality === "video" && !a.videoLink ? [{ path: "videoLink", message: "Indiquez le lien de la visioconférence." }] : []),
];
const checkModality = (a: { modality?: string | null; place?: string | null; videoLink?: string | null }, ctx: z.RefinementCtx) => {
  for (const issue of appointmentModalityIssues(a)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
};
export const AppointmentRequestSchema = z
  .strictObject({
    kind: z.enum(APPOINTMENT_KINDS),
    scheduledOn: date,
    scheduledTime: appointmentTime.nullable().default(null),
    modality: z.enum(APPOINTMENT_MODALITIES).nullable().default(null),
    place: appointmentPlace.nullable().default(null),
    videoLink: videoLink.nullable().default(null),
    status: z.enum(APPOINTMENT_STATUSES).default("planned"),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine(checkModality);
export type AppointmentRequest = z.infer<typeof AppointmentRequestSchema>;
/**
 * Presence (planned → held or missed), or a correction of what was recorded by mistake: only the
 * fields sent change; the previous values stay in the appointment's history.
 */
export const UpdateAppointmentRequestSchema = z
  .strictObject({
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    kind: z.enum(APPOINTMENT_KINDS).optional(),
    scheduledOn: date.optional(),
    scheduledTime: appointmentTime.nullable().optional(),
    modality: z.enum(APPOINTMENT_MODALITIES).nullable().optional(),
    place: appointmentPlace.nullable().optional(),
    videoLink: videoLink.nullable().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.modality !== undefined) checkModality(a, ctx);
  });
export type UpdateAppointmentRequest = z.infer<typeof UpdateAppointmentRequestSchema>;
export const CancelAppointmentRequestSchema = z.strictObject({ reason: text(500) });
export const ActivityRequestSchema = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS),
  startsOn: date,
  endsOn: date.nullable().default(null),
  description: z.string().trim().max(500).optional(),
});
export const NoteRequestSchema = z.strictObject({ visibility: z.enum(NOTE_VISIBILITIES), body: text(10000) });
/** A note's new text; its visibility stays the note's own. */
export const EditNoteRequestSchema = z.strictObject({ body: text(10000) });

/** Kinds of file a case may hold: documents, not programs. */
export const DOCUMENT_CONTENT_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "text/plain",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
] as const;
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const DocumentRequestSchema = z.strictObject({
  visibility: z.enum(NOTE_VISIBILITIES),
  name: z.string().trim().min(1, "Le nom du fichier est obligatoire.").max(200),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES, { error: "Type de fichier non accepté (PDF, image, texte, Word ou OpenDocument)." }),
  contentBase64: z.string().min(1, "Le fichier est vide.").max(Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4, "Le fichier dépasse 5 Mo.").regex(/^[A-Za-z0-9+/]+=*$/, "Contenu du fichier illisible."),
});

export const CaseAppointmentParamsSchema = z.strictObject({ id: uuid, appointmentId: uuid });
export const CaseBarrierParamsSchema = z.strictObject({ id: uuid, barrierId: uuid });
export const CaseNoteParamsSchema = z.strictObject({ id: uuid, noteId: uuid });

// ---------- views ----------
const PersonRef = z.object({ id: uuid, name: z.string(), organisation: z.string() });
export const DeadlineSchema = z.object({
  kind: z.string(),
  dueOn: z.string(),
  label: z.string(),
  source: z.string(),
  urgency: z.enum(["overdue", "soon", "later"]),
});

const AppointmentValuesSchema = z.object({
  kind: z.enum(APPOINTMENT_KINDS),
  scheduledOn: z.string(),
  scheduledTime: z.string().nullable(),
  modality: z.enum(APPOINTMENT_MODALITIES).nullable(),
  place: z.string().nullable(),
  videoLink: z.string().nullable(),
  status: z.enum(APPOINTMENT_STATUSES),
});
export const AppointmentViewSchema = AppointmentValuesSchema.extend({
  id: uuid,
  note: z.string().nullable(),
  /** The professional the person meets: the pair's social worker or advisor, by the appointment's kind. */
  professional: z.string().nullable(),
  cancelled: z.object({ on: z.string(), reason: z.string() }).nullable(),
  /** When an invitation was last e-mailed to the person. */
  invitedAt: z.string().nullable(),
  /** Presence, corrections and cancellation, oldest first: the fields that changed, before → after. */
  history: z.array(
    z.object({
      kind: z.enum(["presence", "correction", "cancellation"]),
      before: AppointmentValuesSchema.partial(),
      after: AppointmentValuesSchema.partial(),
      reason: z.string().nullable(),
      changedBy: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
});
export type AppointmentView = z.infer<typeof AppointmentViewSchema>;
export const NoteViewSchema = z.object({
  id: uuid,
  visibility: z.enum(NOTE_VISIBILITIES),
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** The caller wrote it: only its author edits a note. */
  mine: z.boolean(),
  /** Previous versions, newest first, each as it read until it was replaced (seen by whoever sees the note). */
  versions: z.array(z.object({ body: z.string(), writtenAt: z.string(), replacedAt: z.string(), replacedBy: z.string() })),
});
export type NoteView = z.infer<typeof NoteViewSchema>;

export const CaseViewSchema = z.object({
  id: uuid,
  status: z.enum(SUPPORT_STATUSES),
  statusLabel: z.string(),
  convention: z.object({
    id: uuid,
    number: z.string(),
    /** The convention's last day (its end, or its termination's effect): past it, the case takes no new act but its exit (ADR 0024). */
    endsOn: z.string().nullable(),
    terms: z.object({
      initialMonths: z.number(),
      renewalsAllowed: z.number(),
      monthsPerRenewal: z.number(),
      maxTotalMonths: z.number(),
      directEntryAllowed: z.boolean(),
      /** A short job or training lasts less than this many months (null: the convention sets no limit). */
      shortActivityUnderMonths: z.number().nullable(),
      /** The reviews' cadence in months: every wording of a review follows it (« revue bimestrielle »). */
      reviewCadenceMonths: z.number(),
    }),
  }),
  person: JobSeekerSummarySchema.extend({ registered: z.boolean() }),
  origin: z.enum(ORIENTATION_ORIGINS),
  originLabel: z.string(),
  originDetail: z.string().nullable(),
  orientedOn: z.string(),
  orienter: PersonRef,
  consent: z.object({ givenOn: z.string(), method: z.enum(CONSENT_METHODS) }).nullable(),
  diagnosis: z.object({ kind: z.enum(DIAGNOSIS_KINDS), on: z.string(), disagreement: z.boolean() }).nullable(),
  pair: z.object({ advisor: PersonRef, socialWorker: PersonRef }).nullable(),
  enteredOn: z.string().nullable(),
  periodEndsOn: z.string().nullable(),
  maxEndsOn: z.string().nullable(),
  renewalsUsed: z.number(),
  socialOnlyStartedOn: z.string().nullable(),
  socialOnlyEndsBy: z.string().nullable(),
  exitedOn: z.string().nullable(),
  exitType: z.enum(EXIT_TYPES).nullable(),
  eligibility: z.object({ eligible: z.boolean(), missing: z.array(z.object({ code: z.string(), message: z.string() })) }),
  entryGaps: z.array(z.string()),
  nextDeadline: DeadlineSchema.nullable(),
  deadlines: z.array(DeadlineSchema),
  barriers: z.array(
    z.object({
      id: uuid,
      category: z.enum(["social", "professional"]),
      code: z.enum(BARRIER_CODES),
      label: z.string(),
      observedOn: z.string(),
      jointDecisionOn: z.string().nullable(),
      resolvedOn: z.string().nullable(),
    }),
  ),
  appointments: z.array(AppointmentViewSchema),
  notes: z.array(NoteViewSchema),
  documents: z.array(
    z.object({ id: uuid, visibility: z.enum(NOTE_VISIBILITIES), name: z.string(), sizeBytes: z.number().int(), uploadedBy: z.string(), createdAt: z.string() }),
  ),
  timeline: z.array(
    z.object({ kind: z.string(), label: z.string(), occurredOn: z.string(), details: z.record(z.string(), z.unknown()), source: z.unknown(), recordedBy: z.string().nullable() }),
  ),
  /** What the caller may do now (the server checks again on every command). */
  can: z.object({
    work: z.boolean(),
    writeNoteVisibilities: z.array(z.enum(NOTE_VISIBILITIES)),
    /** The person has an e-mail address: an appointment can be sent to them by e-mail. */
    emailPerson: z.boolean(),
  }),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const PortfolioQuerySchema = PageQuerySchema.extend({
  status: z.enum(SUPPORT_STATUSES).optional(),
  barrier: z.enum(BARRIER_CODES).optional(),
  rsa: z.enum(["true", "false"]).optional(),
  qpv: z.enum(["true", "false"]).optional(),
  /** The other member of the pair. */
  pairWith: uuid.optional(),
  /** A name (any order, without accents) or a France Travail identifier, within my portfolio. */
  q: z.string().trim().min(2, "Saisissez au moins 2 caractères (nom, prénom ou identifiant).").max(100).optional(),
}).strict();
export type PortfolioQuery = z.infer<typeof PortfolioQuerySchema>;
/** The export takes the portfolio's filters, never its page: every row the filters hold. */
export const PortfolioExportQuerySchema = PortfolioQuerySchema.omit({ page: true, pageSize: true }).strict();
export type PortfolioExportQuery = z.infer<typeof PortfolioExportQuerySchema>;

export const PortfolioItemSchema = z.object({
  id: uuid,
  status: z.enum(SUPPORT_STATUSES),
  person: z.object({ id: uuid, name: z.string(), ftIdentifier: z.string(), rsa: z.boolean(), qpv: z.boolean() }),
  advisor: z.string().nullable(),
  socialWorker: z.string().nullable(),
  nextDeadline: z.object({ kind: z.string(), label: z.string(), dueOn: z.string(), urgency: z.enum(["overdue", "soon", "later"]) }).nullable(),
  myRole: z.enum(["advisor", "social_worker", "orienter"]),
});
export const PortfolioResponseSchema = pageOf(PortfolioItemSchema).extend({
  load: z.object({ active: z.number().int(), target: z.number().int().nullable(), targetSource: z.string().nullable() }),
  pairPartners: z.array(z.object({ id: uuid, name: z.string() })),
});
export type PortfolioResponse = z.infer<typeof PortfolioResponseSchema>;

export const PairCandidatesSchema = z.object({
  target: z.number().int().nullable(),
  targetSource: z.string().nullable(),
  advisors: z.array(z.object({ id: uuid, name: z.string(), organisation: z.string(), activeCases: z.number().int() })),
  socialWorkers: z.array(z.object({ id: uuid, name: z.string(), organisation: z.string(), activeCases: z.number().int() })),
});

export const SupportConventionsSchema = z.array(
  z.object({ id: uuid, number: z.string(), title: z.string(), orientationToStart: z.object({ value: z.number(), unit: z.enum(DELAY_UNITS) }), directEntryAllowed: z.boolean() }),
);

export const NotificationSchema = z.object({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int(),
  /** The unread ones by kind, for alerts grouped on the portfolio. */
  unreadByKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
});
export const ReadAllNotificationsResponseSchema = z.object({ ok: z.literal(true), marked: z.number().int() });

// ---------- orientations to take up ----------
export const OrientationQueueQuerySchema = PageQuerySchema.strict();
export const TAKE_UP_SIDES = ["france_travail", "social"] as const;
export const OrientationQueueItemSchema = z.object({
  id: uuid,
  status: z.enum(SUPPORT_STATUSES),
  person: z.object({ id: uuid, name: z.string(), rsa: z.boolean(), qpv: z.boolean() }),
  conventionNumber: z.string(),
  originLabel: z.string(),
  orienter: z.object({ name: z.string(), organisation: z.string() }),
  orientedOn: z.string(),
  /** Days since the orientation. */
  ageDays: z.number().int(),
  /** The start deadline: orientation + the convention's orientationToStart (its value and unit). */
  startDueOn: z.string(),
  urgency: z.enum(["overdue", "soon", "later"]),
  /** Sides still to be taken up (one of them is the caller's). */
  missing: z.array(z.enum(TAKE_UP_SIDES)),
  advisor: z.string().nullable(),
  socialWorker: z.string().nullable(),
});
export const OrientationQueueSchema = pageOf(OrientationQueueItemSchema).extend({
  /** The side the caller takes up: an advisor the France Travail side, a social worker the social side (none: orienters). */
  sides: z.array(z.enum(TAKE_UP_SIDES)),
});
export type OrientationQueue = z.infer<typeof OrientationQueueSchema>;
export const TakeUpRequestSchema = z.strictObject({});

/** A barrier recorded by mistake (wrong code or date), corrected: the timeline keeps what it was. */
export const CorrectBarrierRequestSchema = BarrierInputSchema.extend({
  observedOn: date,
  reason: z.string().trim().max(500).optional(),
}).strict();
export type CorrectBarrierRequest = z.infer<typeof CorrectBarrierRequestSchema>;

/** Everything held about the person, from the case (transparency, [001 art. 6 ; 002 art. 7.2]). */
export const TransparencyExportSchema = z.object({
  generatedAt: z.string(),
  generatedBy: z.string(),
  person: JobSeekerDetailSchema,
  cases: z.array(CaseViewSchema),
  withheld: z.array(z.string()),
});

/** An organisation's global-support referents (told at once of an RSA beneficiary's missed first appointment). */
export const SupportReferentsRequestSchema = z.strictObject({ userIds: z.array(z.uuid()).max(50, "Choisissez au plus 50 référents.") });
