import type { Counts } from "../../../domain/privacy/retention.js";
import { frenchDate } from "../../../domain/shared/calendarDate.js";
import type { DataDestruction } from "../../convention/dataDestructions.js";
import { peopleOfAnyList } from "../../lists/receivedListPurge.js";
import { audit } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import { systemContext } from "../../platform/requestContext.js";
import { forgetPurgedCases } from "../../review/forgetPurgedCases.js";
import { deleteClosedCases, deletePeopleWithoutSupport, nextClosedCases, openCasesUnder } from "../../support/purgeSupportData.js";
import { holdUntil, peopleOnHold } from "./legalHolds.js";
import { addBatchCounts, journalRowFor, markDone, markRunning, markSuspended, recordPurged } from "./purgeJournal.js";

export const conventionEndLabel = (d: Pick<DataDestruction, "number" | "endsOn">) => `Convention ${d.number} (fin le ${frenchDate(d.endsOn)})`;

/**
 * The destruction after a convention's end (domain.md §7, 000 art. 6, 003 art. 7), kept
 * conservative (ADR 0032): only the CLOSED cases (exited, refused) that ran under the conventions it
 * covers go, with their notes, appointments, documents, barriers, timeline, notifications and their
 * lines in the reviews; then their people, if nothing else justifies them — no other case (another
 * convention's), no received list (its own purge decides), no legal hold. Cases still open wait for
 * their exit (ADR 0024) and are counted as kept; the next daily run takes them once closed.
 */
export async function purgeConventionEnd(db: Db, d: DataDestruction, today: string, batchSize: number): Promise<Counts> {
  const journalId = await journalRowFor(
    db,
    { kind: "convention_end", conventionId: d.conventionId },
    { label: conventionEndLabel(d), conventionNumber: d.number, rule: d.rule, dueOn: d.dueOn, organisationIds: d.partyOrganisationIds },
  );
  const until = await holdUntil(db, { conventionIds: d.coveredConventionIds }, today);
  if (until) {
    await markSuspended(db, journalId, until);
    return {};
  }
  await markRunning(db, journalId);
  const removed: Counts = {};
  const kept: Counts = { casesOnHold: 0, peopleWithOtherCases: 0, peopleInOtherLists: 0 };
  let after: string | null = null;
  for (;;) {
    const batch: Counts | null = await db.transaction(async (tx) => {
      const cases = await nextClosedCases(tx, d.coveredConventionIds, after, batchSize);
      if (cases.length === 0) return null;
      after = cases[cases.length - 1].id;
      const onHold = await peopleOnHold(tx, [...new Set(cases.map((c) => c.jobSeekerId))], today);
      const going = cases.filter((c) => !onHold.has(c.jobSeekerId));
      kept.casesOnHold += cases.length - going.length;
      const caseIds = going.map((c) => c.id);
      const review = await forgetPurgedCases(tx, caseIds);
      const data = await deleteClosedCases(tx, caseIds);
      await recordPurged(tx, "support_case", caseIds, today, journalId);
      const people = [...new Set(going.map((c) => c.jobSeekerId))];
      const listed = await peopleOfAnyList(tx, people);
      const candidates = people.filter((id) => !listed.has(id));
      const deleted = await deletePeopleWithoutSupport(tx, candidates);
      await recordPurged(tx, "job_seeker", deleted, today, journalId);
      kept.peopleInOtherLists += listed.size;
      kept.peopleWithOtherCases += candidates.length - deleted.length;
      const counts: Counts = { ...data, ...review, people: deleted.length };
      await addBatchCounts(tx, journalId, counts);
      return counts;
    });
    if (!batch) break;
    for (const [k, v] of Object.entries(batch)) removed[k] = (removed[k] ?? 0) + v;
  }
  kept.openCases = await openCasesUnder(db, d.coveredConventionIds);
  const removedSomething = Object.values(removed).some((n) => n > 0);
  if (removedSomething) {
    await db.transaction((tx) =>
      audit(tx, systemContext("retention-purge"), { action: "privacy.purge_done", subjectType: "convention", subjectId: d.conventionId, details: { journalId, ...removed } }),
    );
  }
  await markDone(db, journalId, kept, removedSomething);
  return removed;
}
