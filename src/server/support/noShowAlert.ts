import { frenchDate } from "../../domain/shared/calendarDate.js";
import { communeInReachSql, conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { notifyUser } from "./notify.js";
import type { SupportDeps } from "./supportDeps.js";
import type { CaseRow } from "./supportRepository.js";

/**
 * A missed first appointment is told at once to the orienter and, for an RSA beneficiary, to the
 * global-support referent of the département (or of the city acting for it) serving the person's
 * commune [002 art. 2 e)].
 */
export async function alertNoShow(tx: Db, deps: SupportDeps, row: CaseRow, a: { kind: "social" | "professional"; on: string }, recordedBy: string | null) {
  const [person] = await tx.query<{ name: string }>("SELECT first_name || ' ' || last_name AS name FROM job_seekers WHERE id = $1", [row.job_seeker_id]);
  const recipients = new Set<string>([row.oriented_by]);
  if (row.benefits.includes("RSA")) {
    const parties = await conventionPartyOrganisationIds(tx, row.convention_id, a.on);
    const referents = await tx.query<{ user_id: string }>(
      `SELECT r.user_id FROM support_referents r
        WHERE r.organisation_id = ANY($1::uuid[]) AND ${communeInReachSql("$2", "r.organisation_id", "$3::date")}`,
      [parties, row.commune_insee, a.on],
    );
    for (const r of referents) recipients.add(r.user_id);
  }
  recipients.delete(recordedBy ?? "");
  const what = a.kind === "social" ? "premier rendez-vous social" : "premier rendez-vous professionnel";
  for (const userId of recipients) {
    await notifyUser(tx, deps, {
      userId,
      kind: "no_show",
      title: `Absence au ${what}`,
      body: `${person.name} ne s’est pas présenté(e) au ${what} du ${frenchDate(a.on)} (accompagnement global${row.benefits.includes("RSA") ? ", bénéficiaire du RSA" : ""}).`,
      emailBody: `Une personne que vous suivez en accompagnement global ne s’est pas présentée au ${what} du ${frenchDate(a.on)}.`,
      caseId: row.id,
    });
  }
}
