import { addDays, addMonths, type CalendarDate, frenchDate } from "../shared/calendarDate.js";
import type { SupportCaseFacts } from "./lifecycle.js";
import { lastDayOf } from "./periods.js";
import { citeTerm, type ProgrammeRules } from "./rules.js";
import type { AppointmentStatus } from "./vocabulary.js";

/**
 * Whether the date of an event is plausible against the case's own dates (domain.md §3): nothing
 * before the orientation, nothing a step needs before that step (an appointment before the entry),
 * nothing after the exit, nothing in the future where a fact is recorded, nothing planned past the
 * support's hard stop; a short job or training lasts less than the convention says.
 *
 * Pure: the server asks it inside the case's transaction, against the facts it has just locked,
 * and refuses with a 400 whose message states the rule with the date it compares to.
 */
export type DatedEvent =
  | { kind: "consent"; on: CalendarDate }
  | { kind: "diagnosis"; on: CalendarDate }
  | { kind: "barrier_observed"; on: CalendarDate }
  /** A barrier lifted, or admitted by the pair's joint decision: after it was observed. */
  | { kind: "barrier_resolved" | "barrier_admitted"; on: CalendarDate; observedOn: CalendarDate }
  | { kind: "entry"; on: CalendarDate }
  | { kind: "refusal"; on: CalendarDate }
  | { kind: "appointment"; on: CalendarDate; status: AppointmentStatus }
  | { kind: "renewal"; on: CalendarDate }
  /** `latestFact`: the last fact on the case's timeline (an appointment, a renewal…) that the exit may not precede. */
  | { kind: "exit"; on: CalendarDate; latestFact: { on: CalendarDate; label: string } | null }
  | { kind: "social_only_start"; on: CalendarDate }
  | { kind: "social_only_end"; on: CalendarDate }
  /** A short job or training, from `on` to `endsOn` (unknown yet: null). */
  | { kind: "short_activity"; on: CalendarDate; endsOn: CalendarDate | null };

export type DateEventKind = DatedEvent["kind"];

/** Which date of the event is wrong: its own (`on`), or the end of a short activity. */
export type DateProblem = { code: string; message: string; field: "on" | "endsOn" };

/** How each event is named at the start of a sentence (« Le consentement ne peut pas… »), and whether the name is feminine. */
export const DATE_EVENT_LABELS: Record<DateEventKind, { name: string; feminine: boolean }> = {
  consent: { name: "Le consentement", feminine: false },
  diagnosis: { name: "Le diagnostic", feminine: false },
  barrier_observed: { name: "Le constat d’un frein", feminine: false },
  barrier_resolved: { name: "La levée du frein", feminine: true },
  barrier_admitted: { name: "La décision commune d’admettre ce frein", feminine: true },
  entry: { name: "L’entrée en accompagnement", feminine: true },
  refusal: { name: "Le refus d’entrée", feminine: false },
  appointment: { name: "Un rendez-vous", feminine: false },
  renewal: { name: "Le renouvellement", feminine: false },
  exit: { name: "La sortie", feminine: true },
  social_only_start: { name: "Le début de l’accompagnement social exclusif", feminine: false },
  social_only_end: { name: "La reprise du parcours emploi", feminine: true },
  short_activity: { name: "Le début de l’activité", feminine: false },
};

type Floor = { code: string; on: CalendarDate | null; what: string };

