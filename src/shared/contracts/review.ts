import { z } from "zod";
import { AGENDA_REASON_LABELS, type AgendaReason } from "../../domain/review/agenda.js";
import { DECISION_KINDS } from "../../domain/review/decisions.js";
import { PageQuerySchema } from "./common.js";

/** Why a person is on the agenda (domain/review/agenda.ts), as a list for the filter. */
export const AGENDA_REASONS = Object.keys(AGENDA_REASON_LABELS) as [AgendaReason, ...AgendaReason[]];

export const CreateReviewRequestSchema = z.strictObject({
  conventionId: z.uuid("Choisissez une convention."),
  agencyIds: z.array(z.uuid()).min(1, "Choisissez au moins une agence.").max(20),
  heldOn: z.iso.date("Saisissez la date de la revue (jj/mm/aaaa)."),
});

export const ReviewItemSchema = z.object({
  caseId: z.uuid(),
  person: z.string(),
  ftIdentifier: z.string(),
  rsa: z.boolean(),
  advisor: z.string().nullable(),
  socialWorker: z.string().nullable(),
  status: z.string(),
  origin: z.string(),
  orientedOn: z.string(),
  enteredOn: z.string().nullable(),
  periodEndsOn: z.string().nullable(),
  maxEndsOn: z.string().nullable(),
  reasons: z.array(z.string()),
  decision: z
    .object({ kind: z.enum(DECISION_KINDS), exitType: z.string().nullable(), note: z.string().nullable(), version: z.number(), decidedBy: z.string(), decidedAt: z.string() })
    .nullable(),
  history: z.array(z.object({ version: z.number(), kind: z.enum(DECISION_KINDS), exitType: z.string().nullable(), note: z.string().nullable() })),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

/**
 * What the review page asks: a page of the agenda (in the agenda's order), filtered the way a
 * meeting goes through it — by a member of the pair, by agency, by decision state, by reason, by name
 * or identifier. The server filters, counts and pages in SQL.
 */
export const ReviewPageQuerySchema = PageQuerySchema.extend({
  /** An advisor or social worker: the cases where they are one of the pair. */
  pairWith: z.uuid("Choisissez un membre d’un binôme de l’ordre du jour.").optional(),
  /** One of the review's agencies: the cases whose advisor belongs to it. */
  agency: z.uuid("Choisissez une agence de la revue.").optional(),
  /** « sans décision »: no decision in force (whichever version); « decided »: one in force. */
  decision: z.enum(["undecided", "decided"], "Choisissez « Sans décision » ou « Décidées ».").optional(),
  reason: z.enum(AGENDA_REASONS, "Choisissez un motif d’inscription à l’ordre du jour.").optional(),
  /** A name (any order, without accents) or a France Travail identifier. */
  q: z.string().trim().min(2, "Saisissez au moins 2 caractères (nom, prénom ou identifiant).").max(100).optional(),
}).strict();
export type ReviewPageQuery = z.infer<typeof ReviewPageQuerySchema>;

export const ReviewSchema = z.object({
  id: z.uuid(),
  conventionId: z.uuid(),
  conventionNumber: z.string(),
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  heldOn: z.string(),
  sequence: z.number(),
  /** « bimestrielle », « tous les 5 mois »: the convention's review cadence on the review's day. */
  cadence: z.string(),
  secretariat: z.enum(["advisor", "social_worker"]),
  status: z.enum(["open", "closed"]),
  version: z.number(),
  /** The page of the agenda the query asked for, in the agenda's order. */
  items: z.array(ReviewItemSchema),
  /** How many items the filters hold (every page). */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /**
   * The whole agenda, whatever the filters: its items, those with a decision in force (any version)
   * and without, and those decided in the review's current version.
   */
  counts: z.object({ items: z.number().int(), decided: z.number().int(), undecided: z.number().int(), decidedInVersion: z.number().int() }),
  /** The advisors and social workers of the agenda's cases (the « binôme » filter). */
  pairMembers: z.array(z.object({ id: z.uuid(), name: z.string(), side: z.enum(["advisor", "social_worker"]) })),
  /** The reader's own cases (their portfolio: pair or orienter) already on the agenda: the « add a person » form leaves them out. */
  myCasesOnAgenda: z.array(z.uuid()),
  documents: z.array(z.object({ kind: z.enum(["minutes_pdf", "table_xlsx", "table_csv"]), version: z.number(), url: z.string() })),
  distribution: z.array(z.object({ label: z.string(), recipients: z.array(z.string()) })),
});
export type Review = z.infer<typeof ReviewSchema>;

export const ReviewSummarySchema = z.object({
  id: z.uuid(),
  conventionNumber: z.string(),
  agencies: z.array(z.string()),
  heldOn: z.string(),
  status: z.enum(["open", "closed"]),
  version: z.number(),
  items: z.number(),
  decided: z.number(),
});
export const ReviewListSchema = z.object({ items: z.array(ReviewSummarySchema) });

export const ReviewOptionsSchema = z.object({
  conventions: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), agencies: z.array(z.object({ id: z.uuid(), name: z.string() })) })),
});

export const RecordDecisionRequestSchema = z.strictObject({
  kind: z.enum(DECISION_KINDS, "Choisissez une décision."),
  exitType: z.string().max(50).nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
});

export const AddReviewItemRequestSchema = z.strictObject({ caseId: z.uuid("Choisissez une personne de votre portefeuille.") });

/**
 * What the distribution list's steering staff see of a review: counts only, no person named. The
 * e-mail that announces the follow-up table links here for whoever does not take part in the review.
 */
export const ReviewAggregateSchema = z.object({
  id: z.uuid(),
  conventionNumber: z.string(),
  conventionTitle: z.string(),
  agencies: z.array(z.string()),
  heldOn: z.string(),
  status: z.enum(["open", "closed"]),
  version: z.number(),
  examined: z.number(),
  undecided: z.number(),
  decisions: z.array(z.object({ kind: z.enum(DECISION_KINDS), label: z.string(), count: z.number() })),
  /** How many of the people on the agenda the reader receives the follow-up of (null: not on the distribution list). */
  inReach: z.number().nullable(),
});
export type ReviewAggregate = z.infer<typeof ReviewAggregateSchema>;

/** One period of the review schedule (domain/review/schedule.ts): its days, where it stands, the review held or prepared in it. */
const ReviewSlotSchema = z.object({
  startsOn: z.string(),
  dueOn: z.string(),
  state: z.enum(["held", "scheduled", "due", "late", "past", "upcoming"]),
  heldOn: z.string().nullable(),
});

/** The reviews due at each convention's cadence, per agency the reader takes part for: the next one, and those not held in time. */
export const ReviewScheduleSchema = z.object({
  items: z.array(
    z.object({
      conventionId: z.uuid(),
      conventionNumber: z.string(),
      agencyId: z.uuid(),
      agencyName: z.string(),
      cadenceMonths: z.number().int(),
      /** « bimestrielle », « tous les 5 mois ». */
      cadence: z.string(),
      next: ReviewSlotSchema.nullable(),
      late: z.array(ReviewSlotSchema),
    }),
  ),
});
export type ReviewSchedule = z.infer<typeof ReviewScheduleSchema>;
