import { frenchDate, isCalendarDate, parisToday } from "../../domain/shared/calendarDate.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import type { Db } from "../platform/db.js";
import { runBookletCommand } from "./booklet.js";
import { bookletErrors } from "./bookletErrors.js";

/**
 * « Un entretien préalable à la sortie du contrat sera mis en place entre le conseiller référent,
 * le tuteur et le demandeur d'emploi » (000 art. 3.1 a) when the last booklet shows no job
 * prospect (ADR 0038): proposed by the answers, scheduled by an advisor of the contract on a day
 * from today to the contract's last day, recorded held on a day from the scheduled one to today.
 */
type PreExitRow = { proposed_on: string; scheduled_on: string | null; held_on: string | null };

async function lockPreExit(tx: Db, contractId: string): Promise<PreExitRow> {
  const [row] = await tx.query<PreExitRow>(
    "SELECT (proposed_at AT TIME ZONE 'Europe/Paris')::date::text AS proposed_on, scheduled_on::text AS scheduled_on, held_on::text AS held_on FROM pec_pre_exit_meetings WHERE contract_id = $1 FOR UPDATE",
    [contractId],
  );
  if (!row) throw bookletErrors.preExitNotProposed();
  if (row.held_on) throw bookletErrors.preExitHeld();
  return row;
}

export async function schedulePreExitMeeting(db: Db, ctx: RequestContext & { user: SessionUser }, contractId: string, scheduledOn: string, today = parisToday()): Promise<void> {
  await runBookletCommand(db, ctx, contractId, "pec.pre_exit.scheduled", async (tx, contract) => {
    await lockPreExit(tx, contractId);
    if (!isCalendarDate(scheduledOn)) throw bookletErrors.preExitDate("scheduledOn", "Date attendue au format AAAA-MM-JJ.");
    if (scheduledOn < today) throw bookletErrors.preExitDate("scheduledOn", "L’entretien se programme aujourd’hui ou un jour à venir.");
    if (scheduledOn > contract.ends_on)
      throw bookletErrors.preExitDate("scheduledOn", `L’entretien précède la sortie : au plus tard le dernier jour du contrat, le ${frenchDate(contract.ends_on)}.`);
    await tx.query("UPDATE pec_pre_exit_meetings SET scheduled_on = $2, scheduled_by = $3 WHERE contract_id = $1", [contractId, scheduledOn, ctx.user.id]);
    return { result: undefined, details: { scheduledOn } };
  });
}

export async function recordPreExitMeetingHeld(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  contractId: string,
  input: { heldOn: string; note?: string | null },
  today = parisToday(),
): Promise<void> {
  await runBookletCommand(db, ctx, contractId, "pec.pre_exit.held", async (tx) => {
    const row = await lockPreExit(tx, contractId);
    if (!row.scheduled_on) throw bookletErrors.preExitNotScheduled();
    if (!isCalendarDate(input.heldOn)) throw bookletErrors.preExitDate("heldOn", "Date attendue au format AAAA-MM-JJ.");
    if (input.heldOn > today) throw bookletErrors.preExitDate("heldOn", "Un entretien ne peut pas être enregistré tenu un jour à venir.");
    if (input.heldOn < row.proposed_on)
      throw bookletErrors.preExitDate("heldOn", `L’entretien ne peut pas précéder sa proposition, le ${frenchDate(row.proposed_on)}.`);
    await tx.query("UPDATE pec_pre_exit_meetings SET held_on = $2, held_by = $3, note = $4 WHERE contract_id = $1", [contractId, input.heldOn, ctx.user.id, input.note?.trim() || null]);
    return { result: undefined, details: { heldOn: input.heldOn } };
  });
}