/** The dates an event may not precede, in the order of the case's life (on a tie, the later one names the rule). */
function floorsOf(c: SupportCaseFacts, e: DatedEvent): Floor[] {
  const orientation: Floor = { code: "DATE_BEFORE_ORIENTATION", on: c.orientedOn, what: "l’orientation" };
  const entry: Floor = { code: "DATE_BEFORE_ENTRY", on: c.enteredOn, what: "l’entrée en accompagnement" };
  switch (e.kind) {
    case "consent":
    case "diagnosis":
    case "barrier_observed":
    case "refusal":
      return [orientation];
    case "barrier_resolved":
    case "barrier_admitted":
      return [orientation, { code: "DATE_BEFORE_OBSERVATION", on: e.observedOn, what: "le constat du frein" }];
    case "entry":
      // Eligibility needs the consent, and the entry the diagnosis: neither can come after it.
      return [
        orientation,
        { code: "DATE_BEFORE_CONSENT", on: c.consent?.givenOn ?? null, what: "le consentement de la personne" },
        { code: "DATE_BEFORE_DIAGNOSIS", on: c.diagnosis?.on ?? null, what: "le diagnostic" },
      ];
    case "appointment":
    case "renewal":
    case "social_only_start":
    case "short_activity":
      return [orientation, entry];
    case "exit":
      return [
        orientation,
        entry,
        ...(e.latestFact ? [{ code: "DATE_BEFORE_LAST_EVENT", on: e.latestFact.on, what: `le dernier fait enregistré, «\u00a0${e.latestFact.label}\u00a0»` }] : []),
      ];
    case "social_only_end":
      return [orientation, entry, { code: "DATE_BEFORE_SOCIAL_ONLY_START", on: c.socialOnlyStartedOn, what: "le début de l’accompagnement social exclusif" }];
  }
}

/** A planned appointment is ahead; everything else is a fact or a decision, recorded once it happened. */
const isFact = (e: DatedEvent) => !(e.kind === "appointment" && e.status === "planned");

/**
 * Every problem with the event's dates, most fundamental first (empty when the dates are
 * plausible). `rules` gives the convention's limit of a short activity.
 */
export function eventDateProblems(c: SupportCaseFacts, e: DatedEvent, ctx: { today: CalendarDate; rules?: ProgrammeRules }): DateProblem[] {
  const { name: label, feminine } = DATE_EVENT_LABELS[e.kind];
  const problems: DateProblem[] = [];
  // Of the dates the event precedes, the latest says best from when it may be dated.
  const floor = floorsOf(c, e).reduce<Floor | null>((best, f) => (f.on !== null && e.on < f.on && (!best || f.on >= best.on!) ? f : best), null);
  if (floor) problems.push({ code: floor.code, message: `${label} ne peut pas précéder ${floor.what} (${frenchDate(floor.on)}).`, field: "on" });

  if (c.exitedOn && e.on > c.exitedOn) {
    problems.push({ code: "DATE_AFTER_EXIT", message: `${label} ne peut pas suivre la sortie de l’accompagnement (${frenchDate(c.exitedOn)}).`, field: "on" });
  }
  if (isFact(e) && e.on > ctx.today) {
    const subject = e.kind === "appointment" ? "Un rendez-vous qui a eu lieu (ou manqué)" : label;
    const why = e.kind === "short_activity" ? " : un emploi court ou une formation courte s’enregistre une fois commencé" : "";
    problems.push({
      code: "DATE_IN_FUTURE",
      message: `${subject} ne peut pas être daté${feminine ? "e" : ""} après aujourd’hui (${frenchDate(ctx.today)})${why}.`,
      field: "on",
    });
  }
  if (e.kind === "appointment" && e.status === "planned") {
    if (e.on < ctx.today) {
      problems.push({
        code: "DATE_IN_PAST",
        message: `Un rendez-vous prévu ne peut pas être daté avant aujourd’hui (${frenchDate(ctx.today)}) : indiquez si la personne est venue.`,
        field: "on",
      });
    }
  }
  if ((e.kind === "appointment" || e.kind === "social_only_start") && c.maxEndsOn && e.on > c.maxEndsOn) {
    problems.push({
      code: "DATE_AFTER_SUPPORT_END",
      message: `${label} ne peut pas suivre la fin au plus tard de l’accompagnement (${frenchDate(c.maxEndsOn)}).`,
      field: "on",
    });
  }
  if (e.kind === "short_activity" && e.endsOn !== null) problems.push(...shortActivityProblems(e.on, e.endsOn, ctx.rules));
  return problems;
}

/**
 * The orientation opens the case under a convention: it is recorded once it happened, and not
 * before that convention applies (`convention` omitted: only the first rule).
 */
