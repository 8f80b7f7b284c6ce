import { z } from "zod";
import { DECISION_KINDS } from "../../domain/review/decisions.js";

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

export const ReviewSchema = z.object({
  id: z.uuid(),
  conventionId: z.uuid(),
  conventionNumber: z.string(),
  agencies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  heldOn: z.string(),
  sequence: z.number(),
  secretariat: z.enum(["advisor", "social_worker"]),
  status: z.enum(["open", "closed"]),
  version: z.number(),
  items: z.array(ReviewItemSchema),
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
