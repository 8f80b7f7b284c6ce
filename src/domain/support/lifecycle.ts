import { addDays, type CalendarDate, frenchDate } from "../shared/calendarDate.js";
import { cadenceWording } from "../shared/cadence.js";
import { type BarrierFact, type ConsentFact, checkEligibility, describeGaps } from "./eligibility.js";
import { requirePeriodWithinConvention } from "./conventionEnd.js";
import { extendedPeriodEnd, lastDayOf, renewedPeriodEnd } from "./periods.js";
import { citeTerm, PROGRAMME_SOURCES, type ProgrammeRules, SupportRuleViolation } from "./rules.js";
import { requireSocialOnlyLeft, requireWithinSocialOnlyCap, type SocialOnlyEpisode, socialOnlyLastDay } from "./socialOnlyCap.js";
import type { AppointmentKind, AppointmentStatus, DiagnosisKind, ExitType, OrientationOrigin, SupportStatus } from "./vocabulary.js";

/**
 * The lifecycle of a global-support case as an explicit state machine (domain.md §3):
 *
 *   oriented ──diagnose──▶ diagnosed ──submit──▶ awaiting_entry ──enter (review)──▶ active ⇄ social_only
 *       │                     │ └──────enter (direct, where the terms allow)──────▶    │          │
 *       └──────refuse─────────┴──────────refuse──────────┘                             └──exit────┴──▶ exited
 *                                                                                    renew: active|social_only → same
 *
 * Each command is a pure function of the case's facts and the terms of its convention: it
 * returns what changes, or throws a SupportRuleViolation naming the rule and its source.
 * Whether an event's date is plausible against the case's dates (not before the orientation or
 * the entry, not in the future…) is eventDateRules.ts's to say, after the transition is allowed.
 */
export type SupportCaseFacts = {
  status: SupportStatus;
  origin: OrientationOrigin;
  orientedOn: CalendarDate;
  /** Registered at France Travail today. */
  registered: boolean;
  barriers: BarrierFact[];
  consent: ConsentFact | null;
  diagnosis: { kind: DiagnosisKind; on: CalendarDate; disagreement: boolean } | null;
  pair: { advisorId: string; socialWorkerId: string } | null;
  enteredOn: CalendarDate | null;
  /** Last day of the current period (initial or renewal). */
  periodEndsOn: CalendarDate | null;
  /** Last day the support may run: entry + the convention's maximum. */
  maxEndsOn: CalendarDate | null;
  renewalsUsed: number;
  socialOnlyStartedOn: CalendarDate | null;
  socialOnlyEndsBy: CalendarDate | null;
  firstSocialAppointmentOn: CalendarDate | null;
  firstProfessionalAppointmentOn: CalendarDate | null;
  exitedOn: CalendarDate | null;
  exitType: ExitType | null;
};

export type CaseChange = Partial<SupportCaseFacts>;

const BEFORE_ENTRY: SupportStatus[] = ["oriented", "diagnosed", "awaiting_entry"];
const RUNNING: SupportStatus[] = ["active", "social_only"];

const violation = (code: string, message: string, details?: Record<string, unknown>) => new SupportRuleViolation(code, message, details);

function refuseClosed(c: SupportCaseFacts) {
  if (c.status === "exited") throw violation("CASE_CLOSED", `Cet accompagnement est terminé (sortie le ${frenchDate(c.exitedOn!)}) : il ne peut plus être modifié.`);
  if (c.status === "refused") throw violation("CASE_CLOSED", "L’entrée de cette personne a été refusée : ce dossier est clos. Une nouvelle orientation est possible.");
}

function requireBeforeEntry(c: SupportCaseFacts, what: string) {
  refuseClosed(c);
  if (!BEFORE_ENTRY.includes(c.status)) {
    throw violation("CASE_ALREADY_ENTERED", `${what} : l’accompagnement a déjà commencé le ${frenchDate(c.enteredOn!)}.`);
  }
}

