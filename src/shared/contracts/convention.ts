import { z } from "zod";
import { PageQuerySchema, pageOf } from "./common.js";
import { SIGNATURE_MODES } from "../../domain/convention/signatures.js";
import { AmendmentSchema, CONVENTION_KINDS } from "./conventionFile.js";

export const CONVENTION_STATUS_VALUES = ["draft", "signed", "in_force", "expiring", "ended", "terminated"] as const;

export const ConventionListQuerySchema = PageQuerySchema.extend({
  q: z.string().max(100).optional(),
  kind: z.enum(CONVENTION_KINDS).optional(),
  status: z.enum(CONVENTION_STATUS_VALUES).optional(),
  party: z.uuid().optional(),
  /** An INSEE commune code: conventions whose parties cover it. */
  commune: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, "Code commune INSEE attendu (5 caractères).").optional(),
}).strict();
export type ConventionListQuery = z.infer<typeof ConventionListQuerySchema>;

export const ConventionSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(CONVENTION_KINDS),
  title: z.string(),
  status: z.enum(CONVENTION_STATUS_VALUES),
  effectiveOn: z.string().nullable(),
  endsOn: z.string(),
  parties: z.array(z.string()),
});
export const ConventionPageSchema = pageOf(ConventionSummarySchema);

export const ObligationSchema = z.object({
  key: z.string(),
  kind: z.string(),
  dueOn: z.string(),
  label: z.string(),
  source: z.string(),
  conventionId: z.uuid().optional(),
  conventionNumber: z.string().optional(),
  /** A governance meeting due (ADR 0034): held, scheduled, overdue or to schedule, with its meeting; for the governance's readers only. */
  governance: z.object({ state: z.enum(["held", "scheduled", "overdue", "due"]), stateLabel: z.string(), meetingId: z.uuid().nullable() }).optional(),
});
export type ObligationDto = z.infer<typeof ObligationSchema>;

export const CommitmentStatusSchema = z.object({
  key: z.string(),
  owner: z.string(),
  description: z.string(),
  measure: z.string(),
  comparison: z.enum(["at_least", "at_most"]),
  target: z.number(),
  period: z.string(),
  source: z.string(),
  value: z.number().nullable(),
  valueOn: z.string().nullable(),
  valueNote: z.string().nullable(),
  computed: z.boolean(),
  status: z.enum(["met", "at_risk", "missed", "not_recorded"]),
});

const PaymentValuesSchema = z.object({
  paidOn: z.string(),
  amount: z.string(),
  payer: z.string(),
  payee: z.string(),
  instalment: z.string().nullable(),
  note: z.string().nullable(),
});
/** A payment as the convention's finances list it, with its history of corrections. */
export const PaymentSchema = z.object({
  id: z.uuid(),
  paidOn: z.string(),
  /** « 16 650,40 € »; `amountValue` is the decimal the forms send back ("16650.40"). */
  amount: z.string(),
  amountValue: z.string(),
  payer: z.object({ organisationId: z.uuid().nullable(), name: z.string() }),
  payee: z.object({ organisationId: z.uuid().nullable(), name: z.string() }),
  instalment: z.object({ key: z.string(), label: z.string() }).nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  cancelled: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  history: z.array(
    z.object({
      kind: z.enum(["corrected", "cancelled"]),
      at: z.string(),
      by: z.string().nullable(),
      reason: z.string(),
      before: PaymentValuesSchema,
      after: PaymentValuesSchema.nullable(),
    }),
  ),
});
export type PaymentDto = z.infer<typeof PaymentSchema>;

export const FinanceSchema = z.object({
  yearlyAmount: z.string(),
  yearlyAmountCents: z.string(),
  schedule: z.array(z.object({ label: z.string(), dueOn: z.string().nullable(), amount: z.string(), amountCents: z.string() })),
  /** What the convention makes due over its whole period (each contractual year, pro rata on early termination). */
  due: z.string(),
  dueCents: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  outstandingCents: z.string(),
  /** The dates a payment may bear (signature → end, plus the payment window); null while a party has not signed. */
  paymentPeriod: z.object({ from: z.string(), until: z.string() }).nullable(),
  /** The user may record a payment now (a party's steering user or org_admin, convention signed, something still due). */
  canRecordPayment: z.boolean(),
  earlyEnd: z.object({ endedOn: z.string(), served: z.string(), refund: z.string() }).nullable(),
  source: z.string(),
  /** The payments recorded, cancelled ones included (they count for nothing). */
  payments: z.array(PaymentSchema),
  /** What a payment may pay, with what has been paid for it. */
  instalments: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      amount: z.string(),
      paid: z.string(),
      /** Due « on statement »: the day its statement (mémoire) was recorded, null while none is. */
      onStatement: z.boolean(),
      statementOn: z.string().nullable(),
    }),
  ),
  /** The payer the finance terms name (the payment form's default). */
  payerOrganisationId: z.uuid().nullable(),
  /** The user may correct or cancel a payment (who may record payments). */
  canCorrectPayments: z.boolean(),
});

