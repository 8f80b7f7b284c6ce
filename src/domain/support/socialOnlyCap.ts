import { addDays, type CalendarDate, daysBetween, frenchDate, minDate } from "../shared/calendarDate.js";
import { lastDayOf } from "./periods.js";
import { citeTerm, type ProgrammeRules, SupportRuleViolation } from "./rules.js";

/**
 * The cap on social-only support (axe 3), as the convention writes it: `maxSocialOnlyMonths`
 * for each episode (« suspendu temporairement et pour 6 mois maximum », 002 art. 2), or for all
 * the episodes of a support together (`socialOnlyCap: in_total`). ADR 0024.
 *
 * An episode runs from its first day to the day the person resumes the employment path (or
 * exits), that day excluded. Per episode, each episode ends at the latest on the last day of N
 * months counted from its own first day (de quantième à quantième). In total, the cap is the
 * calendar period of N months that starts on the first episode's first day — its days, never
 * « 30 days a month » — and the episodes share those days: a new episode runs for the days left.
 */
export type SocialOnlyEpisode = { from: CalendarDate; to: CalendarDate };

export type SocialOnlyCapKind = "per_episode" | "in_total";

export const capKindOf = (rules: ProgrammeRules): SocialOnlyCapKind => rules.terms.socialOnlyCap ?? "per_episode";

/** The days of a total cap: those of the N-month period starting on the first episode's first day. */
export const totalCapDays = (firstFrom: CalendarDate, months: number): number => daysBetween(firstFrom, addDays(lastDayOf(firstFrom, months), 1));

/** Days the episodes already over have used. */
export const socialOnlyDaysUsed = (episodes: SocialOnlyEpisode[]): number => episodes.reduce((n, e) => n + Math.max(0, daysBetween(e.from, e.to)), 0);

/** What a total cap leaves for an episode starting on `on`: its days, counted from the first episode (or from `on` for the first). */
export function socialOnlyDaysLeft(on: CalendarDate, rules: ProgrammeRules, previous: SocialOnlyEpisode[]): { capDays: number; used: number; left: number; firstFrom: CalendarDate } {
  const firstFrom = previous[0]?.from ?? on;
  const capDays = totalCapDays(firstFrom, rules.terms.maxSocialOnlyMonths);
  const used = socialOnlyDaysUsed(previous);
  return { capDays, used, left: Math.max(0, capDays - used), firstFrom };
}

/**
 * The last day of a social-only episode starting on `on`: the convention's cap (per episode, or
 * what is left of it in total), never past the support's hard stop. Null when a total cap is used up.
 */
export function socialOnlyLastDay(on: CalendarDate, rules: ProgrammeRules, previous: SocialOnlyEpisode[], maxEndsOn: CalendarDate | null): CalendarDate | null {
  let last: CalendarDate;
  if (capKindOf(rules) === "per_episode") last = lastDayOf(on, rules.terms.maxSocialOnlyMonths);
  else {
    const { left } = socialOnlyDaysLeft(on, rules, previous);
    if (left <= 0) return null;
    last = addDays(on, left - 1);
  }
  return maxEndsOn ? minDate(last, maxEndsOn) : last;
}

/** Refuses a new episode when a total cap is used up: the person resumes the employment path or exits. */
export function requireSocialOnlyLeft(on: CalendarDate, rules: ProgrammeRules, previous: SocialOnlyEpisode[]): void {
  if (capKindOf(rules) !== "in_total") return;
  const { capDays, used, left, firstFrom } = socialOnlyDaysLeft(on, rules, previous);
  if (left > 0) return;
  const cap = rules.terms.maxSocialOnlyMonths;
  throw new SupportRuleViolation(
    "SOCIAL_ONLY_CAP_REACHED",
    `Nouvel accompagnement social exclusif refusé : la convention le limite à ${cap} mois au total sur l’accompagnement (${capDays} jours à compter du ${frenchDate(firstFrom)}, début du premier épisode), et les ${used} jours ont été utilisés ${citeTerm(rules, "maxSocialOnlyMonths")}. La personne poursuit son parcours vers l’emploi ou sort de l’accompagnement.`,
    { maxSocialOnlyMonths: cap, cap: "in_total", capDays, usedDays: used },
  );
}

/**
 * At the cap, the case resumes or exits: an act dated after the last day of the social-only
 * episode, while the case is still in it, is refused (the resumption may be dated up to the day after).
 */
export function requireWithinSocialOnlyCap(c: { status: string; socialOnlyEndsBy: CalendarDate | null }, on: CalendarDate, rules: ProgrammeRules, what: string): void {
  if (c.status !== "social_only" || !c.socialOnlyEndsBy || on <= c.socialOnlyEndsBy) return;
  throw new SupportRuleViolation(
    "SOCIAL_ONLY_CAP_PASSED",
    `${what} : l’accompagnement social exclusif a atteint sa durée maximale le ${frenchDate(c.socialOnlyEndsBy)} ${citeTerm(rules, "maxSocialOnlyMonths")}. La personne reprend son parcours vers l’emploi (au plus tard le ${frenchDate(addDays(c.socialOnlyEndsBy, 1))}) ou sort de l’accompagnement.`,
    { socialOnlyEndsBy: c.socialOnlyEndsBy },
  );
}