function requireRunning(c: SupportCaseFacts, what: string, code: string) {
  refuseClosed(c);
  if (!RUNNING.includes(c.status)) {
    throw violation(code, `${what} : l’accompagnement n’a pas commencé (aucune entrée n’est enregistrée).`);
  }
}

/** Consent may be recorded, or corrected, until the support starts. */
export function recordConsent(c: SupportCaseFacts, consent: ConsentFact): CaseChange {
  requireBeforeEntry(c, "Le consentement ne se modifie plus");
  return { consent };
}

export function recordBarrierChange(c: SupportCaseFacts): void {
  refuseClosed(c);
}

/**
 * A diagnosis is shared by the advisor and the social worker, or made by one professional on
 * reciprocal trust; for the orientation platforms (PF1, PF2) it is always on trust [002 art. 2 e)].
 */
export function recordDiagnosis(c: SupportCaseFacts, d: { kind: DiagnosisKind; on: CalendarDate; disagreement: boolean }): CaseChange {
  requireBeforeEntry(c, "Le diagnostic ne se modifie plus");
  if ((c.origin === "pf1" || c.origin === "pf2") && d.kind !== "trust") {
    throw violation(
      "DIAGNOSIS_TRUST_REQUIRED",
      `Une orientation par une plateforme (PF1 ou PF2) repose toujours sur un diagnostic sur la base de la confiance réciproque [${PROGRAMME_SOURCES.trustDiagnosisForPlatforms}].`,
    );
  }
  if (d.kind === "shared" && !c.pair) {
    throw violation(
      "DIAGNOSIS_SHARED_NEEDS_PAIR",
      `Un diagnostic partagé associe le conseiller et le travailleur social du binôme : choisissez d’abord le binôme [${PROGRAMME_SOURCES.sharedDiagnosis}].`,
    );
  }
  if (d.kind === "trust" && d.disagreement) {
    throw violation("DIAGNOSIS_TRUST_NO_DISAGREEMENT", "Un diagnostic sur la base de la confiance réciproque est posé par un seul professionnel : il ne peut pas constater de désaccord.");
  }
  return { diagnosis: d, status: c.status === "oriented" ? "diagnosed" : c.status };
}

/** One advisor and one social worker; the person keeps the same pair throughout [002 art. 3.1]. */
export function assignPair(
  c: SupportCaseFacts,
  pair: { advisor: { id: string; isAdvisor: boolean }; socialWorker: { id: string; isSocialWorker: boolean } },
): CaseChange {
  refuseClosed(c);
  if (!pair.advisor.isAdvisor) {
    throw violation("PAIR_NEEDS_ADVISOR", `Le binôme doit compter un conseiller France Travail [${PROGRAMME_SOURCES.pairComposition}].`);
  }
  if (!pair.socialWorker.isSocialWorker) {
    throw violation("PAIR_NEEDS_SOCIAL_WORKER", `Le binôme doit compter un travailleur social [${PROGRAMME_SOURCES.pairComposition}].`);
  }
  if (pair.advisor.id === pair.socialWorker.id) {
    throw violation("PAIR_SAME_PERSON", `Le binôme réunit deux professionnels distincts [${PROGRAMME_SOURCES.pairComposition}].`);
  }
  const unchanged = c.pair?.advisorId === pair.advisor.id && c.pair?.socialWorkerId === pair.socialWorker.id;
  if (c.enteredOn && !unchanged) {
    throw violation("PAIR_FIXED", `Le binôme ne change pas en cours d’accompagnement [${PROGRAMME_SOURCES.samePair}].`);
  }
  return { pair: { advisorId: pair.advisor.id, socialWorkerId: pair.socialWorker.id } };
}

/** What still stands between a case and its entry, in words; empty when it may enter. */
export function entryGaps(c: SupportCaseFacts): string[] {
  const gaps = checkEligibility(c).missing.map((g) => g.message);
  if (!c.diagnosis) gaps.push("Le diagnostic n’est pas posé.");
  if (!c.pair) gaps.push("Le binôme (conseiller et travailleur social) n’est pas choisi.");
  return gaps;
}