export const SignatureSchema = z.object({
  name: z.string(),
  title: z.string(),
  signedOn: z.string(),
  mode: z.enum(SIGNATURE_MODES),
  recordedAt: z.string(),
  /** Who recorded it; null when the platform itself did (demo loader). */
  recordedBy: z.string().nullable(),
});

/**
 * An amendment as the detail shows it (ADR 0008, « Avenants »): proposed by a party, it applies
 * only once every party acting on its effective date has signed it in Tandem.
 */
export const AmendmentDetailSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  effectiveOn: z.string(),
  summary: z.string(),
  changes: z.record(z.string(), z.unknown()),
  status: z.enum(["pending", "signed"]),
  /** The day the last party signed it in Tandem; null while pending. */
  signedOn: z.string().nullable(),
  /** The date the amendment itself states (a file's, or the proposer's): information, not a signature. */
  statedSignedOn: z.string().nullable(),
  /** The parties whose signature is missing (names). */
  awaitingSignatureOf: z.array(z.string()),
  parties: z.array(
    z.object({
      organisationId: z.uuid(),
      code: z.string(),
      name: z.string(),
      signature: SignatureSchema.nullable(),
      /** The user may sign the amendment for this party now. */
      canSign: z.boolean(),
    }),
  ),
  /** The platform admin may record a party's signature from a scanned signed copy. */
  canRecordScannedCopy: z.boolean(),
});
export type AmendmentDetail = z.infer<typeof AmendmentDetailSchema>;

export const ConventionDetailSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(CONVENTION_STATUS_VALUES),
  effectiveOn: z.string().nullable(),
  endsOn: z.string(),
  signedOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  /** A data annex breached: the exchange is suspended from this day (003 annexe art. 10). */
  dataExchangeSuspendedOn: z.string().nullable(),
  canEdit: z.boolean(),
  /** The platform admin may record a party's signature from a scanned signed copy (ADR 0008). */
  canRecordScannedCopy: z.boolean(),
  /** The party the user signs for in Tandem (a steering user or org_admin of that party), if any: offered when proposing an amendment. */
  signsFor: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** The signing parties that have not signed in Tandem yet (names): the convention is a draft while any remain. */
  awaitingSignatureOf: z.array(z.string()),
  /** The terms in force today (or at the end, for an ended convention), amendments applied. */
  terms: z.record(z.string(), z.unknown()),
  parties: z.array(
    z.object({
      organisationId: z.uuid(),
      code: z.string(),
      name: z.string(),
      side: z.string(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      /** A party named by the file signs; a successor carries its predecessor's signature. */
      signatory: z.boolean(),
      /** The signatories and dates the file writes: information, not acts. */
      fileSignatories: z.array(z.object({ name: z.string(), title: z.string(), signedOn: z.string().nullable() })),
      /** The party's signature recorded in Tandem, if any. */
      signature: SignatureSchema.nullable(),
      /** The user may sign for this party now (a steering user or org_admin of the party itself). */
      canSign: z.boolean(),
    }),
  ),
  /** Every amendment, proposals included: only the signed ones change the terms. */
  amendments: z.array(AmendmentDetailSchema),
  events: z.array(z.object({ kind: z.string(), occurredOn: z.string(), details: z.record(z.string(), z.unknown()), recordedAt: z.string() })),
  calendar: z.array(ObligationSchema),
  commitments: z.array(CommitmentStatusSchema),
  /** The advisors named as dedicated (when a commitment counts them); who may name them gets the candidates. */
  dedicatedAdvisors: z
    .object({
      named: z.array(z.object({ userId: z.uuid(), name: z.string() })),
      canName: z.boolean(),
      candidates: z.array(z.object({ userId: z.uuid(), name: z.string() })),
    })
    .nullable(),
  finance: FinanceSchema.nullable(),
  /** Whose residents its professionals may find (ADR 0027): « Troyes Champagne Métropole (81 communes, y compris celles qui le rejoignent) ». */
  territory: z.object({ description: z.string(), communes: z.number().int(), source: z.string().nullable() }),
});
export type ConventionDetail = z.infer<typeof ConventionDetailSchema>;

