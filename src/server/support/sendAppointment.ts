import { parisToday } from "../../domain/shared/calendarDate.js";
import { audit } from "../platform/audit.js";
import type { RequestContext } from "../platform/requestContext.js";
import { findAppointment, markInvited } from "./appointmentRepository.js";
import { convocationOf, enqueueInvitation } from "./appointmentConvocation.js";
import { appointmentLetterPdf } from "./appointmentLetterPdf.js";
import { runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { authorizeCase } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";

/**
 * E-mails the person their convocation with an iCalendar invitation: an act on the case, so the
 * pair's (whoever may read the case may print the letter); refused without an e-mail address (409).
 */
export async function sendAppointmentInvitation(deps: SupportDeps, ctx: RequestContext, caseId: string, appointmentId: string, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.appointment_invitation_sent", today }, async ({ tx, row, today }) => {
    const a = await findAppointment(tx, caseId, appointmentId, true);
    if (!a) throw supportErrors.appointmentNotFound();
    const convocation = await convocationOf(tx, row, a, today);
    await enqueueInvitation(tx, deps, convocation, "REQUEST", a.invited_at !== null);
    await markInvited(tx, appointmentId);
    return { change: {}, event: { kind: "appointment_invitation_sent", occurredOn: today, details: { appointment: a.kind, scheduledOn: a.scheduled_on } } };
  });
}

/** The convocation letter (PDF), authorised like the case page and audited as a read of the person's data. */
export async function appointmentLetter(deps: Pick<SupportDeps, "db">, ctx: RequestContext, caseId: string, appointmentId: string, today = parisToday()) {
  return deps.db.transaction(async (tx) => {
    const row = await findCase(tx, caseId);
    if (!row) throw supportErrors.caseNotFound();
    await authorizeCase(tx, ctx, row, "support.case.read", today);
    const a = await findAppointment(tx, caseId, appointmentId);
    if (!a) throw supportErrors.appointmentNotFound();
    const convocation = await convocationOf(tx, row, a, today);
    await audit(tx, ctx, { action: "support.appointment_letter", subjectType: "support_case", subjectId: caseId, details: { appointmentId } });
    return { pdf: await appointmentLetterPdf(convocation, today), on: a.scheduled_on };
  });
}
