import { type CalendarDate, frenchDate } from "../shared/calendarDate.js";

/**
 * The rules of retention (ADR 0032), pure: when a legal hold is in force, what a purge's status
 * says in French, and the counts of a journal row as words. No personal data ever goes through
 * these: kinds and numbers only.
 */

/** A hold is in force from its first day to its last (inclusive). */
export const holdInForce = (hold: { startsOn: CalendarDate; endsOn: CalendarDate }, today: CalendarDate) => hold.startsOn <= today && today <= hold.endsOn;

export type HoldDateProblem = { field: "startsOn" | "endsOn"; message: string };

/** A hold's dates: its end after its start, and not already past (a hold that ended keeps nothing). */
export function holdDateProblems(startsOn: CalendarDate, endsOn: CalendarDate, today: CalendarDate): HoldDateProblem[] {
  const problems: HoldDateProblem[] = [];
  if (endsOn <= startsOn) problems.push({ field: "endsOn", message: `La fin de la conservation doit suivre son début (${frenchDate(startsOn)}).` });
  else if (endsOn < today) problems.push({ field: "endsOn", message: `La fin de la conservation ne peut pas être passée (aujourd’hui : ${frenchDate(today)}).` });
  return problems;
}

export type JournalStatus = "running" | "done" | "failed" | "suspended";

/** The status of a purge as the journal and the page say it. */
export function purgeStatusLabel(status: JournalStatus | "planned" | "late", opts: { holdUntil?: CalendarDate | null; dueOn?: CalendarDate; today?: CalendarDate } = {}): string {
  switch (status) {
    case "planned":
      return "à venir";
    case "late":
      return "en retard";
    case "running":
      return "en cours";
    case "done":
      return "faite";
    case "failed":
      return "en échec";
    case "suspended":
      return `suspendue (conservation légale jusqu’au ${frenchDate(opts.holdUntil)})`;
  }
}

/** A purge not yet done: late once its day has passed (the daily job runs it on its day). */
export const pendingStatus = (dueOn: CalendarDate, today: CalendarDate): "planned" | "late" => (dueOn < today ? "late" : "planned");

/** The kinds of rows a purge removes or keeps, in the journal's order. */
export const COUNT_LABELS: Record<string, string> = {
  listRows: "lignes de la liste",
  links: "liens entre la liste et une personne",
  people: "personnes supprimées",
  peopleCreated: "personnes créées par la liste (supprimées si rien d’autre ne les justifie)",
  cases: "accompagnements clos",
  notes: "notes",
  appointments: "rendez-vous",
  documents: "documents",
  barriers: "freins",
  events: "évènements du parcours",
  notifications: "notifications",
  reviewItems: "lignes d’ordre du jour de revue",
  reviewDecisions: "décisions de revue",
  reviewDocuments: "documents de revue (comptes rendus, tableaux)",
  peopleInSupport: "personnes gardées : entrées en accompagnement",
  peopleInOtherLists: "personnes gardées : sur une autre liste reçue",
  peopleOnHold: "personnes gardées : conservation légale",
  peopleInProgrammes: "personnes gardées : en parcours emploi compétences ou en immersion",
  peopleWithOtherCases: "personnes gardées : autre accompagnement",
  casesOnHold: "accompagnements gardés : conservation légale",
  openCases: "accompagnements encore ouverts, gardés jusqu’à leur sortie",
};

export type Counts = Record<string, number>;

/** Adds a batch's counts to the running totals (the kinds a batch did not touch stay). */
export function addCounts(total: Counts, batch: Counts): Counts {
  const sum: Counts = { ...total };
  for (const [k, v] of Object.entries(batch)) if (v) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

/** The counts as rows for the page: known kinds in order, zero left out. */
export function countRows(counts: Counts): { kind: string; label: string; count: number }[] {
  return Object.keys(COUNT_LABELS)
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => ({ kind: k, label: COUNT_LABELS[k], count: counts[k] }));
}
