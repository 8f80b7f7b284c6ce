import * as lifecycle from "../../domain/support/lifecycle.js";
import type { AppointmentKind, AppointmentStatus } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import { alertNoShow } from "./noShowAlert.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";

/** A planned appointment took place, or the person did not come (a missed first one alerts at once). */
export async function updateAppointment(deps: SupportDeps, ctx: RequestContext, caseId: string, appointmentId: string, input: { status: AppointmentStatus }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.appointment_updated", today }, async ({ tx, row, facts, today, rules }) => {
    const [a] = await tx.query<{ kind: AppointmentKind; scheduled_on: string; status: AppointmentStatus }>(
      "SELECT kind, scheduled_on, status FROM support_appointments WHERE id = $1 AND case_id = $2",
      [appointmentId, caseId],
    );
    if (!a) throw supportErrors.appointmentNotFound();
    const { change, missedFirst } = applyRule(() => lifecycle.recordAppointment(facts, { kind: a.kind, on: a.scheduled_on, status: input.status }));
    // The appointment keeps its date: what may be wrong is the status given for that date.
    requirePlausibleDates({ facts, today, rules }, { kind: "appointment", on: a.scheduled_on, status: input.status }, { on: "status" });
    await tx.query("UPDATE support_appointments SET status = $2 WHERE id = $1", [appointmentId, input.status]);
    const alert = missedFirst && a.status !== "missed";
    return {
      change,
      event: { kind: `appointment_${input.status}`, occurredOn: a.scheduled_on, details: { appointment: a.kind } },
      afterSave: async (tx) => {
        if (alert) await alertNoShow(tx, deps, row, { kind: a.kind, on: a.scheduled_on }, ctx.user?.id ?? null);
      },
    };
  });
}
