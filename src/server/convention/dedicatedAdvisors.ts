import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runConventionCommand } from "./conventionCommand.js";
import { conventionErrors } from "./conventionErrors.js";

type Ctx = RequestContext & { user: SessionUser };

/**
 * « Conseillers dédiés » (002 art. 3.1) are the advisors named as dedicated under the convention:
 * named (or removed) from the convention page by a steering user of a France Travail party,
 * audited. The commitment counts them, not anyone who carries one case.
 */
async function mayName(db: Db, user: SessionUser, conventionId: string): Promise<boolean> {
  if (!user.roles.includes("steering")) return false;
  const [party] = await db.query(
    `SELECT 1 FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.convention_id = $1 AND p.side = 'france_travail' AND (o.id = $2 OR o.id = (SELECT parent_id FROM organisations WHERE id = $2))`,
    [conventionId, user.organisationId],
  );
  return Boolean(party);
}
async function authorizeFranceTravailSteering(tx: Db, user: SessionUser, conventionId: string) {
  if (!(await mayName(tx, user, conventionId))) throw errors.forbidden();
}

/**
 * What the convention page shows: the advisors named, and — to a France Travail steering user of
 * the convention while it runs — the advisors of its France Travail parties (and their agencies) to name.
 */
export async function dedicatedAdvisorsOf(db: Db, user: SessionUser, conventionId: string, open: boolean) {
  const named = await db.query<{ userId: string; name: string }>(
    `SELECT u.id AS "userId", u.first_name || ' ' || u.last_name AS name FROM convention_dedicated_advisors d JOIN users u ON u.id = d.user_id
      WHERE d.convention_id = $1 ORDER BY u.last_name, u.first_name`,
    [conventionId],
  );
  const canName = open && (await mayName(db, user, conventionId));
  const candidates = canName
    ? await db.query<{ userId: string; name: string }>(
        `SELECT u.id AS "userId", u.first_name || ' ' || u.last_name AS name FROM users u JOIN organisations o ON o.id = u.organisation_id
          WHERE u.active AND 'advisor' = ANY(u.roles)
            AND (o.id IN (SELECT organisation_id FROM convention_parties WHERE convention_id = $1 AND side = 'france_travail')
              OR o.parent_id IN (SELECT organisation_id FROM convention_parties WHERE convention_id = $1 AND side = 'france_travail'))
            AND NOT EXISTS (SELECT 1 FROM convention_dedicated_advisors d WHERE d.convention_id = $1 AND d.user_id = u.id)
          ORDER BY u.last_name, u.first_name LIMIT 500`,
        [conventionId],
      )
    : [];
  return { named, canName, candidates };
}

export async function nameDedicatedAdvisor(db: Db, ctx: Ctx, id: string, userId: string, today: string) {
  await runConventionCommand(
    db,
    ctx,
    id,
    { audit: "convention.dedicated_advisor_named", today, authorize: (user, { tx }) => authorizeFranceTravailSteering(tx, user, id) },
    async ({ tx }) => {
      const [advisor] = await tx.query<{ first_name: string; last_name: string }>(
        "SELECT first_name, last_name FROM users WHERE id = $1 AND active AND 'advisor' = ANY(roles)",
        [userId],
      );
      if (!advisor) throw conventionErrors.dedicatedAdvisorInvalid("Choisissez un conseiller France Travail actif.");
      const inserted = await tx.query(
        "INSERT INTO convention_dedicated_advisors (convention_id, user_id, named_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1",
        [id, userId, ctx.user.id],
      );
      if (!inserted.length) throw conventionErrors.dedicatedAdvisorInvalid("Ce conseiller est déjà désigné comme dédié à cette convention.");
      return { event: { kind: "dedicated_advisor_named", occurredOn: today, details: { userId, name: `${advisor.first_name} ${advisor.last_name}` } }, audit: { userId } };
    },
  );
}

export async function removeDedicatedAdvisor(db: Db, ctx: Ctx, id: string, userId: string, today: string) {
  await runConventionCommand(
    db,
    ctx,
    id,
    { audit: "convention.dedicated_advisor_removed", today, authorize: (user, { tx }) => authorizeFranceTravailSteering(tx, user, id) },
    async ({ tx }) => {
      const removed = await tx.query("DELETE FROM convention_dedicated_advisors WHERE convention_id = $1 AND user_id = $2 RETURNING 1", [id, userId]);
      if (!removed.length) throw conventionErrors.dedicatedAdvisorInvalid("Ce conseiller n’est pas désigné comme dédié à cette convention.");
      return { event: { kind: "dedicated_advisor_removed", occurredOn: today, details: { userId } }, audit: { userId } };
    },
  );
}
