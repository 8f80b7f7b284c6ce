import type { CalendarDelay } from "../../shared/contracts/conventionFile.js";
import { latestNoticeDay } from "../convention/delays.js";
import { addDays, type CalendarDate, frenchDate } from "../shared/calendarDate.js";
import { type ProgrammeRules, SupportRuleViolation } from "./rules.js";

/**
 * A support runs under a convention and ends with it (ADR 0024): no period is planned past the
 * convention's end (or its termination's effect), the parties and the pairs are warned before it,
 * and after it the cases stop taking new acts — only the decision that closes them (an exit, a
 * refused entry) is recorded, dated at the latest on the convention's last day.
 */

/**
 * How long before the end the parties and the pairs are warned (renew by amendment, or plan the
 * exits). No seed writes it: Tandem's default, the 3 months' notice the conventions give before an
 * échéance [000 art. 8, 004 art. 10] — three monthly reviews to decide.
 */
export const CONVENTION_END_WARNING: CalendarDelay = { value: 3, unit: "months" };

/** The day the warning goes: the delay counted back from the day after the last day. */
export const conventionEndWarningDay = (endsOn: CalendarDate): CalendarDate => addDays(latestNoticeDay(addDays(endsOn, 1), CONVENTION_END_WARNING), 1);

const conventionOf = (rules: ProgrammeRules) => `la convention n° ${rules.conventionNumber}`;

/** After the convention's end, no new act: the stable code CONVENTION_ENDED names the convention and its last day. */
export function requireConventionRunning(rules: ProgrammeRules, today: CalendarDate): void {
  const end = rules.conventionEndsOn;
  if (!end || today <= end) return;
  throw new SupportRuleViolation(
    "CONVENTION_ENDED",
    `${capitalise(conventionOf(rules))} a pris fin le ${frenchDate(end)} : les accompagnements qu’elle porte ne prennent plus de nouvel acte. Enregistrez la sortie (datée au plus tard du ${frenchDate(end)}) ou renouvelez la convention par avenant.`,
    { conventionNumber: rules.conventionNumber, conventionEndsOn: end },
  );
}

/** The decision that closes a case after the end is dated at the latest on the convention's last day. */
export function requireClosedWithinConvention(rules: ProgrammeRules, on: CalendarDate, today: CalendarDate, what: string): void {
  const end = rules.conventionEndsOn;
  if (!end || today <= end || on <= end) return;
  throw new SupportRuleViolation(
    "CONVENTION_ENDED",
    `${what} se date au plus tard du ${frenchDate(end)}, dernier jour de ${conventionOf(rules)}, qui porte cet accompagnement.`,
    { conventionNumber: rules.conventionNumber, conventionEndsOn: end },
  );
}

/** A period (the first one, a renewal) ends at the latest on the convention's last day. */
export function requirePeriodWithinConvention(rules: ProgrammeRules, periodEndsOn: CalendarDate, what: string, hint = ""): void {
  const end = rules.conventionEndsOn;
  if (!end || periodEndsOn <= end) return;
  throw new SupportRuleViolation(
    "SUPPORT_PAST_CONVENTION_END",
    `${what} : la période irait jusqu’au ${frenchDate(periodEndsOn)}, au-delà de la fin de ${conventionOf(rules)} le ${frenchDate(end)} (un accompagnement ne se prévoit pas au-delà de la convention qui le porte).${hint} Renouvelez d’abord la convention par avenant.`,
    { conventionNumber: rules.conventionNumber, conventionEndsOn: end, periodEndsOn },
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
