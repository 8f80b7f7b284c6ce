import { bookletMilestones } from "../../domain/pec/bookletMilestones.js";
import { termsInForce } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";

/**
 * (Re)writes the follow-up booklet's milestones of a PEC contract from its dates and the booklet
 * terms of its convention (ADR 0038). Called by the PEC commands inside their transaction after a
 * contract is created, renewed or ended:
 *
 * - the contract's end is the one the milestones were computed over or later (creation, renewal):
 *   each milestone's due date is computed over the contract's current first and last day; one
 *   nobody has answered yet moves to it (open if it falls within the contract, cancelled if after
 *   its end); an answered milestone stays as it was answered;
 * - the end is earlier (an early end) or the contract has ended: the dates are not recomputed over
 *   the shortened length (mid-term would move earlier); unanswered milestones due after its last
 *   day are cancelled.
 *
 * The last open milestone is flagged: its answers may propose the pre-exit meeting.
 */
export async function recomputeBookletMilestones(tx: Db, contractId: string): Promise<void> {
  const [contract] = await tx.query<{ convention_id: string; starts_on: string; ends_on: string; status: string; planned_ends_on: string | null }>(
    `SELECT c.convention_id, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.status, s.planned_ends_on::text AS planned_ends_on
       FROM pec_contracts c LEFT JOIN pec_booklet_schedules s ON s.contract_id = c.id WHERE c.id = $1`,
    [contractId],
  );
  if (!contract) return;
  const existing = await tx.query<{ id: string; position: number; due_on: string; status: string; answered: boolean }>(
    `SELECT m.id, m.position, m.due_on::text AS due_on, m.status,
            EXISTS (SELECT 1 FROM pec_booklet_answers a WHERE a.milestone_id = m.id) AS answered
       FROM pec_booklet_milestones m WHERE m.contract_id = $1 ORDER BY m.position`,
    [contractId],
  );
  const shortened = contract.planned_ends_on !== null && (contract.ends_on < contract.planned_ends_on || contract.status !== "active");

  if (shortened) {
    for (const row of existing) {
      if (!row.answered && row.status === "open" && row.due_on > contract.ends_on) {
        await tx.query("UPDATE pec_booklet_milestones SET status = 'cancelled', updated_at = now() WHERE id = $1", [row.id]);
      }
    }
  } else {
    const terms = await termsInForce(tx, contract.convention_id, contract.starts_on);
    const booklet = terms?.programmes.pec?.booklet;
    const computed = booklet ? bookletMilestones({ startsOn: contract.starts_on, endsOn: contract.ends_on }, booklet.milestones) : [];
    const byPosition = new Map(existing.map((m) => [m.position, m]));
    for (const m of computed) {
      if (byPosition.get(m.position)?.answered) continue;
      await tx.query(
        `INSERT INTO pec_booklet_milestones (contract_id, position, label, due_on, status) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (contract_id, position) DO UPDATE SET label = EXCLUDED.label, due_on = EXCLUDED.due_on, status = EXCLUDED.status, updated_at = now()`,
        [contractId, m.position, m.label, m.dueOn, m.withinContract ? "open" : "cancelled"],
      );
    }
    // Milestones the terms no longer have (or none at all): cancelled unless answered.
    for (const row of existing) {
      if (!row.answered && row.status === "open" && !computed.some((m) => m.position === row.position)) {
        await tx.query("UPDATE pec_booklet_milestones SET status = 'cancelled', updated_at = now() WHERE id = $1", [row.id]);
      }
    }
    await tx.query(
      `INSERT INTO pec_booklet_schedules (contract_id, planned_ends_on) VALUES ($1, $2)
       ON CONFLICT (contract_id) DO UPDATE SET planned_ends_on = EXCLUDED.planned_ends_on, updated_at = now()`,
      [contractId, contract.ends_on],
    );
  }
  await tx.query(
    `UPDATE pec_booklet_milestones m SET is_last = COALESCE(m.id = (SELECT l.id FROM pec_booklet_milestones l
        WHERE l.contract_id = $1 AND l.status = 'open' ORDER BY l.due_on DESC, l.position DESC LIMIT 1), false)
      WHERE m.contract_id = $1`,
    [contractId],
  );
}
