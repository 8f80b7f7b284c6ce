import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { PERIOD_LABELS } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonthsOrNextDay, type CalendarDate, endOfMonth, frenchDate, minDate } from "../shared/calendarDate.js";
import { afterEnd, anniversary, delayLabel, expiryAfter, latestNoticeDay } from "./delays.js";

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
  /** Statements (mémoires) recorded for schedule lines due « on statement »: the line's index, the instalment, the day recorded. */
  statements?: { scheduleIndex: number; instalmentKey: string; label: string; recordedOn: CalendarDate }[];
};

const PERIOD_MONTHS = { month: 1, two_months: 2, quarter: 3, semester: 6, year: 12, convention: 0 } as const;

/**
 * Ends of the successive periods of `months` from `start` up to `end` (a last, shorter period ends
 * on `end`). Each is counted from `start`, never from the previous end: a month from 31 January
 * ends on 28 (29) February, the next on 30 March (ADR 0006).
 */
function periodEnds(start: CalendarDate, end: CalendarDate, months: number): CalendarDate[] {
  if (months === 0) return [end];
  const ends: CalendarDate[] = [];
  for (let i = 1; ; i++) {
    const periodEnd = addDays(addMonthsOrNextDay(start, months * i), -1);
    if (periodEnd >= end) {
      ends.push(end);
      return ends;
    }
    ends.push(periodEnd);
  }
}

