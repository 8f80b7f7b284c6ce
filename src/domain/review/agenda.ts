/**
 * The agenda of a monthly portfolio review builds itself from the cases (domain.md §4):
 * who awaits entry, who is due for renewal, who reaches the maximum, who is in social-only
 * support, who is in dispute between the pair, who missed an appointment since the last review.
 */
export type AgendaReason =
  | "awaiting_entry"
  | "renewal_due"
  | "reaching_maximum"
  | "social_only"
  | "pair_disagreement"
  | "no_show"
  | "added_by_participant";

export const AGENDA_REASON_LABELS: Record<AgendaReason, string> = {
  awaiting_entry: "En attente d’entrée",
  renewal_due: "Renouvellement à décider",
  reaching_maximum: "Atteint la durée maximale",
  social_only: "Accompagnement social exclusif",
  pair_disagreement: "Désaccord du binôme",
  no_show: "Absence à un rendez-vous",
  added_by_participant: "Ajouté par un participant",
};

/** What the review needs to know of a case, as of the review day. */
export type CaseSnapshot = {
  caseId: string;
  status: "oriented" | "diagnosed" | "awaiting_entry" | "active" | "social_only" | "exited" | "refused";
  /** End of the current period (initial or renewal), if the case is running. */
  periodEndsOn: string | null;
  /** The hard stop: entry + the convention's maximum. */
  maxEndsOn: string | null;
  /** Whether the convention still allows a renewal for this case. */
  renewalAvailable: boolean;
  pairDisagreement: boolean;
  /** Dates of missed appointments. */
  noShowDates: string[];
};

export type AgendaItem = { caseId: string; reasons: AgendaReason[] };

const addDays = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * A period ending before the next review must be decided at this one: `horizonDays` is the
 * time to the next review (the convention's cadence), so nothing falls between two reviews.
 */
export function buildAgenda(
  cases: CaseSnapshot[],
  opts: { reviewDate: string; previousReviewDate: string | null; horizonDays: number },
): AgendaItem[] {
  const horizon = addDays(opts.reviewDate, opts.horizonDays);
  const items: AgendaItem[] = [];
  for (const c of cases) {
    const reasons: AgendaReason[] = [];
    const running = c.status === "active" || c.status === "social_only";
    if (c.status === "awaiting_entry") reasons.push("awaiting_entry");
    if (running && c.maxEndsOn && c.maxEndsOn <= horizon) reasons.push("reaching_maximum");
    else if (running && c.periodEndsOn && c.periodEndsOn <= horizon) reasons.push(c.renewalAvailable ? "renewal_due" : "reaching_maximum");
    if (c.status === "social_only") reasons.push("social_only");
    if (c.pairDisagreement && c.status !== "exited" && c.status !== "refused") reasons.push("pair_disagreement");
    if (c.noShowDates.some((d) => (opts.previousReviewDate === null || d > opts.previousReviewDate) && d <= opts.reviewDate)) {
      reasons.push("no_show");
    }
    if (reasons.length) items.push({ caseId: c.caseId, reasons });
  }
  return items;
}

/** The secretariat alternates between the advisor side and the social side where the convention says so. */
export function secretariatFor(reviewSequence: number, rule: "alternate" | "advisor" | "social_worker"): "advisor" | "social_worker" {
  if (rule !== "alternate") return rule;
  return reviewSequence % 2 === 1 ? "advisor" : "social_worker";
}
