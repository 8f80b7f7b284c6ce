import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { cancelAppointment as saveCancellation, findAppointment, firstAppointmentsChange, insertAppointmentChange, valuesOf } from "./appointmentRepository.js";
import { enqueueInvitation, gatherConvocation } from "./appointmentConvocation.js";
import { runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";

/**
 * An appointment is cancelled, with why: it stays on the page and in the history, but counts for
 * nothing any more (a cancelled first appointment no longer meets the first-appointment deadline,
 * which is recomputed). A person who was sent the invitation is sent its cancellation.
 */
export async function cancelAppointment(deps: SupportDeps, ctx: RequestContext, caseId: string, appointmentId: string, input: { reason: string }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.appointment_cancelled", today }, async ({ tx, row, facts, today }) => {
    const a = await findAppointment(tx, caseId, appointmentId, true);
    if (!a) throw supportErrors.appointmentNotFound();
    if (a.cancelled_on) throw supportErrors.appointmentCancelled();
    // A closed case is not changed any more, a cancellation included.
    applyRule(() => lifecycle.recordAppointment(facts, { kind: a.kind, on: a.scheduled_on, status: a.status }));
    await saveCancellation(tx, appointmentId, today, input.reason);
    await insertAppointmentChange(tx, { appointmentId, kind: "cancellation", before: valuesOf(a), after: {}, reason: input.reason, changedBy: ctx.user?.id ?? null });
    const invited = a.invited_at !== null;
    return {
      change: await firstAppointmentsChange(tx, caseId),
      event: { kind: "appointment_cancelled", occurredOn: today, details: { appointment: a.kind, scheduledOn: a.scheduled_on, reason: input.reason } },
      afterSave: async (tx) => {
        if (!invited) return;
        const convocation = await gatherConvocation(tx, row, (await findAppointment(tx, caseId, appointmentId))!);
        if (convocation.person.email) await enqueueInvitation(tx, deps, convocation, "CANCEL");
      },
    };
  });
}
