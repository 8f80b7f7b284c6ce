import { AGENDA_REASON_LABELS, type AgendaReason } from "../../domain/review/agenda.js";
import { DECISION_LABELS, type DecisionKind } from "../../domain/review/decisions.js";
import type { ReviewItem } from "../../shared/contracts/review.js";
import type { Db } from "../platform/db.js";
import { exitTypeLabel } from "./readReview.js";
import type { ReviewHeading } from "./reviewHeading.js";
import type { ReviewRow } from "./reviewRepository.js";
import type { Minutes, MinutesDecision } from "./minutesPdf.js";

/** The case as the minutes name it: the person and their France Travail identifier, nothing more. */
const caseReference = (item: ReviewItem) => `${item.person} (${item.ftIdentifier})`;
const decisionText = (d: { kind: string; exitType: string | null }) =>
  `${DECISION_LABELS[d.kind as DecisionKind]}${d.exitType ? ` — ${exitTypeLabel(d.exitType)}` : ""}`;

/**
 * The decisions the minutes hold: every case's decision in force, whichever version of the review
 * took it. A reopening corrects some decisions; the others stand, so version 2's minutes must still
 * show them, each with the version it was taken in — and a corrected one says what it replaces.
 */
export function minutesDecisionsOf(agenda: { item: ReviewItem }[]): MinutesDecision[] {
  return agenda.flatMap(({ item }) => {
    if (!item.decision) return [];
    const previous = item.history.filter((h) => h.version < item.decision!.version).at(-1);
    return [
      {
        person: caseReference(item),
        decision: decisionText(item.decision),
        note: item.decision.note,
        version: item.decision.version,
        replaces: previous ? `${decisionText(previous)} (version ${previous.version})` : null,
      },
    ];
  });
}

/** Everything the minutes of this version say, read on the transaction that closes the review. */
export async function minutesOf(tx: Db, review: ReviewRow, heading: ReviewHeading, agenda: { item: ReviewItem }[]): Promise<Minutes> {
  // Who took part, as Tandem knows it: whoever prepared the review or recorded one of its decisions.
  const participants = await tx.query<{ name: string; organisation: string }>(
    `SELECT DISTINCT u.first_name || ' ' || u.last_name AS name, o.name AS organisation
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.id IN (SELECT decided_by FROM portfolio_review_decisions WHERE review_id = $1 UNION SELECT created_by FROM portfolio_reviews WHERE id = $1)
      ORDER BY organisation, name`,
    [review.id],
  );
  const franceTravail = heading.agencies.join(", ");
  const partners = heading.partners.join(", ") || "—";
  return {
    issuer: review.secretariat === "advisor" ? franceTravail : partners,
    conventionNumber: heading.conventionNumber,
    conventionTitle: heading.conventionTitle,
    sequence: review.sequence,
    cadence: heading.cadence,
    heldOn: review.held_on,
    place: franceTravail,
    agencies: heading.agencies,
    secretariat: review.secretariat === "advisor" ? "le conseiller France Travail" : "le travailleur social",
    participants,
    version: review.version,
    decisions: minutesDecisionsOf(agenda),
    undecided: agenda
      .filter(({ item }) => !item.decision)
      .map(({ item }) => ({ person: caseReference(item), reasons: item.reasons.map((r) => AGENDA_REASON_LABELS[r as AgendaReason] ?? r).join(", ") })),
    coChairs: [
      { side: "France Travail", organisation: franceTravail },
      { side: "les partenaires", organisation: partners },
    ],
  };
}
