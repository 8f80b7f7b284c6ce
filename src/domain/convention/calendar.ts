import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { PERIOD_LABELS } from "../../shared/contracts/conventionFile.js";
import { addMonths, type CalendarDate, endOfMonth, frenchDate, minDate } from "../shared/calendarDate.js";

/**
 * The calendar of obligations a convention imposes, computed from its terms — never typed
 * in. Each obligation carries its source (seed file and article).
 */
export type ObligationKind = "end" | "notice" | "governance" | "report" | "payment" | "data_purge" | "commitment";
export type Obligation = { key: string; kind: ObligationKind; dueOn: CalendarDate; label: string; source: string };

export type ConventionDates = {
  effectiveOn: CalendarDate | null;
  endsOn: CalendarDate;
  signedOn: CalendarDate | null;
  /** Set once a notice of termination is recorded: the day the convention ends. */
  terminatedOn: CalendarDate | null;
};

const PERIOD_MONTHS = { month: 1, two_months: 2, quarter: 3, semester: 6, year: 12, convention: 0 } as const;

/** Ends of the successive periods of `months` from `start` up to `end` (a last, shorter period ends on `end`). */
function periodEnds(start: CalendarDate, end: CalendarDate, months: number): CalendarDate[] {
  if (months === 0) return [end];
  const ends: CalendarDate[] = [];
  for (let i = 1; ; i++) {
    const periodEnd = dayBefore(addMonths(start, months * i));
    if (periodEnd >= end) {
      ends.push(end);
      return ends;
    }
    ends.push(periodEnd);
  }
}
const dayBefore = (d: CalendarDate) => {
  const [y, m, day] = d.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day - 1)).toISOString().slice(0, 10);
};

export function obligations(terms: ConventionTerms, dates: ConventionDates): Obligation[] {
  const list: Obligation[] = [];
  const end = dates.terminatedOn ? minDate(dates.terminatedOn, dates.endsOn) : dates.endsOn;
  const start = dates.effectiveOn;
  list.push({
    key: "end",
    kind: "end",
    dueOn: end,
    label: dates.terminatedOn && dates.terminatedOn < dates.endsOn ? "Fin de la convention (résiliation)" : "Fin de la convention",
    source: terms.period.source,
  });

  const notice = terms.termination.notice;
  if (!dates.terminatedOn && notice.before !== "none" && notice.months > 0 && start) {
    // The yearly due dates: each anniversary of the effective date, up to the end.
    const dueDates = notice.before === "end" ? [dates.endsOn] : periodEnds(start, dates.endsOn, 12);
    for (const due of dueDates) {
      list.push({
        key: `notice:${due}`,
        kind: "notice",
        dueOn: addMonths(due, -notice.months),
        label: `Dernier jour pour notifier une résiliation (préavis de ${notice.months} mois avant l’échéance du ${frenchDate(due)})`,
        source: notice.source,
      });
    }
  }

  if (start) {
    for (const body of terms.governance) {
      if (body.requiredMonths.length) {
        for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
          for (const month of body.requiredMonths) {
            const due = endOfMonth(year, month);
            if (due >= start && due <= end) {
              list.push({ key: `governance:${body.key}:${due}`, kind: "governance", dueOn: due, label: `${body.name} (réunion de ${monthName(month)})`, source: body.source });
            }
          }
        }
      } else if (body.minPerYear > 0) {
        const months = Math.max(1, Math.floor(12 / body.minPerYear));
        for (const due of periodEnds(start, end, months)) {
          list.push({ key: `governance:${body.key}:${due}`, kind: "governance", dueOn: due, label: `${body.name} (au moins ${body.minPerYear} par an)`, source: body.source });
        }
      }
    }
    for (const indicator of terms.indicators) {
      for (const due of periodEnds(start, end, PERIOD_MONTHS[indicator.frequency])) {
        list.push({ key: `report:${indicator.key}:${due}`, kind: "report", dueOn: due, label: `Indicateurs à produire : ${indicator.name} (${PERIOD_LABELS[indicator.frequency]})`, source: indicator.source });
      }
    }
    for (const c of terms.commitments) {
      if (c.period === "convention" || c.period === "year") continue; // checked at the end / yearly review
      for (const due of periodEnds(start, end, PERIOD_MONTHS[c.period])) {
        list.push({ key: `commitment:${c.key}:${due}`, kind: "commitment", dueOn: due, label: `${c.description} (${PERIOD_LABELS[c.period]})`, source: c.source });
      }
    }
  }

  if (terms.finance) {
    for (const [i, item] of terms.finance.schedule.entries()) {
      const due = item.due === "signature" ? dates.signedOn : end;
      if (due) list.push({ key: `payment:${i}`, kind: "payment", dueOn: due, label: `Versement : ${item.label}`, source: terms.finance.source });
    }
  }

  const data = terms.dataClauses;
  if (data?.destructionAfterEndMonths !== null && data?.destructionAfterEndMonths !== undefined) {
    list.push({
      key: "data_purge",
      kind: "data_purge",
      dueOn: addMonths(end, data.destructionAfterEndMonths),
      label: `Destruction des données personnelles de la convention (${data.destructionAfterEndMonths} mois après la fin)`,
      source: data.source,
    });
  }
  return list.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const monthName = (m: number) => MONTHS[m - 1];

export const CONVENTION_STATUSES = ["draft", "signed", "in_force", "expiring", "ended", "terminated"] as const;
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];
export const CONVENTION_STATUS_LABELS: Record<ConventionStatus, string> = {
  draft: "Brouillon",
  signed: "Signée",
  in_force: "En vigueur",
  expiring: "Expire dans moins de 90 jours",
  ended: "Terminée",
  terminated: "Résiliée",
};

/**
 * The day a convention ends after a notice of termination received on `receivedOn`, under its
 * own rules: at the next yearly due date that still respects the notice [000, 004], a fixed
 * delay after receipt [001, 003], or the delay after an unanswered formal notice for a breach.
 */
export function terminationDate(
  terms: ConventionTerms,
  dates: { effectiveOn: CalendarDate | null; endsOn: CalendarDate },
  notice: { receivedOn: CalendarDate; reason: "notice" | "breach" },
): CalendarDate {
  if (notice.reason === "breach") return minDate(addMonths(notice.receivedOn, terms.termination.breach.formalNoticeMonths), dates.endsOn);
  const rule = terms.termination.notice;
  if (rule.effectiveMonthsAfterReceipt !== null) return minDate(addMonths(notice.receivedOn, rule.effectiveMonthsAfterReceipt), dates.endsOn);
  if (rule.before === "none" || !dates.effectiveOn) return minDate(notice.receivedOn, dates.endsOn);
  const dueDates = rule.before === "end" ? [dates.endsOn] : periodEnds(dates.effectiveOn, dates.endsOn, 12);
  return dueDates.find((due) => addMonths(due, -rule.months) >= notice.receivedOn) ?? dates.endsOn;
}
