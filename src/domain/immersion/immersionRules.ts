import type { CalendarDelay } from "../../shared/contracts/conventionFile.js";
import { IMMERSION_OBJECT_LABELS, IMMERSION_OBJECTS, type ImmersionObject } from "../../shared/contracts/conventionFile.js";
import { expiryAfter, periodLastDay } from "../convention/delays.js";
import { addDays, addMonths, type CalendarDate, daysBetween, frenchDate, isCalendarDate, maxDate, minDate } from "../shared/calendarDate.js";

/**
 * The rules of a PMSMP immersion (« période de mise en situation en milieu professionnel »),
 * pure: what the convention's terms allow (its objects, its hosts), what the host may offer (its
 * trades), and what the Code du travail says of its length (ADR 0036). Every refusal has a stable
 * code, the field it concerns and the rule cited in French.
 */
export type ImmersionRefusal = { code: string; path: string; message: string };

/** The law's limits, cited where they refuse (Code du travail, art. D5135-3). */
export const PMSMP_LAW = {
  /** « conclue pour une durée ne pouvant excéder un mois de date à date » */
  maxLength: { value: 1, unit: "months" } as CalendarDelay,
  /** « au plus deux conventions … dans la même structure d’accueil » over twelve consecutive months… */
  maxPerHostPerYear: 2,
  /** « … sans que la durée totale de ces conventions, renouvellements compris, n’excède soixante jours sur la même période » */
  maxDaysPerHostPerYear: 60,
  source: "Code du travail, art. D5135-3",
} as const;

export type ImmersionDraft = {
  /** The objects chosen: exactly one is allowed. */
  objects: readonly string[];
  romeCode: string;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  weeklyHours: number;
};

export type ImmersionFacts = {
  /** The convention's immersion terms: the objects it allows and the article they come from. */
  terms: { objects: readonly ImmersionObject[]; source: string };
  /** The trades (codes ROME) the host declared it exercises. */
  hostTrades: readonly string[];
  /** The convention's period: an immersion lies inside it. */
  convention: { number: string; effectiveOn: CalendarDate; endsOn: CalendarDate };
  /** The person's other immersions with the same host (for the twelve-month limits). */
  otherImmersionsWithHost: readonly { startsOn: CalendarDate; endsOn: CalendarDate }[];
};

const refusal = (code: string, path: string, message: string): ImmersionRefusal => ({ code, path, message });

/** Days of an immersion, both ends counted. */
export const immersionDays = (i: { startsOn: CalendarDate; endsOn: CalendarDate }) => daysBetween(i.startsOn, i.endsOn) + 1;

