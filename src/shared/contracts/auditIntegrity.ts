import { z } from "zod";

/**
 * Where the audit chain breaks. `seq` is the number of the event where the break shows:
 * - altered: its content no longer gives its stored hash (changed after it was written);
 * - relinked: its content is intact but it no longer follows the event before it (the previous one was rewritten);
 * - missing: events missingFrom..missingTo are gone before it (deleted); for the end of the trail, eventId and occurredAt are null.
 */
export const AuditChainBreakSchema = z.object({
  seq: z.number().int(),
  eventId: z.string().nullable(),
  occurredAt: z.string().nullable(),
  reason: z.enum(["altered", "relinked", "missing"]),
  missingFrom: z.number().int().optional(),
  missingTo: z.number().int().optional(),
});
export type AuditChainBreak = z.infer<typeof AuditChainBreakSchema>;

const ChainEndSchema = z.object({ seq: z.number().int(), occurredAt: z.string(), hash: z.string() });

export const AuditChainReportSchema = z.object({
  intact: z.boolean(),
  /** Events read and checked (up to the chain head read when the verification started). */
  verifiedEvents: z.number().int(),
  first: ChainEndSchema.nullable(),
  /** Its hash is the fingerprint of the whole trail so far: kept elsewhere, it also reveals a rewrite of everything before it. */
  last: ChainEndSchema.nullable(),
  /** The first breaks found, in chain order (at most 20); breakCount counts them all. */
  breaks: z.array(AuditChainBreakSchema),
  breakCount: z.number().int(),
  checkedAt: z.string(),
});
export type AuditChainReport = z.infer<typeof AuditChainReportSchema>;

/** A date and time as people in France read it, whatever the machine's time zone. */
export const parisDateTime = (isoTime: string) => new Date(isoTime).toLocaleString("fr-FR", { timeZone: "Europe/Paris" });

const REASONS = {
  altered: "contenu modifié après son enregistrement",
  relinked: "ne suit plus l’évènement précédent, qui a été réécrit",
} as const;

/** What was found at a break, in French (without where). */
export function auditChainBreakFinding(b: AuditChainBreak): string {
  if (b.reason !== "missing") return REASONS[b.reason];
  const gone = b.missingFrom === b.missingTo ? `le n° ${b.missingFrom} manque` : `les n° ${b.missingFrom} à ${b.missingTo} manquent`;
  return b.eventId ? `${gone} (supprimé)` : `${gone} (supprimés après le n° ${(b.missingFrom ?? 1) - 1})`;
}

/** Where and what, in French: the CLI prints it, the DPO page shows it. */
export function describeAuditChainBreak(b: AuditChainBreak): string {
  const where = b.eventId ? `évènement n° ${b.seq}${b.occurredAt ? ` (${parisDateTime(b.occurredAt)})` : ""}` : "fin du journal";
  return `${where} : ${auditChainBreakFinding(b)}`;
}
