import { COMMITMENT_STATUS_LABELS, type CommitmentStatus, commitmentStatus } from "../../domain/convention/commitments.js";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";
import { commitmentCalculators } from "./commitmentCalculators.js";
import { conventionObligations } from "./conventionQueries.js";
import { findConvention, listParties } from "./conventionRepository.js";
import { termsInForce } from "./conventionTerms.js";

/**
 * What the governance context reads of a convention (ADR 0034): its governance terms on a date,
 * its parties by side, the status of its commitments and its deadlines in a period. The governance
 * context never reads the convention tables itself.
 */
export type GovernanceConvention = {
  id: string;
  number: string;
  title: string;
  /** Null until every party has signed in Tandem: no meeting is owed before. */
  effectiveOn: string | null;
  /** Its last day: the end, or the day its termination takes effect. */
  endsOn: string;
  governance: ConventionTerms["governance"];
  /** The side of the party the file lists first: where an alternating secretariat starts. */
  firstSide: "france_travail" | "partner";
  commitments: { key: string; description: string }[];
  parties: { organisationId: string; code: string; name: string; side: "france_travail" | "partner"; validFrom: string | null; validTo: string | null }[];
};

export async function governanceConventionOf(db: Db, conventionId: string, onDate: string): Promise<GovernanceConvention | null> {
  const row = await findConvention(db, conventionId, onDate);
  if (!row) return null;
  const endsOn = row.terminated_on && row.terminated_on < row.ends_on ? row.terminated_on : row.ends_on;
  const terms = (await termsInForce(db, conventionId, onDate > endsOn ? endsOn : onDate)) ?? row.base_terms;
  // In the file's order (a successor takes the place of the party it succeeds).
  const rank = (code: string) => row.base_terms.parties.findIndex((p) => p.organisation === code || p.succession?.organisation === code);
  const parties = (await listParties(db, conventionId)).sort((a, b) => rank(a.code) - rank(b.code) || Number(Boolean(a.succeeds)) - Number(Boolean(b.succeeds)));
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    effectiveOn: row.signed_on ? row.effective_on : null,
    endsOn,
    governance: terms.governance,
    firstSide: row.base_terms.parties[0]?.side ?? "france_travail",
    commitments: terms.commitments.map((c) => ({ key: c.key, description: c.description })),
    parties: parties.map((p) => ({
      organisationId: p.organisation_id,
      code: p.code,
      name: p.name,
      side: p.side as "france_travail" | "partner",
      validFrom: p.valid_from,
      validTo: p.valid_to,
    })),
  };
}

export type CommitmentReading = { key: string; description: string; owner: string; target: number; value: number | null; status: CommitmentStatus; statusLabel: string };

/** Each commitment's status as the convention page computes it: Tandem's own figure, else the last value recorded. */
export async function commitmentStatusesOf(db: Db, conventionId: string, today: string): Promise<CommitmentReading[]> {
  const row = await findConvention(db, conventionId, today);
  if (!row) return [];
  const end = row.terminated_on && row.terminated_on < row.ends_on ? row.terminated_on : row.ends_on;
  const terms = (await termsInForce(db, conventionId, today > end ? end : today)) ?? row.base_terms;
  const values = await db.query<{ commitment_key: string; value: string }>(
    `SELECT DISTINCT ON (commitment_key) commitment_key, value::text FROM convention_commitment_values
      WHERE convention_id = $1 ORDER BY commitment_key, recorded_on DESC, recorded_at DESC`,
    [conventionId],
  );
  const recorded = new Map(values.map((v) => [v.commitment_key, Number(v.value)]));
  const readings: CommitmentReading[] = [];
  for (const c of terms.commitments) {
    const calculator = c.computedFrom ? commitmentCalculators[c.computedFrom] : undefined;
    const value = (calculator ? await calculator(db, conventionId, today) : null) ?? recorded.get(c.key) ?? null;
    const status = commitmentStatus(c, value, end < today);
    readings.push({ key: c.key, description: c.description, owner: c.owner, target: c.target, value, status, statusLabel: COMMITMENT_STATUS_LABELS[status] });
  }
  return readings;
}

/** The convention's own deadlines (end, notice, payments) from one day to another, from its calendar. */
export async function conventionDeadlinesBetween(db: Db, conventionId: string, from: string, to: string, today: string) {
  const row = await findConvention(db, conventionId, today);
  if (!row) return [];
  const { calendar } = await conventionObligations(db, conventionId, row);
  return calendar
    .filter((o) => (o.kind === "end" || o.kind === "notice" || o.kind === "payment") && o.dueOn >= from && o.dueOn <= to)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
    .map((o) => ({ dueOn: o.dueOn, label: o.label, kind: o.kind }));
}
