import type { ConventionTerms, Delay } from "../../shared/contracts/conventionFile.js";
import type { CalendarDate } from "../shared/calendarDate.js";
import { afterEnd, delayLabel } from "./delays.js";

/**
 * The data clauses of a convention as obligations with deadlines, for the capabilities that run
 * them (purges, breach notices, answers to the persons concerned): each delay in its own unit (a
 * breach notice in hours gives a date-time, see deadlineAfter), what starts it, and the article
 * it comes from. The destruction after the end is the only one whose date is known from the
 * convention alone: it is given (`dueOn`).
 */
export type DataObligationKey = "received_list_retention" | "destruction_after_end" | "breach_notice" | "rights_answer";
export type DataObligation = {
  key: DataObligationKey;
  delay: Delay;
  /** What starts the delay: a list received, the convention's end, a breach discovered, a request received. */
  runsFrom: "list_received" | "convention_end" | "breach_discovered" | "request_received";
  label: string;
  source: string;
  /** Known from the convention alone: the last day of the destruction after the end. */
  dueOn: CalendarDate | null;
};

export function dataObligations(terms: ConventionTerms, end: CalendarDate): DataObligation[] {
  const c = terms.dataClauses;
  if (!c) return [];
  const list: DataObligation[] = [];
  const push = (key: DataObligationKey, clause: (Delay & { source?: string }) | null, runsFrom: DataObligation["runsFrom"], label: (d: string) => string, dueOn: CalendarDate | null = null) => {
    if (!clause) return;
    const { source, ...delay } = clause;
    list.push({ key, delay, runsFrom, label: label(delayLabel(delay)), source: source ?? c.source, dueOn });
  };
  push("received_list_retention", c.receivedListRetention, "list_received", (d) => `Supprimer chaque liste reçue ${d} après sa réception`);
  push(
    "destruction_after_end",
    c.destructionAfterEnd,
    "convention_end",
    (d) => `Détruire les données personnelles au plus tard ${d} après la fin de la convention`,
    c.destructionAfterEnd ? afterEnd(end, c.destructionAfterEnd) : null,
  );
  push("breach_notice", c.breachNotice, "breach_discovered", (d) => `Informer l’autre partie d’une violation de données au plus tard ${d} après sa découverte`);
  push("rights_answer", c.rightsAnswer, "request_received", (d) => `Répondre aux demandes des personnes concernées sous ${d}`);
  return list;
}
