import { delayLabel, expiryAfter } from "../convention/delays.js";
import { type CalendarDate, daysBetween } from "../shared/calendarDate.js";
import type { SupportCaseFacts } from "./lifecycle.js";
import { citeTerm, type ProgrammeRules } from "./rules.js";

export type DeadlineKind = "start" | "first_appointments" | "renewal_decision" | "exit_decision" | "social_only_end" | "hard_stop";

export type Deadline = { kind: DeadlineKind; dueOn: CalendarDate; label: string; source: string };

/**
 * Every deadline a case runs against, from the terms of its convention (domain.md §3):
 * start within the delay after orientation; first social and professional appointments within the
 * delay after entry (in the convention's unit: « dans le mois » is a month, not 30 days); the renewal (or exit) decision before the current period ends; the end of the
 * social-only pause; the hard stop at the maximum length.
 */
export function deadlinesOf(c: SupportCaseFacts, rules: ProgrammeRules): Deadline[] {
  const t = rules.terms;
  const list: Deadline[] = [];
  if (c.status === "oriented" || c.status === "diagnosed" || c.status === "awaiting_entry") {
    list.push({
      kind: "start",
      dueOn: expiryAfter(c.orientedOn, t.orientationToStart),
      label: `Démarrage de l’accompagnement (objectif : ${delayLabel(t.orientationToStart)} après l’orientation)`,
      source: citeTerm(rules, "orientationToStart"),
    });
  }
  if ((c.status === "active" || c.status === "social_only") && c.enteredOn) {
    if (!c.firstSocialAppointmentOn || !c.firstProfessionalAppointmentOn) {
      const missing = [!c.firstSocialAppointmentOn && "social", !c.firstProfessionalAppointmentOn && "professionnel"].filter(Boolean).join(" et ");
      list.push({
        kind: "first_appointments",
        dueOn: expiryAfter(c.enteredOn, t.entryToFirstAppointments),
        label: `Premier rendez-vous ${missing} (objectif : ${delayLabel(t.entryToFirstAppointments)} après l’entrée)`,
        source: citeTerm(rules, "entryToFirstAppointments"),
      });
    }
    const finalPeriod = c.renewalsUsed >= t.renewalsAllowed || c.periodEndsOn! >= c.maxEndsOn!;
    list.push(
      finalPeriod
        ? { kind: "exit_decision", dueOn: c.periodEndsOn!, label: "Fin de l’accompagnement : sortie à décider", source: citeTerm(rules, "maxTotalMonths") }
        : { kind: "renewal_decision", dueOn: c.periodEndsOn!, label: "Fin de période : renouvellement ou sortie à décider", source: citeTerm(rules, "initialMonths") },
    );
    if (c.status === "social_only" && c.socialOnlyEndsBy) {
      list.push({
        kind: "social_only_end",
        dueOn: c.socialOnlyEndsBy,
        label: `Fin de l’accompagnement social exclusif (au plus ${t.maxSocialOnlyMonths} mois${t.socialOnlyCap === "in_total" ? " au total" : ""}) : reprise ou sortie`,
        source: citeTerm(rules, "maxSocialOnlyMonths"),
      });
    }
    if (c.maxEndsOn! > c.periodEndsOn!) {
      list.push({ kind: "hard_stop", dueOn: c.maxEndsOn!, label: `Durée maximale (${t.maxTotalMonths} mois) atteinte`, source: citeTerm(rules, "maxTotalMonths") });
    }
  }
  return list.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

export const nextDeadline = (c: SupportCaseFacts, rules: ProgrammeRules): Deadline | null => deadlinesOf(c, rules)[0] ?? null;

/** How a deadline stands on a day: overdue, due within the horizon, or later. */
export function urgency(dueOn: CalendarDate, today: CalendarDate, horizonDays: number): "overdue" | "soon" | "later" {
  const days = daysBetween(today, dueOn);
  if (days < 0) return "overdue";
  return days <= horizonDays ? "soon" : "later";
}
