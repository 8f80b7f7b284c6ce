import type { Db } from "../platform/db.js";
import { conventionPartyOrganisationIds, conventionsEndingBetween, dataClausesOf } from "./conventionTerms.js";

/**
 * The destruction after a convention's end (domain.md §7, privacy/retention, ADR 0032): for each
 * convention that has ended (or ends up to `endingBy`) and whose data clause sets a delay after its
 * end, the day the destruction is due, the clause, and the conventions whose data it covers — the
 * convention itself, and the one it is the data annex of when that one sets no delay of its own
 * (the cases of Troyes run under the cooperation convention, its annex 003 art. 7 says when they go).
 */
export type DataDestruction = {
  conventionId: string;
  number: string;
  endsOn: string;
  dueOn: string;
  rule: string;
  coveredConventionIds: string[];
  partyOrganisationIds: string[];
};

export async function dataDestructionsEndingBy(db: Db, endingBy: string): Promise<DataDestruction[]> {
  const ended = await conventionsEndingBetween(db, null, endingBy);
  const result: DataDestruction[] = [];
  const withClause = new Set<string>();
  const clauses = new Map<string, { dueOn: string; rule: string }>();
  for (const c of ended) {
    const clauses0 = await dataClausesOf(db, c.id, c.endsOn);
    const destruction = clauses0?.obligations.find((o) => o.key === "destruction_after_end");
    if (destruction?.dueOn) {
      withClause.add(c.id);
      clauses.set(c.id, { dueOn: destruction.dueOn, rule: `${destruction.source} — ${destruction.label}` });
    }
  }
  for (const c of ended) {
    const clause = clauses.get(c.id);
    if (!clause) continue;
    const [parent] = await db.query<{ id: string }>(
      "SELECT p.id FROM conventions a JOIN conventions p ON p.number = a.annex_of WHERE a.id = $1 AND a.kind = 'data_exchange'",
      [c.id],
    );
    const covered = [c.id];
    if (parent && !withClause.has(parent.id)) covered.push(parent.id);
    result.push({
      conventionId: c.id,
      number: c.number,
      endsOn: c.endsOn,
      dueOn: clause.dueOn,
      rule: clause.rule,
      coveredConventionIds: covered,
      partyOrganisationIds: await conventionPartyOrganisationIds(db, c.id, c.endsOn),
    });
  }
  return result;
}