/** The yearly échéances of a convention up to its end: the eve of each anniversary of its effective date, and its end. */
function yearlyDueDates(effectiveOn: CalendarDate, endsOn: CalendarDate): CalendarDate[] {
  const dues: CalendarDate[] = [];
  for (let k = 1; ; k++) {
    const due = addDays(anniversary(effectiveOn, k), -1);
    if (due >= endsOn) return [...dues, endsOn];
    dues.push(due);
  }
}

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
  if (!dates.terminatedOn && notice.before !== "none" && notice.delay && notice.delay.value > 0 && start) {
    // The yearly due dates: the eve of each anniversary of the effective date, up to the end.
    const dueDates = notice.before === "end" ? [dates.endsOn] : yearlyDueDates(start, dates.endsOn);
    for (const due of dueDates) {
      list.push({
        key: `notice:${due}`,
        kind: "notice",
        dueOn: latestNoticeDay(addDays(due, 1), notice.delay),
        label: `Dernier jour pour notifier une résiliation (préavis de ${delayLabel(notice.delay)} avant l’échéance du ${frenchDate(due)})`,
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
      if (item.due === "statement") {
        // Its own event: due when the statement is recorded (plus the delay the file writes), never at the end date.
        for (const s of (dates.statements ?? []).filter((x) => x.scheduleIndex === i)) {
          const dueOn = item.payableWithin ? expiryAfter(s.recordedOn, item.payableWithin) : s.recordedOn;
          list.push({
            key: `payment:${s.instalmentKey}:statement`,
            kind: "payment",
            dueOn,
            label: `Versement au vu du mémoire reçu le ${frenchDate(s.recordedOn)} : ${s.label}${item.payableWithin ? ` (sous ${delayLabel(item.payableWithin)})` : ""}`,
            source: terms.finance.source,
          });
        }
        continue;
      }
      const due = item.due === "signature" ? dates.signedOn : end;
      if (due) list.push({ key: `payment:${i}`, kind: "payment", dueOn: due, label: `Versement : ${item.label}`, source: terms.finance.source });
    }
  }

  const data = terms.dataClauses;
  if (data?.destructionAfterEnd) {
    list.push({
      key: "data_purge",
      kind: "data_purge",
      dueOn: afterEnd(end, data.destructionAfterEnd),
      label: `Destruction des données personnelles de la convention (au plus tard ${delayLabel(data.destructionAfterEnd)} après la fin)`,
      source: data.destructionAfterEnd.source ?? data.source,
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

export type TerminationReason = "notice" | "breach" | "mutual";
export type TerminationNotice = { receivedOn: CalendarDate; reason: TerminationReason; agreedEndOn?: CalendarDate | null };

/** The ways this convention may be ended by a party's act, as its file says (the end with a parent convention follows the parent). */
export function terminationReasons(terms: ConventionTerms): TerminationReason[] {
  const notice = terms.termination.notice;
  // No delay at all: the text provides no termination without a motive (« pas de résiliation sans motif », 002 art. 8.1).
  const byNotice = notice.delay !== null || notice.effectiveAfterReceipt !== null;
  return [
    ...(byNotice ? (["notice"] as const) : []),
    ...(terms.termination.breach ? (["breach"] as const) : []),
    ...(terms.termination.mutualAgreement ? (["mutual"] as const) : []),
  ];
}

/**
 * The day a convention ends after a notice of termination received on `receivedOn`, under its
 * own rules: at the next yearly due date that still respects the notice [000, 004], a fixed
 * delay after receipt [001, 003], the delay after an unanswered formal notice for a breach (at
 * once when the text sets none), or the date the parties agree on (never after the end).
 */
export function terminationDate(terms: ConventionTerms, dates: { effectiveOn: CalendarDate | null; endsOn: CalendarDate }, notice: TerminationNotice): CalendarDate {
  if (notice.reason === "mutual") return minDate(notice.agreedEndOn ?? notice.receivedOn, dates.endsOn);
  if (notice.reason === "breach") {
    const delay = terms.termination.breach?.effectiveAfterFormalNotice ?? null;
    return minDate(delay ? expiryAfter(notice.receivedOn, delay) : notice.receivedOn, dates.endsOn);
  }
  const rule = terms.termination.notice;
  if (rule.effectiveAfterReceipt !== null) return minDate(expiryAfter(notice.receivedOn, rule.effectiveAfterReceipt), dates.endsOn);
  if (rule.before === "none" || !rule.delay || !dates.effectiveOn) return minDate(notice.receivedOn, dates.endsOn);
  const delay = rule.delay;
  const dueDates = rule.before === "end" ? [dates.endsOn] : yearlyDueDates(dates.effectiveOn, dates.endsOn);
  return dueDates.find((due) => latestNoticeDay(addDays(due, 1), delay) >= notice.receivedOn) ?? dates.endsOn;
}

/**
 * A notice that no échéance respects any more: received after the last day it could be for the
 * last échéance (the convention's end), it ends nothing — the convention runs to its term. Null
 * when the notice is in time, or when its rule is not tied to an échéance.
 */
export function noticeTooLate(
  terms: ConventionTerms,
  dates: { effectiveOn: CalendarDate | null; endsOn: CalendarDate },
  notice: TerminationNotice,
): { dueOn: CalendarDate; latestOn: CalendarDate } | null {
  const rule = terms.termination.notice;
  if (notice.reason !== "notice" || rule.effectiveAfterReceipt !== null || rule.before === "none" || !rule.delay || !dates.effectiveOn) return null;
  const delay = rule.delay;
  const dueDates = rule.before === "end" ? [dates.endsOn] : yearlyDueDates(dates.effectiveOn, dates.endsOn);
  if (dueDates.some((due) => latestNoticeDay(addDays(due, 1), delay) >= notice.receivedOn)) return null;
  const last = dueDates[dueDates.length - 1];
  return { dueOn: last, latestOn: latestNoticeDay(addDays(last, 1), delay) };
}

/**
 * A breach of a data annex whose file says so [003 annexe art. 10]: the exchange is suspended at
 * once — the day of the formal notice — and the convention ends automatically at the delay
 * (terminationDate). Null when the exchange is not suspended.
 */
export function dataExchangeSuspendedOn(terms: ConventionTerms, notice: TerminationNotice): CalendarDate | null {
  return notice.reason === "breach" && terms.termination.breach?.suspendDataExchangeAtOnce ? notice.receivedOn : null;
}

/** An annex ends with its convention: on the parent's end (or termination) when that comes first. */
export const endWithParent = (annexEnd: CalendarDate, parentEnd: CalendarDate): CalendarDate => minDate(annexEnd, parentEnd);
