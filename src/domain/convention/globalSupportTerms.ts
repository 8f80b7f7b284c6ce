import type { CalendarDelay } from "../../shared/contracts/conventionFile.js";

/**
 * The terms of the global-support programme (accompagnement global) as one convention writes
 * them. Never constants: Creuse [001] runs 12 + one renewal of at most 6 (max 18), Bas-Rhin
 * [002] 6 + 6 (max 12), and a convention Tandem has never seen runs its own.
 * Shared contract between the convention context (which reads them from the convention in
 * force) and the support context (which applies them).
 */
export type GlobalSupportTerms = {
  /** Length of the first support period, in months. */
  initialMonths: number;
  /** How many renewals are allowed (1 in both seeds). */
  renewalsAllowed: number;
  /** Maximum length of one renewal, in months. */
  monthsPerRenewal: number;
  /** Hard cap on the whole support, in months. */
  maxTotalMonths: number;
  /** Target: support starts within this delay of orientation, in the convention's unit (21 days in [002]). */
  orientationToStart: CalendarDelay;
  /** Target: first social and professional appointments within this delay of entry (« dans le mois »: 1 month, not 30 days). */
  entryToFirstAppointments: CalendarDelay;
  /** Social-only support (job search paused) lasts at most this many months (6). */
  maxSocialOnlyMonths: number;
  /**
   * Whether that cap holds for each social-only episode (the default: « suspendu temporairement et
   * pour 6 mois maximum », 002 art. 2) or for all the episodes of one support together (ADR 0024).
   */
  socialOnlyCap?: "per_episode" | "in_total";
  /**
   * A short job or training, which does not end the support, lasts less than this many months
   * (« d'une durée inférieure à 6 mois » [002 art. 2 g)]); null when the convention sets no limit.
   */
  shortActivityUnderMonths: number | null;
  /** Target size of a dedicated advisor's active portfolio (≥ 70 in [002]); null when the convention sets none. */
  targetActiveCasesPerAdvisor: number | null;
  /** Portfolio reviews every N months (1 = monthly). */
  reviewCadenceMonths: number;
  /** Whether an entry may be recorded directly, without the monthly review. */
  directEntryAllowed: boolean;
  /** Who holds the review's secretariat: alternately the advisor and the social worker [002 art. 5.2 a)], or always one side. */
  reviewSecretariat?: "alternate" | "advisor" | "social_worker";
  /** Who receives the review's follow-up table: the case's pair, or users of a party holding some roles. */
  reviewDistribution?: ({ label: string; pair: true; source: string } | { label: string; organisation: string; roles: string[]; source: string })[];
  /** Where each value comes from: seed file and article, e.g. "002 §4.2". */
  sources: Partial<Record<Exclude<keyof GlobalSupportTerms, "sources">, string>>;
};