export function orientationDateProblems(
  orientedOn: CalendarDate,
  today: CalendarDate,
  convention?: { number: string; effectiveOn: CalendarDate | null },
): DateProblem[] {
  if (orientedOn > today) {
    return [{ code: "DATE_IN_FUTURE", message: `L’orientation ne peut pas être datée après aujourd’hui (${frenchDate(today)}).`, field: "on" }];
  }
  if (convention?.effectiveOn && orientedOn < convention.effectiveOn) {
    return [
      {
        code: "DATE_BEFORE_CONVENTION",
        message: `L’orientation ne peut pas précéder l’entrée en vigueur de la convention n° ${convention.number} (${frenchDate(convention.effectiveOn)}).`,
        field: "on",
      },
    ];
  }
  return [];
}

/** « Emploi court ou formation courte : durée inférieure à N mois » [002 art. 2 g)], from the convention's terms. */
function shortActivityProblems(startsOn: CalendarDate, endsOn: CalendarDate, rules: ProgrammeRules | undefined): DateProblem[] {
  if (endsOn < startsOn) {
    return [{ code: "DATE_BEFORE_START", message: `La fin de l’activité ne peut pas précéder son début (${frenchDate(startsOn)}).`, field: "endsOn" }];
  }
  const under = rules?.terms.shortActivityUnderMonths;
  if (!rules || typeof under !== "number") return [];
  // Less than N months: it ends at the latest the day before a full N-month period would.
  const latestEnd = addDays(lastDayOf(startsOn, under), -1);
  if (endsOn <= latestEnd) return [];
  return [
    {
      code: "SHORT_ACTIVITY_TOO_LONG",
      message: `Un emploi court ou une formation courte dure moins de ${under} mois ${citeTerm(rules, "shortActivityUnderMonths")} : commencée le ${frenchDate(startsOn)}, l’activité doit finir au plus tard le ${frenchDate(latestEnd)}.`,
      field: "endsOn",
    },
  ];
}

/**
 * A portfolio review is held while its convention applies, at the convention's cadence: not
 * dated further back than one cadence (the last review is recorded, not invented), nor prepared
 * more than one cadence ahead (its agenda is built from the cases as they stand today).
 */
export function reviewDateProblem(input: {
  heldOn: CalendarDate;
  today: CalendarDate;
  convention: { number: string; effectiveOn: CalendarDate | null; endsOn: CalendarDate };
  rules: ProgrammeRules;
}): DateProblem | null {
  const { heldOn, today, convention, rules } = input;
  if (!convention.effectiveOn || heldOn < convention.effectiveOn || heldOn > convention.endsOn) {
    const period = convention.effectiveOn
      ? `du ${frenchDate(convention.effectiveOn)} au ${frenchDate(convention.endsOn)}`
      : `qui n’est pas encore entrée en vigueur`;
    return {
      code: "REVIEW_DATE_OUTSIDE_CONVENTION",
      message: `Une revue de portefeuille se tient pendant l’application de la convention n° ${convention.number} (${period}) : le ${frenchDate(heldOn)} est en dehors.`,
      field: "on",
    };
  }
  const cadence = rules.terms.reviewCadenceMonths;
  const every = cadence === 1 ? "chaque mois" : `tous les ${cadence} mois`;
  const earliest = addMonths(today, -cadence);
  if (heldOn < earliest) {
    return {
      code: "REVIEW_DATE_TOO_OLD",
      message: `Les revues de portefeuille se tiennent ${every} ${citeTerm(rules, "reviewCadenceMonths")} : une revue passée s’enregistre au plus ${cadence} mois après, soit une date à partir du ${frenchDate(earliest)}.`,
      field: "on",
    };
  }
  const latest = addMonths(today, cadence);
  if (heldOn > latest) {
    return {
      code: "REVIEW_DATE_TOO_FAR_AHEAD",
      message: `Les revues de portefeuille se tiennent ${every} ${citeTerm(rules, "reviewCadenceMonths")} : une revue se prépare au plus ${cadence} mois à l’avance, soit une date jusqu’au ${frenchDate(latest)}.`,
      field: "on",
    };
  }
  return null;
}