function requireReadyForEntry(c: SupportCaseFacts) {
  const eligibility = checkEligibility(c);
  if (!eligibility.eligible) throw violation("ENTRY_NOT_ELIGIBLE", describeGaps(eligibility.missing), { missing: eligibility.missing });
  if (!c.diagnosis) throw violation("ENTRY_WITHOUT_DIAGNOSIS", "Entrée impossible : le diagnostic n’est pas posé.");
  if (!c.pair) throw violation("ENTRY_WITHOUT_PAIR", `Entrée impossible : le binôme n’est pas choisi [${PROGRAMME_SOURCES.pairComposition}].`);
}

/** The pair puts the case on the agenda of the monthly review, which acts the entry. */
export function submitForEntry(c: SupportCaseFacts): CaseChange {
  requireBeforeEntry(c, "La demande d’entrée n’a plus d’objet");
  if (c.status === "awaiting_entry") throw violation("ENTRY_ALREADY_SUBMITTED", "L’entrée est déjà soumise à la revue de portefeuille.");
  requireReadyForEntry(c);
  return { status: "awaiting_entry" };
}

/** Who decided: the monthly portfolio review (with its reference), or the pair directly. */
export type DecisionSource = { kind: "review"; reviewId: string | null; reviewedOn: CalendarDate } | { kind: "pair" };

/**
 * Entry starts the first period. It is acted by the monthly review, or recorded directly by the
 * pair where the convention allows it and the pair agrees.
 */
export function enter(c: SupportCaseFacts, input: { on: CalendarDate; source: DecisionSource }, rules: ProgrammeRules): CaseChange {
  refuseClosed(c);
  if (RUNNING.includes(c.status)) throw violation("CASE_ALREADY_ENTERED", `L’accompagnement a déjà commencé le ${frenchDate(c.enteredOn!)}.`);
  if (c.status === "oriented" && !c.diagnosis) throw violation("ENTRY_WITHOUT_DIAGNOSIS", "Entrée impossible : le diagnostic n’est pas posé.");
  if (input.source.kind === "pair") {
    if (!rules.terms.directEntryAllowed) {
      throw violation(
        "ENTRY_REQUIRES_REVIEW",
        `Entrée directe impossible : les entrées sont actées en revue de portefeuille ${cadenceWording(rules.terms.reviewCadenceMonths)} ${citeTerm(rules, "directEntryAllowed")}.`,
      );
    }
    if (c.diagnosis?.disagreement) {
      throw violation(
        "ENTRY_DISAGREEMENT_TO_REVIEW",
        `Le binôme est en désaccord : l’entrée se décide en revue de portefeuille ${cadenceWording(rules.terms.reviewCadenceMonths)} [${PROGRAMME_SOURCES.disagreementToReview}].`,
      );
    }
  }
  requireReadyForEntry(c);
  const periodEndsOn = lastDayOf(input.on, rules.terms.initialMonths);
  requirePeriodWithinConvention(rules, periodEndsOn, `Entrée refusée : la première période dure ${rules.terms.initialMonths} mois ${citeTerm(rules, "initialMonths")}`);
  return {
    status: "active",
    enteredOn: input.on,
    periodEndsOn,
    maxEndsOn: lastDayOf(input.on, rules.terms.maxTotalMonths),
    renewalsUsed: 0,
  };
}

/** The review (or the pair) refuses the entry: the case is closed, a new orientation stays possible. */
export function refuseEntry(c: SupportCaseFacts): CaseChange {
  requireBeforeEntry(c, "L’entrée ne peut plus être refusée");
  return { status: "refused" };
}

/**
 * A renewal adds one period after the current one, within the number of renewals, the length
 * of a renewal and the hard cap that the convention sets; it is decided before the period ends.
 */
