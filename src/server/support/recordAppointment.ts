import * as lifecycle from "../../domain/support/lifecycle.js";
import { requireWithinSocialOnlyCap } from "../../domain/support/socialOnlyCap.js";
import type { AppointmentModality } from "../../domain/support/appointments.js";
import type { AppointmentKind, AppointmentStatus } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { firstAppointmentsChange, insertAppointment } from "./appointmentRepository.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import { alertNoShow } from "./noShowAlert.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

export type AppointmentInput = {
  kind: AppointmentKind;
  scheduledOn: string;
  status: AppointmentStatus;
  /** "HH:MM", Paris time. */
  scheduledTime?: string | null;
  modality?: AppointmentModality | null;
  place?: string | null;
  videoLink?: string | null;
  note?: string;
};

/** An appointment of the support, planned (with its time and place or modality) or already held or missed. */
export async function recordAppointment(deps: SupportDeps, ctx: RequestContext, caseId: string, input: AppointmentInput, today?: string) {
  return runCaseCommand(deps.db, ctx, caseId, { audit: "support.appointment_recorded", today }, async ({ tx, row, facts, today, rules }) => {
    const { missedFirst } = applyRule(() => lifecycle.recordAppointment(facts, { kind: input.kind, on: input.scheduledOn, status: input.status }));
    // Past the social-only cap the case resumes or exits: no appointment held (or missed) in the meantime.
    if (input.status !== "planned") applyRule(() => requireWithinSocialOnlyCap(facts, input.scheduledOn, rules, "Rendez-vous impossible à enregistrer"));
    // An appointment before the entry would meet (or miss) a first-appointment target it cannot belong to.
    requirePlausibleDates({ facts, today, rules }, { kind: "appointment", on: input.scheduledOn, status: input.status }, { on: "scheduledOn" });
    const modality = input.modality ?? null;
    const id = await insertAppointment(tx, caseId, {
      kind: input.kind,
      scheduledOn: input.scheduledOn,
      scheduledTime: input.scheduledTime ?? null,
      modality,
      // Only what the modality uses is kept: no stale place on a phone call.
      place: modality === "in_person" ? (input.place ?? null) : null,
      videoLink: modality === "video" ? (input.videoLink ?? null) : null,
      status: input.status,
      note: input.note ?? null,
      recordedBy: ctx.user?.id ?? null,
    });
    return {
      change: await firstAppointmentsChange(tx, caseId),
      event: { kind: `appointment_${input.status}`, occurredOn: input.scheduledOn, details: { appointment: input.kind } },
      afterSave: async (tx) => {
        if (missedFirst) await alertNoShow(tx, deps, row, { kind: input.kind, on: input.scheduledOn }, ctx.user?.id ?? null);
      },
      result: { id },
    };
  });
}
