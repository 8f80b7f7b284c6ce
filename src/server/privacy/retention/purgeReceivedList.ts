import type { Counts } from "../../../domain/privacy/retention.js";
import { frenchDate } from "../../../domain/shared/calendarDate.js";
import { deleteListRowsBatch, dropPurgedListRows, nextListLinks, peopleOfOtherLists, type ReceivedList, unlinkListPeople } from "../../lists/receivedListPurge.js";
import { audit } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import { systemContext } from "../../platform/requestContext.js";
import { peopleInImmersions } from "../../immersion/immersionPeople.js";
import { peopleInPec } from "../../pec/pecRepository.js";
import { deletePeopleWithoutSupport } from "../../support/purgeSupportData.js";
import { holdUntil, peopleOnHold } from "./legalHolds.js";
import { addBatchCounts, journalRowFor, markDone, markRunning, markSuspended, recordPurged } from "./purgeJournal.js";

/** Of `ids`, the people a PEC (candidacy or contract) or an immersion concerns, asked of each context. */
async function peopleInProgrammes(tx: Db, ids: string[]): Promise<Set<string>> {
  const [pec, immersions] = [await peopleInPec(tx, ids), await peopleInImmersions(tx, ids)];
  return new Set([...pec, ...immersions]);
}

export const receivedListLabel = (list: Pick<ReceivedList, "fileName" | "receivedAt">) => `Liste reçue ${list.fileName} du ${frenchDate(list.receivedAt)}`;

/**
 * The purge of one received list on its due date (003 art. 4.2: « deux mois après réception »),
 * in batches of short transactions (ADR 0032): its links to people first — the people the list
 * created and nothing else justifies (no support case, no other list, no hold) are deleted, those
 * in support keep their record without the list's link — then its lines. Held people keep their
 * link and lines until their hold ends. Each batch adds its counts to the journal in its own
 * transaction; a stopped purge resumes where it was, a done one finds nothing more.
 */
export async function purgeReceivedList(db: Db, list: ReceivedList & { conventionNumber: string }, today: string, batchSize: number): Promise<Counts> {
  const journalId = await journalRowFor(
    db,
    { kind: "received_list", listImportId: list.id, conventionId: list.conventionId },
    { label: receivedListLabel(list), conventionNumber: list.conventionNumber, rule: list.purgeRule, dueOn: list.purgeOn, organisationIds: [list.organisationId] },
  );
  const until = await holdUntil(db, { listImportId: list.id, conventionIds: [list.conventionId] }, today);
  if (until) {
    await markSuspended(db, journalId, until);
    return {};
  }
  await markRunning(db, journalId);
  const removed: Counts = { listRows: 0, links: 0, people: 0 };
  const kept: Counts = { peopleInSupport: 0, peopleInOtherLists: 0, peopleOnHold: 0, peopleInProgrammes: 0 };
  const held = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const more: boolean = await db.transaction(async (tx) => {
      const links = await nextListLinks(tx, list.id, after, batchSize);
      if (links.length === 0) return false;
      after = links[links.length - 1].jobSeekerId;
      const onHold = await peopleOnHold(tx, links.map((l) => l.jobSeekerId), today);
      for (const id of onHold) held.add(id);
      const released = links.filter((l) => !onHold.has(l.jobSeekerId));
      const created = released.filter((l) => l.created).map((l) => l.jobSeekerId);
      const inOtherLists = await peopleOfOtherLists(tx, list.id, created);
      // A PEC or an immersion is a processing of its own that justifies the person, as a support case does.
      const inProgrammes = await peopleInProgrammes(tx, created.filter((id) => !inOtherLists.has(id)));
      const candidates = created.filter((id) => !inOtherLists.has(id) && !inProgrammes.has(id));
      const unlinked = await unlinkListPeople(tx, list.id, released.map((l) => l.jobSeekerId));
      const deleted = await deletePeopleWithoutSupport(tx, candidates);
      await recordPurged(tx, "job_seeker", deleted, today, journalId);
      const batch = { links: unlinked, people: deleted.length };
      await addBatchCounts(tx, journalId, batch);
      removed.links += unlinked;
      removed.people += deleted.length;
      kept.peopleOnHold += onHold.size;
      kept.peopleInOtherLists += inOtherLists.size;
      kept.peopleInProgrammes += inProgrammes.size;
      kept.peopleInSupport += candidates.length - deleted.length;
      return true;
    });
    if (!more) break;
  }
  // Line by line order from the first: a line another transaction held (SKIP LOCKED) waits for the next run.
  let afterLine = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const batch = await deleteListRowsBatch(tx, list.id, [...held], batchSize, afterLine);
      if (batch.deleted > 0) await addBatchCounts(tx, journalId, { listRows: batch.deleted });
      return batch;
    });
    removed.listRows += batch.deleted;
    if (batch.lastLine === null) break;
    afterLine = batch.lastLine;
  }
  await dropPurgedListRows(db, list.id);
  const removedSomething = removed.listRows + removed.links + removed.people > 0;
  if (removedSomething) {
    await db.transaction((tx) =>
      audit(tx, systemContext("retention-purge"), { action: "privacy.purge_done", subjectType: "list_import", subjectId: list.id, details: { journalId, ...removed } }),
    );
  }
  await markDone(db, journalId, kept, removedSomething);
  return removed;
}