export function renew(c: SupportCaseFacts, input: { on: CalendarDate; months?: number }, rules: ProgrammeRules): CaseChange {
  requireRunning(c, "Renouvellement impossible", "RENEWAL_BEFORE_ENTRY");
  const t = rules.terms;
  requireWithinSocialOnlyCap(c, input.on, rules, "Renouvellement impossible");
  if (c.renewalsUsed >= t.renewalsAllowed) {
    const allowed = t.renewalsAllowed === 0 ? "n’autorise aucun renouvellement" : `n’autorise que ${t.renewalsAllowed} renouvellement${t.renewalsAllowed > 1 ? "s" : ""}`;
    throw violation(
      "RENEWAL_LIMIT_REACHED",
      `Renouvellement refusé : la convention ${allowed} de l’accompagnement global, et ${c.renewalsUsed === 1 ? "il a déjà eu lieu" : `${c.renewalsUsed} ont déjà eu lieu`} ${citeTerm(rules, "renewalsAllowed")}.`,
      { renewalsAllowed: t.renewalsAllowed, renewalsUsed: c.renewalsUsed },
    );
  }
  if (input.months !== undefined && input.months > t.monthsPerRenewal) {
    throw violation("RENEWAL_TOO_LONG", `Un renouvellement dure au plus ${t.monthsPerRenewal} mois ${citeTerm(rules, "monthsPerRenewal")}.`);
  }
  if (input.on > c.periodEndsOn!) {
    throw violation("RENEWAL_TOO_LATE", `Le renouvellement devait être décidé avant la fin de la période en cours (${frenchDate(c.periodEndsOn!)}) : décidez maintenant de la sortie.`);
  }
  if (c.periodEndsOn! >= c.maxEndsOn!) {
    throw violation("RENEWAL_BEYOND_MAXIMUM", `L’accompagnement atteint déjà sa durée maximale de ${t.maxTotalMonths} mois ${citeTerm(rules, "maxTotalMonths")}.`);
  }
  const renewed = renewedPeriodEnd({ enteredOn: c.enteredOn, periodEndsOn: c.periodEndsOn! }, input.months ?? t.monthsPerRenewal, c.maxEndsOn!);
  if (renewed.capped && input.months !== undefined) {
    throw violation(
      "RENEWAL_BEYOND_MAXIMUM",
      `Un renouvellement de ${input.months} mois dépasserait la durée maximale de ${t.maxTotalMonths} mois (fin au plus tard le ${frenchDate(c.maxEndsOn!)}) ${citeTerm(rules, "maxTotalMonths")}.`,
    );
  }
  const end = rules.conventionEndsOn;
  if (end && renewed.endsOn > end) {
    // The longest renewal that still ends within the convention, if any.
    let fits = 0;
    while (fits < (input.months ?? t.monthsPerRenewal) && extendedPeriodEnd(c.enteredOn, c.periodEndsOn!, fits + 1) <= end) fits++;
    const hint = fits > 0 ? ` Un renouvellement de ${fits} mois au plus y tient.` : "";
    requirePeriodWithinConvention(rules, renewed.endsOn, "Renouvellement refusé", hint);
  }
  return { renewalsUsed: c.renewalsUsed + 1, periodEndsOn: renewed.endsOn };
}

/** Exit with its type; only a support that has started can end (a refused entry closes the others). */
export function exit(c: SupportCaseFacts, input: { on: CalendarDate; type: ExitType }): CaseChange {
  refuseClosed(c);
  if (!RUNNING.includes(c.status)) {
    throw violation("EXIT_BEFORE_ENTRY", "Sortie impossible : l’accompagnement n’a jamais commencé. Pour une personne qui n’est pas entrée, enregistrez un refus d’entrée.");
  }
  return { status: "exited", exitedOn: input.on, exitType: input.type, socialOnlyEndsBy: c.status === "social_only" ? input.on : c.socialOnlyEndsBy };
}

