import "../zodFrench.js";
import { z } from "zod";

/**
 * Retention that runs, with proof (ADR 0032): the purges planned and done (the journal, with counts
 * per kind and no personal data) and the legal holds a DPO records to stop them.
 */
export const HOLD_SCOPES = ["job_seeker", "convention", "list_import"] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];
export const HOLD_SCOPE_LABELS: Record<HoldScope, string> = {
  job_seeker: "Une personne",
  convention: "Une convention",
  list_import: "Une liste reçue",
};
export const HOLD_REASONS = ["dispute", "legal_duty", "other"] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
export const HOLD_REASON_LABELS: Record<HoldReason, string> = {
  dispute: "Contentieux",
  legal_duty: "Obligation légale",
  other: "Autre motif",
};

export const RecordLegalHoldSchema = z.strictObject({
  scope: z.enum(HOLD_SCOPES),
  subjectId: z.uuid(),
  reasonKind: z.enum(HOLD_REASONS),
  reason: z.string().trim().min(1).max(2000),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
});
export type RecordLegalHold = z.infer<typeof RecordLegalHoldSchema>;

export const LegalHoldSchema = z.object({
  id: z.uuid(),
  scope: z.enum(HOLD_SCOPES),
  scopeLabel: z.string(),
  subjectId: z.uuid(),
  /** What it covers, as the DPO reads it: « Liste reçue nouveaux-inscrits.csv (TCM-2020-DONNEES) ». */
  subjectLabel: z.string(),
  reasonKind: z.enum(HOLD_REASONS),
  reasonLabel: z.string(),
  reason: z.string(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  active: z.boolean(),
  recordedBy: z.string(),
});
export type LegalHold = z.infer<typeof LegalHoldSchema>;

export const PURGE_KINDS = ["received_list", "convention_end"] as const;
export const PURGE_KIND_LABELS: Record<(typeof PURGE_KINDS)[number], string> = {
  received_list: "Liste reçue de France Travail",
  convention_end: "Fin de convention",
};
/** Statuses in the journal (running while its batches go) and of a purge not yet run (planned, late). */
export const PURGE_STATUSES = ["planned", "late", "running", "done", "failed", "suspended"] as const;
export type PurgeStatus = (typeof PURGE_STATUSES)[number];

const CountSchema = z.object({ kind: z.string(), label: z.string(), count: z.number().int() });

export const PlannedPurgeSchema = z.object({
  kind: z.enum(PURGE_KINDS),
  kindLabel: z.string(),
  /** « nouveaux-inscrits.csv reçue le 02/03/2027 » or « Convention TCM-2020 (fin le 31/12/2027) ». */
  what: z.string(),
  conventionNumber: z.string(),
  rule: z.string(),
  dueOn: z.iso.date(),
  status: z.enum(PURGE_STATUSES),
  statusLabel: z.string(),
  /** What it will remove, counted in SQL now. */
  counts: z.array(CountSchema),
});
export type PlannedPurge = z.infer<typeof PlannedPurgeSchema>;

export const PurgeJournalEntrySchema = z.object({
  id: z.uuid(),
  kind: z.enum(PURGE_KINDS),
  kindLabel: z.string(),
  what: z.string(),
  conventionNumber: z.string(),
  rule: z.string(),
  dueOn: z.iso.date(),
  ranAt: z.string().nullable(),
  status: z.enum(PURGE_STATUSES),
  statusLabel: z.string(),
  counts: z.array(CountSchema),
  kept: z.array(CountSchema),
});
export type PurgeJournalEntry = z.infer<typeof PurgeJournalEntrySchema>;

export const PurgesOverviewSchema = z.object({
  planned: z.array(PlannedPurgeSchema),
  journal: z.array(PurgeJournalEntrySchema),
  holds: z.array(LegalHoldSchema),
  /** Purges late or failed: the page's banner. */
  alerts: z.array(z.string()),
});
export type PurgesOverview = z.infer<typeof PurgesOverviewSchema>;

/** What a DPO may put on hold: the lists received by the organisation and the conventions it is party to. */
export const HoldOptionsSchema = z.object({
  lists: z.array(z.object({ id: z.uuid(), label: z.string() })),
  conventions: z.array(z.object({ id: z.uuid(), label: z.string() })),
});
export type HoldOptions = z.infer<typeof HoldOptionsSchema>;