/** Every refusal of a draft against its facts; an empty list means it may be recorded. */
export function immersionRefusals(draft: ImmersionDraft, facts: ImmersionFacts): ImmersionRefusal[] {
  const out: ImmersionRefusal[] = [];
  // Exactly one object (000 art. 3.1 b : « impérativement un seul des trois objets » ; C. trav. L5135-1).
  if (draft.objects.length !== 1) {
    out.push(
      refusal(
        draft.objects.length === 0 ? "IMMERSION_OBJECT_REQUIRED" : "IMMERSION_ONE_OBJECT",
        "object",
        `Une immersion a impérativement un seul des trois objets : découvrir un métier ou un secteur d’activité, confirmer un projet professionnel ou initier une démarche de recrutement (${facts.terms.source} ; code du travail, art. L5135-1).`,
      ),
    );
  } else {
    const object = draft.objects[0];
    if (!(IMMERSION_OBJECTS as readonly string[]).includes(object) || !facts.terms.objects.includes(object as ImmersionObject)) {
      const allowed = facts.terms.objects.map((o) => `« ${IMMERSION_OBJECT_LABELS[o]} »`).join(", ");
      out.push(refusal("IMMERSION_OBJECT_NOT_IN_TERMS", "object", `La convention ${facts.convention.number} ne prévoit pas cet objet ; objets prévus : ${allowed} (${facts.terms.source}).`));
    }
  }
  // Within the host's trades (000 art. 3.1 b : « dans la limite des métiers et compétences exercés au sein de celle-ci »).
  if (!facts.hostTrades.includes(draft.romeCode)) {
    out.push(
      refusal(
        "IMMERSION_TRADE_NOT_HOSTED",
        "romeCode",
        `Ce métier n’est pas parmi ceux que la structure d’accueil a déclaré exercer : une immersion s’y fait dans la limite des métiers et compétences exercés en son sein (${facts.terms.source}).`,
      ),
    );
  }
  if (!(draft.weeklyHours > 0 && draft.weeklyHours <= 48)) {
    out.push(refusal("IMMERSION_WEEKLY_HOURS", "weeklyHours", "La durée hebdomadaire de présence est comprise entre 0,5 et 48 heures."));
  }
  if (!isCalendarDate(draft.startsOn)) return [...out, refusal("IMMERSION_DATE_INVALID", "startsOn", "Date de début impossible.")];
  if (!isCalendarDate(draft.endsOn)) return [...out, refusal("IMMERSION_DATE_INVALID", "endsOn", "Date de fin impossible.")];
  if (draft.endsOn < draft.startsOn) {
    out.push(refusal("IMMERSION_DATES_ORDER", "endsOn", "La date de fin ne peut pas précéder la date de début."));
    return out;
  }
  if (draft.startsOn < facts.convention.effectiveOn || draft.endsOn > facts.convention.endsOn) {
    out.push(
      refusal(
        "IMMERSION_OUTSIDE_CONVENTION",
        draft.startsOn < facts.convention.effectiveOn ? "startsOn" : "endsOn",
        `L’immersion doit se tenir pendant la convention ${facts.convention.number}, du ${frenchDate(facts.convention.effectiveOn)} au ${frenchDate(facts.convention.endsOn)}.`,
      ),
    );
  }
  const lastDay = periodLastDay(draft.startsOn, PMSMP_LAW.maxLength);
  if (draft.endsOn > lastDay) {
    out.push(
      refusal(
        "IMMERSION_TOO_LONG",
        "endsOn",
        `Une immersion dure au plus un mois de date à date : commencée le ${frenchDate(draft.startsOn)}, elle finit au plus tard le ${frenchDate(lastDay)} (${PMSMP_LAW.source}).`,
      ),
    );
  }
  // Twelve consecutive months with the same host: at most two immersions, sixty days in all.
  const windowStart = addDays(addMonths(draft.endsOn, -12), 1);
  const recent = facts.otherImmersionsWithHost.filter((o) => o.endsOn >= windowStart && o.startsOn <= draft.endsOn);
  if (recent.length + 1 > PMSMP_LAW.maxPerHostPerYear) {
    out.push(
      refusal(
        "IMMERSION_HOST_YEAR_COUNT",
        "hostOrganisationId",
        `Cette personne a déjà fait ${recent.length} immersions dans cette structure sur les douze derniers mois : deux au plus (${PMSMP_LAW.source}).`,
      ),
    );
  } else {
    const days = recent.reduce((n, o) => n + immersionDays({ startsOn: maxDate(o.startsOn, windowStart), endsOn: minDate(o.endsOn, draft.endsOn) }), 0) + immersionDays(draft);
    if (days > PMSMP_LAW.maxDaysPerHostPerYear) {
      out.push(
        refusal(
          "IMMERSION_HOST_YEAR_DAYS",
          "endsOn",
          `Les immersions de cette personne dans cette structure dépasseraient soixante jours sur douze mois (${days} jours) (${PMSMP_LAW.source}).`,
        ),
      );
    }
  }
  return out;
}

/** The day the assessment is due: `assessmentWithin` after the immersion's last day, as the convention's terms say. */
export const assessmentDueOn = (endsOn: CalendarDate, assessmentWithin: CalendarDelay): CalendarDate => expiryAfter(endsOn, assessmentWithin);

export const IMMERSION_FOLLOW_UPS = ["recruitment", "training", "other_immersion", "none"] as const;
export type ImmersionFollowUp = (typeof IMMERSION_FOLLOW_UPS)[number];
export const IMMERSION_FOLLOW_UP_LABELS: Record<ImmersionFollowUp, string> = {
  recruitment: "Recrutement",
  training: "Formation",
  other_immersion: "Autre immersion",
  none: "Aucune suite",
};
export const OBJECTIVE_REACHED = ["yes", "partly", "no"] as const;
export type ObjectiveReached = (typeof OBJECTIVE_REACHED)[number];
export const OBJECTIVE_REACHED_LABELS: Record<ObjectiveReached, string> = { yes: "Oui", partly: "En partie", no: "Non" };

/** Refusals of an assessment: not before the immersion has started, not in the future. */
export function assessmentRefusals(a: { assessedOn: CalendarDate }, immersion: { startsOn: CalendarDate }, today: CalendarDate): ImmersionRefusal[] {
  if (!isCalendarDate(a.assessedOn)) return [refusal("IMMERSION_DATE_INVALID", "assessedOn", "Date du bilan impossible.")];
  if (a.assessedOn < immersion.startsOn) return [refusal("IMMERSION_ASSESSMENT_BEFORE_START", "assessedOn", "Le bilan ne peut pas précéder le début de l’immersion.")];
  if (a.assessedOn > today) return [refusal("IMMERSION_ASSESSMENT_IN_FUTURE", "assessedOn", "Le bilan ne peut pas être daté d’un jour à venir.")];
  return [];
}