/**
 * Social-only support (axe 3): the advisor proposes, the person consents, the three decide
 * together; job-search follow-up is paused for at most the convention's maximum, never past the
 * hard stop of the support.
 */
export function startSocialOnly(
  c: SupportCaseFacts,
  input: { on: CalendarDate; personConsents: boolean; jointDecision: boolean },
  rules: ProgrammeRules,
  /** The episodes already over in this support (a total cap counts them). */
  previous: SocialOnlyEpisode[] = [],
): CaseChange {
  requireRunning(c, "Accompagnement social exclusif impossible", "SOCIAL_ONLY_BEFORE_ENTRY");
  if (c.status === "social_only") throw violation("SOCIAL_ONLY_ALREADY", "La personne est déjà en accompagnement social exclusif.");
  if (rules.terms.maxSocialOnlyMonths <= 0) {
    throw violation("SOCIAL_ONLY_NOT_PROVIDED", `La convention ne prévoit pas d’accompagnement social exclusif ${citeTerm(rules, "maxSocialOnlyMonths")}.`);
  }
  if (!input.personConsents) {
    throw violation("SOCIAL_ONLY_CONSENT_REQUIRED", `L’accompagnement social exclusif suppose l’adhésion de la personne [${PROGRAMME_SOURCES.socialOnly}].`);
  }
  if (!input.jointDecision) {
    throw violation(
      "SOCIAL_ONLY_JOINT_DECISION_REQUIRED",
      `L’accompagnement social exclusif se décide en commun par la personne, le conseiller et le travailleur social [${PROGRAMME_SOURCES.socialOnly}].`,
    );
  }
  requireSocialOnlyLeft(input.on, rules, previous);
  return {
    status: "social_only",
    socialOnlyStartedOn: input.on,
    socialOnlyEndsBy: socialOnlyLastDay(input.on, rules, previous, c.maxEndsOn),
  };
}

/**
 * The person resumes the employment path; at the cap at the latest: the resumption is dated no
 * later than the day after the episode's last day (ADR 0024).
 */
export function endSocialOnly(c: SupportCaseFacts, input: { on: CalendarDate }, rules?: ProgrammeRules): CaseChange {
  refuseClosed(c);
  if (c.status !== "social_only") throw violation("SOCIAL_ONLY_NOT_RUNNING", "La personne n’est pas en accompagnement social exclusif.");
  if (rules && c.socialOnlyEndsBy) requireWithinSocialOnlyCap(c, addDays(input.on, -1), rules, "Reprise refusée à cette date");
  return { status: "active", socialOnlyEndsBy: input.on };
}

/**
 * Appointments belong to a started support. The first attended appointment of each kind meets
 * the target; a missed first appointment is reported to the orienter at once [002 art. 2 e)].
 */
export function recordAppointment(
  c: SupportCaseFacts,
  a: { kind: AppointmentKind; on: CalendarDate; status: AppointmentStatus },
): { change: CaseChange; missedFirst: boolean } {
  requireRunning(c, "Rendez-vous impossible", "APPOINTMENT_BEFORE_ENTRY");
  const firstHeld = a.kind === "social" ? c.firstSocialAppointmentOn : c.firstProfessionalAppointmentOn;
  const change: CaseChange = {};
  if (a.status === "attended" && (!firstHeld || a.on < firstHeld)) {
    if (a.kind === "social") change.firstSocialAppointmentOn = a.on;
    else change.firstProfessionalAppointmentOn = a.on;
  }
  return { change, missedFirst: a.status === "missed" && !firstHeld };
}

/** A short job or training is recorded; the support goes on, within its caps [002 art. 2 g)]. */
export function recordShortActivity(c: SupportCaseFacts, a: { startsOn: CalendarDate; endsOn: CalendarDate | null }): { beyondMaximum: boolean } {
  requireRunning(c, "Activité impossible à enregistrer", "ACTIVITY_BEFORE_ENTRY");
  return { beyondMaximum: a.endsOn !== null && a.endsOn > c.maxEndsOn! };
}
