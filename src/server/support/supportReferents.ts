import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";

type Ctx = RequestContext & { user: SessionUser };

/**
 * An organisation names its global-support referents: told at once when an RSA beneficiary of
 * its territory misses a first appointment [002 art. 2 e)]. Its org_admin chooses them.
 */
export async function listSupportReferents(db: Db, ctx: Ctx, organisationId: string): Promise<string[]> {
  authorize(ctx.user, "organisation.users.read", { organisationId });
  return (await db.query<{ user_id: string }>("SELECT user_id FROM support_referents WHERE organisation_id = $1", [organisationId])).map((r) => r.user_id);
}

export async function setSupportReferents(db: Db, ctx: Ctx, organisationId: string, userIds: string[]): Promise<string[]> {
  authorize(ctx.user, "organisation.users.manage", { organisationId });
  const members = await db.query<{ id: string }>("SELECT id FROM users WHERE organisation_id = $1 AND id = ANY($2::uuid[]) AND active", [organisationId, userIds]);
  if (members.length !== new Set(userIds).size) {
    throw errors.validation([{ path: "body.userIds", message: "Un référent doit être un utilisateur actif de l’organisation." }]);
  }
  await db.transaction(async (tx) => {
    await tx.query("DELETE FROM support_referents WHERE organisation_id = $1", [organisationId]);
    if (userIds.length) {
      await tx.query("INSERT INTO support_referents (organisation_id, user_id) SELECT $1, unnest($2::uuid[])", [organisationId, [...new Set(userIds)]]);
    }
    await audit(tx, ctx, { action: "support.referents_set", subjectType: "organisation", subjectId: organisationId, details: { userIds } });
  });
  return [...new Set(userIds)];
}
