import { appointmentDiff, type AppointmentValues } from "../../domain/support/appointments.js";
import * as lifecycle from "../../domain/support/lifecycle.js";
import { appointmentModalityIssues, type UpdateAppointmentRequest } from "../../shared/contracts/support.js";
import type { RequestContext } from "../platform/requestContext.js";
import { findAppointment, firstAppointmentsChange, insertAppointmentChange, saveAppointment, valuesOf } from "./appointmentRepository.js";
import { enqueueInvitation, gatherConvocation, notSendable } from "./appointmentConvocation.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import { alertNoShow } from "./noShowAlert.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";

/**
 * A planned appointment took place, or the person did not come (a missed first one alerts at
 * once); or what was recorded is corrected (date, time, place or modality, kind, presence). Every
 * change keeps the previous values in the appointment's history and on the timeline; the dates
 * are checked again by the domain rules, and the first appointments recomputed. A person who was
 * sent the invitation is sent its update (same UID, higher SEQUENCE).
 */
export async function updateAppointment(deps: SupportDeps, ctx: RequestContext, caseId: string, appointmentId: string, input: UpdateAppointmentRequest, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.appointment_updated", today }, async ({ tx, row, facts, today, rules }) => {
    const a = await findAppointment(tx, caseId, appointmentId, true);
    if (!a) throw supportErrors.appointmentNotFound();
    if (a.cancelled_on) throw supportErrors.appointmentCancelled();
    const before = valuesOf(a);
    const after: AppointmentValues = { ...before };
    for (const [field, value] of Object.entries(input) as [keyof AppointmentValues, never][]) if (value !== undefined) after[field] = value;
    // Only what the modality uses is kept: no stale place on a phone call.
    if (after.modality !== "in_person") after.place = null;
    if (after.modality !== "video") after.videoLink = null;
    const incomplete = appointmentModalityIssues(after);
    if (incomplete.length > 0) throw supportErrors.appointmentModality(incomplete);

    const diff = appointmentDiff(before, after);
    const changed = Object.keys(diff.after);
    if (changed.length === 0) return { change: {}, event: null };
    const { missedFirst } = applyRule(() => lifecycle.recordAppointment(facts, { kind: after.kind, on: after.scheduledOn, status: after.status }));
    if (changed.includes("scheduledOn") || changed.includes("status")) {
      requirePlausibleDates({ facts, today, rules }, { kind: "appointment", on: after.scheduledOn, status: after.status }, { on: changed.includes("scheduledOn") ? "scheduledOn" : "status" });
    }
    // Saying whether the person came to a planned appointment is not a correction: it is what happened.
    const presence = changed.length === 1 && changed[0] === "status" && before.status === "planned";
    await saveAppointment(tx, appointmentId, after, { bumpSequence: !presence });
    await insertAppointmentChange(tx, { appointmentId, kind: presence ? "presence" : "correction", before: diff.before, after: diff.after, changedBy: ctx.user?.id ?? null });
    const alert = missedFirst && after.status === "missed" && before.status !== "missed";
    const saved = (await findAppointment(tx, caseId, appointmentId))!;
    const resend = !presence && a.invited_at !== null && notSendable(saved, today) === null;
    return {
      change: await firstAppointmentsChange(tx, caseId),
      event: presence
        ? { kind: `appointment_${after.status}`, occurredOn: after.scheduledOn, details: { appointment: after.kind } }
        : { kind: "appointment_corrected", occurredOn: today, details: { appointment: after.kind, scheduledOn: before.scheduledOn, before: diff.before, after: diff.after } },
      afterSave: async (tx) => {
        if (alert) await alertNoShow(tx, deps, row, { kind: after.kind, on: after.scheduledOn }, ctx.user?.id ?? null);
        if (resend) {
          const convocation = await gatherConvocation(tx, row, saved);
          // The person keeps the invitation they have if they no longer have an address to receive its update.
          if (convocation.person.email) await enqueueInvitation(tx, deps, convocation, "REQUEST", true);
        }
      },
    };
  });
}
