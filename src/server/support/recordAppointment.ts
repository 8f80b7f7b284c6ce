import * as lifecycle from "../../domain/support/lifecycle.js";
import type { AppointmentKind, AppointmentStatus } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import { alertNoShow } from "./noShowAlert.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** An appointment of the support, planned or already held or missed. */
export async function recordAppointment(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { kind: AppointmentKind; scheduledOn: string; status: AppointmentStatus; note?: string },
  today?: string,
) {
  return runCaseCommand(deps.db, ctx, caseId, { audit: "support.appointment_recorded", today }, async ({ tx, row, facts, today, rules }) => {
    const { change, missedFirst } = applyRule(() => lifecycle.recordAppointment(facts, { kind: input.kind, on: input.scheduledOn, status: input.status }));
    // An appointment before the entry would meet (or miss) a first-appointment target it cannot belong to.
    requirePlausibleDates({ facts, today, rules }, { kind: "appointment", on: input.scheduledOn, status: input.status }, { on: "scheduledOn" });
    const [a] = await tx.query<{ id: string }>(
      "INSERT INTO support_appointments (case_id, kind, scheduled_on, status, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      [caseId, input.kind, input.scheduledOn, input.status, input.note ?? null, ctx.user?.id ?? null],
    );
    return {
      change,
      event: { kind: `appointment_${input.status}`, occurredOn: input.scheduledOn, details: { appointment: input.kind } },
      afterSave: async (tx) => {
        if (missedFirst) await alertNoShow(tx, deps, row, { kind: input.kind, on: input.scheduledOn }, ctx.user?.id ?? null);
      },
      result: { id: a.id },
    };
  });
}
