import { parisToday } from "../../domain/shared/calendarDate.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import type { Db } from "../platform/db.js";
import { effectiveRoles } from "../platform/policies.js";
import { canReadCase } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { findCase } from "./supportRepository.js";

/**
 * An alert for one professional: in the app (notifications table) and by e-mail, in the
 * caller's transaction so that a rolled-back change alerts no one. `emailBody` keeps names out
 * of the e-mail when the in-app text carries them (the details stay behind the login). The cases
 * it is about are recorded with it (`caseId`, or `caseIds` for a digest): the list shows its
 * detail only while the user may read every one of them (see notifications.ts). The link to the
 * case is given only to a recipient whose session may open it (an RSA referent told of a no-show
 * by the convention may not read the case: a link would open on "Accès refusé").
 */
export async function notifyUser(
  tx: Db,
  deps: Pick<SupportDeps, "mailer" | "publicUrl">,
  n: {
    userId: string;
    kind: string;
    title: string;
    body: string;
    caseId?: string | null;
    caseIds?: string[];
    emailBody?: string;
    /** The e-mail's last sentence, for a notice not sent for global support (the directory's reminders); the global-support sentence otherwise. */
    emailClosing?: string;
  },
): Promise<void> {
  const caseIds = [...new Set([...(n.caseId ? [n.caseId] : []), ...(n.caseIds ?? [])])];
  const [user] = await tx.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[]; active: boolean }>(
    "SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles, u.active FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    [n.userId],
  );
  if (!user?.active) return;
  const link = n.caseId && (await mayOpenCase(tx, user, n.caseId)) ? `/accompagnements/${n.caseId}` : null;
  await tx.query("INSERT INTO notifications (user_id, kind, title, body, link, case_id, case_ids) VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[])", [
    n.userId,
    n.kind,
    n.title,
    n.body,
    link,
    n.caseId ?? null,
    caseIds,
  ]);
  await deps.mailer.enqueue(tx, {
    to: user.email,
    subject: `Tandem — ${n.title}`,
    text: `${n.emailBody ?? n.body}${link ? `\n\n${deps.publicUrl}${link}` : ""}\n\n${n.emailClosing ?? "Ce message vous est adressé par Tandem au titre de l’accompagnement global."}`,
  });
}

/** Whether the recipient's session would open the case page, asked of the policy as the page asks it. */
async function mayOpenCase(
  tx: Db,
  u: { id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] },
  caseId: string,
): Promise<boolean> {
  const row = await findCase(tx, caseId);
  if (!row) return false;
  const user = { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) };
  return canReadCase(tx, user, row, parisToday());
}