export const ImportConventionRequestSchema = z.strictObject({ content: z.string().min(1, "Le fichier est vide.").max(500_000) });
export const ImportConventionResponseSchema = z.object({ id: z.uuid(), number: z.string() });

/**
 * Proposing an amendment: it changes nothing until every party has signed it. `signedOn` is the
 * date the amendment document states, if any (information); `signature` signs it for the
 * proposer's own party with the proposal.
 */
export const RecordAmendmentRequestSchema = z.strictObject({
  number: AmendmentSchema.shape.number.max(60),
  signedOn: z.iso.date().optional(),
  effectiveOn: z.iso.date(),
  summary: z.string().min(1).max(2000),
  changes: AmendmentSchema.shape.changes,
  signature: z.strictObject({ name: z.string().min(1).max(200), title: z.string().min(1).max(200), signedOn: z.iso.date() }).optional(),
});
export const RecordTerminationRequestSchema = z.strictObject({
  receivedOn: z.iso.date(),
  /** `mutual`: the parties agree to end it on `agreedEndOn` (offered only when the convention provides for it). */
  reason: z.enum(["notice", "breach", "mutual"]),
  agreedEndOn: z.iso.date().optional(),
  note: z.string().max(2000).optional(),
});
export const RecordSignatureRequestSchema = z.strictObject({
  /** The party's organisation code. */
  organisation: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  signedOn: z.iso.date(),
  /** `in_app`: a user of the party signs; `scanned_copy`: the platform admin records a signed copy. */
  mode: z.enum(SIGNATURE_MODES).default("in_app"),
});
export const RecordSuccessionRequestSchema = z.strictObject({
  predecessorOrganisationId: z.uuid(),
  successorOrganisationId: z.uuid(),
  from: z.iso.date(),
});
export const RecordCommitmentValueRequestSchema = z.strictObject({
  recordedOn: z.iso.date(),
  value: z.number().min(0),
  note: z.string().max(2000).optional(),
});
const paymentAmount = z.string().regex(/^\d+(\.\d{1,2})?$/, "Montant attendu en euros, avec au plus deux décimales (ex. 16650,40).");
/** The instalment a payment pays: the contractual year's first day and the schedule line. */
const instalmentKey = z.string().regex(/^\d{4}-\d{2}-\d{2}:\d+$/, "Échéance inconnue.");
export const RecordPaymentRequestSchema = z.strictObject({
  paidOn: z.iso.date(),
  amount: paymentAmount,
  note: z.string().max(2000).optional(),
  /** Who paid and who received it; by default the payer the finance terms name, and the first party of the other side. */
  payerOrganisationId: z.uuid().optional(),
  payeeOrganisationId: z.uuid().optional(),
  instalment: instalmentKey.optional(),
});
/** A payment recorded with a mistake, corrected: its values as they should be, and why (kept in its history). */
export const CorrectPaymentRequestSchema = z.strictObject({
  paidOn: z.iso.date(),
  amount: paymentAmount,
  payerOrganisationId: z.uuid(),
  payeeOrganisationId: z.uuid(),
  instalment: instalmentKey.nullable(),
  note: z.string().max(2000).optional(),
  reason: z.string().trim().min(1, "Indiquez le motif de la correction.").max(2000),
});
export const CancelPaymentRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, "Indiquez le motif de l’annulation.").max(2000),
});
export const PaymentParamsSchema = z.strictObject({ id: z.uuid(), paymentId: z.uuid() });



/** My deadlines; whether I have an iCalendar feed (its address is shown once, when made: only its hash is kept). */
export const CalendarResponseSchema = z.object({ obligations: z.array(ObligationSchema), hasFeed: z.boolean() });
export const CalendarFeedSchema = z.object({ feedUrl: z.string() });
