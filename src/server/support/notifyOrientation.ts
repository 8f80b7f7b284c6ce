import { expiryAfter } from "../../domain/convention/delays.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import type { CalendarDelay } from "../../shared/contracts/conventionFile.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { effectiveRoles } from "../platform/policies.js";
import { inTerritory } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { notifyUser } from "./notify.js";

type Oriented = {
  caseId: string;
  conventionId: string;
  conventionNumber: string;
  communeInsee: string;
  orientedOn: string;
  /** The day of the orientation's recording: the parties acting then are those the case page checks. */
  today: string;
  orientationToStart: CalendarDelay;
  originLabel: string;
  orienter: { id: string; organisationId: string };
};

const SIDES = [
  { side: "france_travail" as const, role: "advisor" as Role, who: "un conseiller France Travail" },
  { side: "partner" as const, role: "social_worker" as Role, who: "un travailleur social" },
];

/**
 * A new orientation reaches the people who will take it up: for each side of the pair, the
 * professionals (advisors, social workers) of the convention's parties on that side whose
 * organisation the case concerns — the orienter's organisation, or the one serving the person's
 * commune (the reach of support.case.read, so the link opens for each of them). An organisation
 * that named its global-support referents has them told instead of everyone. No name in the text:
 * it is e-mailed; the case page shows the person to whoever may see them.
 */
export async function notifyOrientationTakers(tx: Db, deps: Pick<SupportDeps, "mailer" | "publicUrl">, o: Oriented): Promise<number> {
  const startDueOn = expiryAfter(o.orientedOn, o.orientationToStart);
  let told = 0;
  for (const { side, role, who } of SIDES) {
    for (const organisationId of await conventionPartyOrganisationIds(tx, o.conventionId, o.today, side)) {
      const concerned = organisationId === o.orienter.organisationId || (await inTerritory(tx, organisationId, o.communeInsee, o.today));
      if (!concerned) continue;
      for (const userId of await takersOf(tx, organisationId, role)) {
        if (userId === o.orienter.id) continue;
        await notifyUser(tx, deps, {
          userId,
          kind: "case_to_take_up",
          title: "Nouvelle orientation à prendre en charge",
          body:
            `Une personne a été orientée vers l’accompagnement global le ${frenchDate(o.orientedOn)} (${o.originLabel}), ` +
            `au titre de la convention ${o.conventionNumber} : elle attend ${who}. ` +
            `Démarrage attendu au plus tard le ${frenchDate(startDueOn)}. Prenez-la en charge depuis « Orientations à attribuer » de votre portefeuille.`,
          caseId: o.caseId,
        });
        told++;
      }
    }
  }
  return told;
}

/** The organisation's active professionals of the role; only its designated referents among them, if it named some. */
async function takersOf(tx: Db, organisationId: string, role: Role): Promise<string[]> {
  const users = await tx.query<{ id: string; roles: Role[]; kind: OrganisationKind; referent: boolean }>(
    `SELECT u.id, u.roles, o.kind, EXISTS (SELECT 1 FROM support_referents r WHERE r.organisation_id = o.id AND r.user_id = u.id) AS referent
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.organisation_id = $1 AND u.active ORDER BY u.last_name, u.first_name`,
    [organisationId],
  );
  const professionals = users.filter((u) => effectiveRoles(u.kind, u.roles).includes(role));
  const referents = professionals.filter((u) => u.referent);
  return (referents.length > 0 ? referents : professionals).map((u) => u.id);
}

/**
 * Once a side is held, the "to take up" alerts of that case sent to the professionals of that side
 * have been answered: they are marked read, so that colleagues' portfolios do not keep stale calls.
 */
export async function settleTakeUpAlerts(tx: Db, caseId: string, sides: ("france_travail" | "social")[]): Promise<void> {
  const roles = sides.map((side) => (side === "france_travail" ? "advisor" : "social_worker"));
  if (roles.length === 0) return;
  await tx.query(
    `UPDATE notifications n SET read_at = now() FROM users u
      WHERE n.case_id = $1 AND n.kind = 'case_to_take_up' AND n.read_at IS NULL AND u.id = n.user_id AND u.roles && $2::text[]`,
    [caseId, roles],
  );
}
