import { SLOT_STATE_LABELS, type SlotState, slotState } from "../../domain/governance/meetingSlots.js";
import type { Db } from "../platform/db.js";

export type GovernanceCalendarState = { state: SlotState; stateLabel: string; meetingId: string | null };

/**
 * What the convention's obligations calendar shows of governance (ADR 0034): for an obligation
 * `governance:<instance>:<jour>` — the key the calendar and the due slots share, a slot being known
 * by its last day — whether its meeting is held (minutes adopted), scheduled, overdue or still to
 * schedule. Governance's published reading for the convention context: it reads only the meetings
 * table and imports nothing of the convention's, so the two contexts read each other through one
 * file each (this one, convention/governanceReadings.ts) and no module cycle forms. The caller
 * authorises (`governance.read`) before it shows the state.
 */
export async function governanceCalendarReader(db: Db, conventionId: string, today: string): Promise<(obligationKey: string, dueOn: string) => GovernanceCalendarState> {
  const meetings = await db.query<{ id: string; key: string; minutes_adopted_on: string | null }>(
    `SELECT id, 'governance:' || body_key || ':' || to_char(slot_due_on, 'YYYY-MM-DD') AS key, to_char(minutes_adopted_on, 'YYYY-MM-DD') AS minutes_adopted_on
       FROM governance_meetings WHERE convention_id = $1 ORDER BY held_on, held_at`,
    [conventionId],
  );
  // A slot has one meeting (the slot is taken once); the latest would win if history held two.
  const byKey = new Map(meetings.map((m) => [m.key, m]));
  return (obligationKey, dueOn) => {
    const meeting = byKey.get(obligationKey);
    const state = slotState({ dueOn }, meeting ? { minutesAdoptedOn: meeting.minutes_adopted_on } : null, today);
    return { state, stateLabel: SLOT_STATE_LABELS[state], meetingId: meeting?.id ?? null };
  };
}

/**
 * The governance obligations of a convention whose meeting has taken place by `today` (its date is
 * past or today, or its minutes are adopted): the convention's deadline alerts skip them (a steering
 * committee already held is not announced as due). Keys as the calendar's (`governance:<instance>:<jour>`).
 */
export async function governanceSlotsHeld(db: Db, conventionId: string, today: string): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `SELECT 'governance:' || body_key || ':' || to_char(slot_due_on, 'YYYY-MM-DD') AS key
       FROM governance_meetings WHERE convention_id = $1 AND (held_on <= $2::date OR minutes_adopted_on IS NOT NULL)`,
    [conventionId, today],
  );
  return new Set(rows.map((r) => r.key));
}
